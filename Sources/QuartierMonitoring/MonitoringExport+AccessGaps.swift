import Quartier
import QuartierTable

extension MonitoringExport {
    /// The gap tables of the store (`MonitoringStoreTables.accessGaps`: made from the published results
    /// only) as CSV files `access_gaps.csv` and `access_gap_summary.csv`; nothing without an inventory
    /// with `need`.
    static func writeAccessGaps(spec: MonitoringSpec, published: PublishedResults, output: (String, String, String) throws -> String) throws -> [String] {
        var written: [String] = []
        for table in MonitoringStoreTables.accessGaps(spec: spec, published: published) {
            let path = try output("", String(table.name.dropFirst("published_".count)), ".csv")
            let rows: [[CSVWriter.Value]] = table.rows.map { row in
                row.map { value in
                    switch value {
                    case .null: .absent(marker: "")
                    case .integer(let v): .integer(v)
                    case .real(let v): .number(v)
                    case .text(let v): .text(v)
                    case .boolean(let v): .integer(v ? 1 : 0)
                    }
                }
            }
            try CSVWriter().write(header: table.columns.map(\.name), rows: rows, to: path)
            written.append(path)
        }
        return written
    }
}
