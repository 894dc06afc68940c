import QuartierBase

/// What `quartier table info` reports about a file: its dialect, row count and each column's kind.
public struct TableSummary: Sendable, Hashable {
    public var source: String
    public var dialect: CSVDialect
    public var header: [String]
    public var rowCount: Int
    public var columns: [ColumnSummary]

    public init(source: String, dialect: CSVDialect, header: [String], rowCount: Int, columns: [ColumnSummary]) {
        self.source = source
        self.dialect = dialect
        self.header = header
        self.rowCount = rowCount
        self.columns = columns
    }
}

extension Table {
    /// The summary of a read table.
    public var summary: TableSummary {
        TableSummary(source: source, dialect: dialect, header: header, rowCount: rowCount, columns: columns)
    }
}

extension CSVRecordReader {
    /// Summarises the rest of the file in one streaming pass, without keeping its rows.
    ///
    /// Per field: blank → missing; a suppression marker → suppressed; a declared sentinel →
    /// sentinel; a number in the reader's `decimalStyle` without a leading zero → integer or
    /// decimal; anything else → text (and the column is text). Unlike `Table`, the decimal style is
    /// one for the whole file (`.comma` for `;` files unless forced), so use `Table` for small
    /// tables with mixed styles.
    /// - Complexity: O(bytes); memory O(columns).
    public func summarize(options: TableOptions = TableOptions()) throws -> TableSummary {
        let count = header.count
        var values = [Int](repeating: 0, count: count)
        var missing = [Int](repeating: 0, count: count)
        var suppressed = [Int](repeating: 0, count: count)
        var sentinels = [Int](repeating: 0, count: count)
        var text = [Bool](repeating: false, count: count)
        var decimal = [Bool](repeating: false, count: count)
        let sentinelSets = header.map { Set((options.sentinels[$0] ?? []) + (options.sentinels["*"] ?? [])) }
        let forcedText = header.map { options.textColumns.contains($0) }
        var rows = 0
        try forEachRecord { record in
            rows += 1
            for column in 0..<count {
                if record.isBlank(column) { missing[column] += 1; continue }
                if forcedText[column] || text[column] { values[column] += 1; continue }
                if let value = record.double(column), !Self.hasLeadingZero(record.bytes(column)) {
                    if !sentinelSets[column].isEmpty && sentinelSets[column].contains(value) {
                        sentinels[column] += 1
                    } else {
                        values[column] += 1
                        if value != value.rounded() { decimal[column] = true }
                    }
                } else if record.isMarker(column, in: options.suppressionMarkers) {
                    suppressed[column] += 1
                } else {
                    values[column] += 1
                    text[column] = true
                }
            }
        }
        let columns = header.indices.map { column in
            let kind: ColumnSummary.Kind = values[column] == 0 ? .empty
                : (text[column] || forcedText[column]) ? .text : decimal[column] ? .decimal : .integer
            return ColumnSummary(name: header[column], kind: kind, decimalStyle: decimalStyle, values: values[column],
                                 missing: missing[column], suppressed: suppressed[column], sentinels: sentinels[column])
        }
        return TableSummary(source: path, dialect: dialect, header: header, rowCount: rows, columns: columns)
    }

    /// `0123` (a leading zero before another digit, after an optional sign): an id, not a number.
    static func hasLeadingZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        return index + 1 < bytes.count && bytes[index] == UInt8(ascii: "0") && bytes[index + 1] &- 48 < 10
    }
}
