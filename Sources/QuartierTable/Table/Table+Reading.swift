import Foundation
import QuartierBase

extension Table {
    /// Reads a CSV file.
    ///
    /// Detection (each can be forced through `options`): encoding and delimiter as `CSVDialect.detect`;
    /// the decimal style per column from its cells (`1,5` → comma, `1.5`/`0.25` → point; `1.171`
    /// decides nothing), else from the whole file, else the delimiter (`;` → comma, else point).
    /// A cell is text when it has a leading zero (`01100101`), when its column is a text column,
    /// or when it is not a number; a column is numeric when all its present cells are numbers.
    /// - Throws: `InputError` for an unreadable file, an unterminated quote, a row with another
    ///   number of fields than the header (naming its line and both counts), an empty file.
    public static func read(path: String, options: TableOptions = TableOptions()) throws -> Table {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no readable file", expected: "a CSV file")
        }
        return try parse(bytes: [UInt8](data), path: path, options: options)
    }

    /// Parses CSV bytes; `path` names the source in messages.
    public static func parse(bytes: [UInt8], path: String, options: TableOptions = TableOptions()) throws -> Table {
        var dialect = CSVDialect.detect(bytes)
        if let delimiter = options.delimiter { dialect.delimiter = delimiter }
        if let encoding = options.encoding { dialect.encoding = encoding }
        let records = try CSVParser.records(bytes, dialect: dialect, path: path)
        guard let headerRecord = records.first else {
            throw InputError(InputLocation(file: path), found: "an empty file", expected: "a header line")
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.dropFirst()
        for record in rows where record.fields.count != header.count {
            throw InputError(InputLocation(file: path, line: record.line),
                             found: "\(record.fields.count) fields", expected: "\(header.count) fields as in the header (line \(headerRecord.line))")
        }

        // Decimal style: per column, else file-wide, else by delimiter.
        var columnEvidence = [[DecimalStyle: Int]](repeating: [:], count: header.count)
        for record in rows {
            for (column, field) in record.fields.enumerated() {
                if let style = NumberParser.evidence(field) { columnEvidence[column][style, default: 0] += 1 }
            }
        }
        var fileEvidence: [DecimalStyle: Int] = [:]
        for evidence in columnEvidence { for (style, count) in evidence { fileEvidence[style, default: 0] += count } }
        func majority(_ evidence: [DecimalStyle: Int]) -> DecimalStyle? {
            let comma = evidence[.comma] ?? 0, point = evidence[.point] ?? 0
            return comma == point ? nil : (comma > point ? .comma : .point)
        }
        let fileStyle = majority(fileEvidence) ?? (dialect.delimiter == UInt8(ascii: ";") ? .comma : .point)
        let styles = header.indices.map { options.decimalStyle ?? majority(columnEvidence[$0]) ?? fileStyle }
        let sentinels = header.map { Set((options.sentinels[$0] ?? []) + (options.sentinels["*"] ?? [])) }

        var cells: [[Cell]] = []
        cells.reserveCapacity(rows.count)
        var lines: [Int] = []
        for record in rows {
            var row: [Cell] = []
            row.reserveCapacity(header.count)
            for (column, field) in record.fields.enumerated() {
                row.append(parseCell(field, quoted: record.quoted[column], style: styles[column],
                                     isText: options.textColumns.contains(header[column]),
                                     markers: options.suppressionMarkers, sentinels: sentinels[column]))
            }
            cells.append(row)
            lines.append(record.line)
        }

        var summaries: [ColumnSummary] = []
        for (column, name) in header.enumerated() {
            var summary = ColumnSummary(name: name, kind: .empty, decimalStyle: styles[column], values: 0, missing: 0, suppressed: 0, sentinels: 0)
            var allIntegers = true, allNumbers = true
            for row in cells {
                switch row[column] {
                case .missing: summary.missing += 1
                case .suppressed: summary.suppressed += 1
                case .sentinel: summary.sentinels += 1
                case .number(let value):
                    summary.values += 1
                    if value != value.rounded() { allIntegers = false }
                case .text:
                    summary.values += 1
                    allNumbers = false
                }
            }
            if summary.values > 0 { summary.kind = allNumbers ? (allIntegers ? .integer : .decimal) : .text }
            if summary.kind == .text {
                // A column with any text is a text column: its numbers are kept as written.
                for (row, record) in rows.enumerated() where cells[row][column].number != nil {
                    cells[row][column] = .text(record.fields[column].trimmingCharacters(in: .whitespaces))
                }
            }
            summaries.append(summary)
        }
        return Table(source: path, dialect: dialect, header: header, cells: cells, lines: lines, columns: summaries)
    }

    /// One cell: markers and sentinels first, then numbers (never with a leading zero), then text.
    static func parseCell(_ field: String, quoted: Bool, style: DecimalStyle, isText: Bool,
                          markers: Set<String>, sentinels: Set<Double>) -> Cell {
        let trimmed = field.trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\t"))
        if trimmed.isEmpty { return .missing }
        if isText { return .text(trimmed) }
        if !quoted && markers.contains(trimmed) { return .suppressed(trimmed) }
        let digits = trimmed.drop { $0 == "-" || $0 == "+" || $0 == " " }
        if digits.count > 1, digits.first == "0", let second = digits.dropFirst().first, second.isASCIIDigit {
            return .text(trimmed)
        }
        if let value = NumberParser.parse(trimmed, style: style) {
            return sentinels.contains(value) ? .sentinel(value) : .number(value)
        }
        return .text(trimmed)
    }
}
