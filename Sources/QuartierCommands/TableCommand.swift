import ArgumentParser
import Foundation
import QuartierTable

/// `quartier table`: inspect tabular inputs.
struct TableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Inspect tables (CSV exports of statistics offices and registers).",
        subcommands: [Info.self, Scan.self]
    )

    /// `quartier table info FILE`.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delimiter, encoding, rows, and each column's detected type with missing and suppressed counts.")

        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Force the encoding: utf-8 or windows-1252 (default: detected).") var encoding: String?
        @Option(help: "Force the delimiter: ';', ',', 'tab' or '|' (default: detected).") var delimiter: String?
        @Option(parsing: .singleValue, help: ArgumentHelp("A sentinel value meaning 'no value' (repeatable), e.g. -9999.", valueName: "VALUE"))
        var sentinel: [Double] = []
        @Flag(help: "Summarise in one streaming pass without keeping rows (one decimal style per file; automatic above 64 MB).")
        var stream = false

        func validate() throws {
            if let encoding, TextEncoding(name: encoding) == nil {
                throw ValidationError("--encoding must be utf-8 or windows-1252, not '\(encoding)'")
            }
            if let delimiter, Self.delimiterByte(delimiter) == nil {
                throw ValidationError("--delimiter must be one character or 'tab', not '\(delimiter)'")
            }
        }

        static func delimiterByte(_ text: String) -> UInt8? { TableOptions.delimiter(named: text) }

        func run() async throws {
            let options = TableOptions(
                delimiter: delimiter.flatMap(Self.delimiterByte), encoding: encoding.flatMap(TextEncoding.init(name:)),
                sentinels: sentinel.isEmpty ? [:] : ["*": sentinel])
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            if stream || size > 64 << 20 {
                let summary = try CSVRecordReader(path: file, options: options).summarize(options: options)
                print(TableInfoText.render(summary) + "\n(streamed: one decimal style for the whole file)")
            } else {
                print(TableInfoText.render(try Table.read(path: file, options: options).summary))
            }
        }
    }
}

/// The text `quartier table info` prints.
enum TableInfoText {
    static func render(_ table: TableSummary) -> String {
        var lines = [
            "file: \(table.source)",
            "delimiter: \(table.dialect.delimiterName)",
            "encoding: \(table.dialect.encoding)\(table.dialect.hasByteOrderMark ? " (with BOM)" : "")",
            "rows: \(table.rowCount) (plus the header)",
            "columns: \(table.header.count)",
        ]
        let width = min(40, table.header.map(\.count).max() ?? 0)
        for column in table.columns {
            let name = column.name.count > width ? String(column.name.prefix(width - 1)) + "…" : column.name
            var parts = ["\(column.kind)"]
            if column.kind == .decimal || column.kind == .integer { parts.append("\(column.decimalStyle)") }
            parts.append("\(column.values) values")
            if column.missing > 0 { parts.append("\(column.missing) missing") }
            if column.suppressed > 0 { parts.append("\(column.suppressed) suppressed") }
            if column.sentinels > 0 { parts.append("\(column.sentinels) sentinels") }
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
