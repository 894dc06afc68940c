import QuartierBase
import QuartierTable

/// Writes a report into a folder: `report.html` and its CSV tables, each file atomically.
public enum ReportWriter {
    /// Writes `document` into `folder` and returns the paths written, in order.
    public static func write(_ document: ReportDocument, to folder: String, language: ReportLanguage) throws -> [String] {
        var written: [String] = []
        let html = folder + "/report.html"
        try AtomicFile.write(document.html, to: html)
        written.append(html)
        let writer = CSVWriter(style: language == .de ? .german : .international)
        for table in document.tables {
            let path = folder + "/" + table.fileName
            try writer.write(header: table.header, rows: table.rows, to: path)
            written.append(path)
        }
        return written
    }
}
