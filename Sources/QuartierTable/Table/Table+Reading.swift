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
    ///
    /// Two streaming passes of `CSVRecordReader` over the bytes: the first gathers each column's
    /// decimal-style evidence and whether every present cell is a number in either style; the
    /// second builds the cells. Numbers are parsed from the bytes (`FieldNumber`); only text cells
    /// become `String`s.
    public static func parse(bytes: [UInt8], path: String, options: TableOptions = TableOptions()) throws -> Table {
        let first = try CSVRecordReader(bytes: bytes, path: path, options: options)
        let header = first.header
        let dialect = first.dialect
        let width = header.count
        let declaredText = header.map { options.textColumns.contains($0) }
        let markers = MarkerMatcher(options.suppressionMarkers, encoding: dialect.encoding)

        // Pass 1: evidence and which columns hold anything but numbers.
        var commaEvidence = [Int](repeating: 0, count: width)
        var pointEvidence = [Int](repeating: 0, count: width)
        var leadingZero = [Bool](repeating: false, count: width)
        var notComma = [Bool](repeating: false, count: width)
        var notPoint = [Bool](repeating: false, count: width)
        try first.forEachRecord { record in
            for column in 0..<width {
                let field = record.bytes(column)
                if field.count < 64, let style = NumberParser.evidence(field) {
                    if style == .comma { commaEvidence[column] += 1 } else { pointEvidence[column] += 1 }
                }
                if declaredText[column] || Self.isBlank(field) || (!record.isQuoted(column) && markers.matches(field)) { continue }
                if CSVRecordReader.hasLeadingZero(field) { leadingZero[column] = true; continue }
                if !notComma[column] && FieldNumber.parse(field, style: .comma) == nil { notComma[column] = true }
                if !notPoint[column] && FieldNumber.parse(field, style: .point) == nil { notPoint[column] = true }
            }
        }
        func majority(_ comma: Int, _ point: Int) -> DecimalStyle? {
            comma == point ? nil : (comma > point ? .comma : .point)
        }
        let fileStyle = majority(commaEvidence.reduce(0, +), pointEvidence.reduce(0, +))
            ?? (dialect.delimiter == UInt8(ascii: ";") ? .comma : .point)
        let styles = (0..<width).map { options.decimalStyle ?? majority(commaEvidence[$0], pointEvidence[$0]) ?? fileStyle }
        // A column with any text is a text column: its numbers are kept as written.
        let textual = (0..<width).map { leadingZero[$0] || (styles[$0] == .comma ? notComma[$0] : notPoint[$0]) }
        let sentinels = header.map { Set((options.sentinels[$0] ?? []) + (options.sentinels["*"] ?? [])) }

        // Pass 2: the cells.
        var cells: [[Cell]] = []
        var lines: [Int] = []
        let second = try CSVRecordReader(bytes: bytes, path: path, options: options)
        try second.forEachRecord { record in
            var row: [Cell] = []
            row.reserveCapacity(width)
            for column in 0..<width {
                let field = record.bytes(column)
                if Self.isBlank(field) {
                    row.append(.missing)
                } else if declaredText[column] {
                    row.append(.text(Self.trimmed(record.string(column))))
                } else if !record.isQuoted(column) && markers.matches(field) {
                    row.append(.suppressed(Self.trimmed(record.string(column))))
                } else if CSVRecordReader.hasLeadingZero(field) {
                    row.append(.text(Self.trimmed(record.string(column))))
                } else if let value = FieldNumber.parse(field, style: styles[column]) {
                    if !sentinels[column].isEmpty && sentinels[column].contains(value) {
                        row.append(.sentinel(value))
                    } else {
                        row.append(textual[column] ? .text(Self.trimmed(record.string(column))) : .number(value))
                    }
                } else {
                    row.append(.text(Self.trimmed(record.string(column))))
                }
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
            summaries.append(summary)
        }
        return Table(source: path, dialect: dialect, header: header, cells: cells, lines: lines, columns: summaries)
    }

    /// Spaces, tabs and no-break spaces only (or nothing).
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0xA0 {
                index += 1
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                index += 2
            } else {
                return false
            }
        }
        return true
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\t"))
    }
}

/// Compares a field's bytes, trimmed of spaces, with the suppression markers in the file's encoding.
struct MarkerMatcher {
    let markers: [[UInt8]]

    init(_ markers: Set<String>, encoding: TextEncoding) {
        self.markers = markers.sorted().compactMap { marker in
            switch encoding {
            case .utf8: Array(marker.utf8)
            case .windows1252: marker.data(using: .windowsCP1252).map { [UInt8]($0) }
            }
        }
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var low = 0, high = bytes.count
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        let length = high - low
        guard length > 0, length <= 8 else { return false }
        for marker in markers where marker.count == length {
            var equal = true
            for offset in 0..<length where marker[offset] != bytes[low + offset] { equal = false; break }
            if equal { return true }
        }
        return false
    }
}
