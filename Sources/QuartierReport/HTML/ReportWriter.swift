import QuartierBase
import QuartierTable

/// Writes a report into a folder: `report.html` and its CSV tables, each file atomically.
public enum ReportWriter {
    /// Writes `document` into `folder` and returns the paths written, in order.
    /// - Parameters:
    ///   - inputs: files the report must never replace (the spec's inputs and store); every path is
    ///     checked (`OutputGuard`) and every file name sanitised (`OutputFileName`) before anything is written.
    ///   - force: replace existing files of the report's names that Quartier did not write there
    ///     (`OutputManifest`); never an input.
    public static func write(_ document: ReportDocument, to folder: String, language: ReportLanguage,
                             inputs: [String] = [], force: Bool = false) throws -> [String] {
        let html = try OutputFileName.path(in: folder, "", "report", ".html")
        let tables = try document.tables.map { table in (table, try OutputFileName.path(in: folder, "", table.fileName)) }
        for path in [html] + tables.map(\.1) { try OutputGuard.check(path, kind: "report", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists) }
        var written: [String] = []
        try AtomicFile.write(document.html, to: html)
        written.append(html)
        let writer = CSVWriter(style: language == .de ? .german : .international)
        for (table, path) in tables {
            try writer.write(header: table.header, rows: table.rows, to: path)
            written.append(path)
        }
        try OutputManifest.record(written, in: folder)
        return written
    }
}
