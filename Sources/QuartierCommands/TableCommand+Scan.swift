import ArgumentParser
import Foundation
import QuartierTable

extension TableCommand {
    /// `quartier table scan FILE --sum COL --count NAME=FILTER`: one streaming pass.
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream a (big) CSV once: row count, sums of numeric columns, records per filter.",
            discussion: """
                Filters use the language of docs/expressions.md, e.g. --count kinder='age < 15'. \
                Missing values (empty, suppression markers, sentinels) make a comparison unknown: \
                a record counts only when its filter is true.
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(name: .customLong("sum"), help: ArgumentHelp("A numeric column to add up (repeatable).", valueName: "COLUMN"))
        var sums: [String] = []
        @Option(name: .customLong("count"), help: ArgumentHelp("A named filter to count (repeatable), e.g. kinder='age < 15'.", valueName: "NAME=FILTER"))
        var counts: [String] = []
        @Option(help: "Force the encoding: utf-8 or windows-1252 (default: detected).") var encoding: String?
        @Option(help: "Force the delimiter: ';', ',', 'tab' or '|' (default: detected).") var delimiter: String?
        @Option(help: "Force the decimal style: point or comma (default: comma for ';' files, else point).") var decimal: String?
        @Option(parsing: .singleValue, help: ArgumentHelp("A sentinel value meaning 'no value' (repeatable), e.g. -9999.", valueName: "VALUE"))
        var sentinel: [Double] = []
        @Flag(help: "Print the elapsed time and rows per second to stderr.") var timings = false

        func validate() throws {
            if let encoding, TextEncoding(name: encoding) == nil {
                throw ValidationError("--encoding must be utf-8 or windows-1252, not '\(encoding)'")
            }
            if let delimiter, Info.delimiterByte(delimiter) == nil {
                throw ValidationError("--delimiter must be one character or 'tab', not '\(delimiter)'")
            }
            if let decimal, DecimalStyle(rawValue: decimal) == nil {
                throw ValidationError("--decimal must be point or comma, not '\(decimal)'")
            }
            for count in counts {
                do { _ = try NamedFilter(parsing: count) } catch let error as FilterError {
                    throw ValidationError("--count \(error)")
                }
            }
        }

        func run() async throws {
            let start = Date()
            let options = TableOptions(
                delimiter: delimiter.flatMap(Info.delimiterByte), encoding: encoding.flatMap(TextEncoding.init(name:)),
                decimalStyle: decimal.flatMap(DecimalStyle.init(rawValue:)),
                sentinels: sentinel.isEmpty ? [:] : ["*": sentinel])
            let reader = try CSVRecordReader(path: file, options: options)
            let result = try reader.scan(sums: sums, counts: try counts.map(NamedFilter.init(parsing:)), options: options)
            print(TableScanText.render(result, reader: reader))
            if timings {
                let seconds = Date().timeIntervalSince(start)
                FileHandle.standardError.write(Data(String(format: "scan: %d rows in %.3f s (%.0f rows/s)\n",
                                                           result.rows, seconds, Double(result.rows) / seconds).utf8))
            }
        }
    }
}

/// The text `quartier table scan` prints (deterministic: no times).
enum TableScanText {
    static func render(_ scan: TableScan, reader: CSVRecordReader) -> String {
        var lines = ["file: \(reader.path)", "delimiter: \(reader.dialect.delimiterName), \(reader.decimalStyle)",
                     "rows: \(scan.rows)"]
        for sum in scan.sums {
            lines.append("sum \(sum.column): \(CSVWriter().line([.number(sum.total)])) (\(sum.values) values, \(sum.missing) missing)")
        }
        for count in scan.counts {
            lines.append("count \(count.name): \(count.count)  [\(count.filter)]")
        }
        return lines.joined(separator: "\n")
    }
}
