/// The social-monitoring report: HTML with inline SVG maps, tables, profiles and methods.
public enum QuartierReportModule {}
