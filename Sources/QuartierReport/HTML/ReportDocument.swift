import QuartierTable

/// A finished report: one self-contained HTML file and the CSV tables it shows.
public struct ReportDocument: Sendable {
    /// The HTML (inline CSS and SVG; no script, no external reference).
    public var html: String
    public var tables: [ReportTable]
    /// Vertices of the level-0 geometry before and after the display simplification.
    public var verticesBefore: Int
    public var verticesAfter: Int
}

/// One table of the report as it is written to CSV.
public struct ReportTable: Sendable {
    /// File name without folder, e.g. `ranking.csv`.
    public var fileName: String
    public var header: [String]
    public var rows: [[CSVWriter.Value]]
}

/// Which areas get a profile section.
public enum ProfileSelection: Sendable, Hashable {
    case all
    case none
    /// The areas whose index class is one of these ids.
    case classes(Set<Int>)
}
