/// CSV and other tabular inputs read as bytes (delimiter and encoding detection, German numbers, suppression markers), and the record filter expression language.
public enum QuartierTableModule {}
