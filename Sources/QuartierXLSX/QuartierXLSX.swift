/// Swift wrapper of libxlsxwriter: writes spreadsheet tables.
public enum QuartierXLSXModule {}
