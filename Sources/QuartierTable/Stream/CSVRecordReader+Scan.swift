import QuartierBase

/// What one streaming pass over a file gave: rows, sums of numeric columns, filter counts.
public struct TableScan: Sendable, Hashable {
    public struct Sum: Sendable, Hashable {
        public var column: String
        /// The sum of the present values, added in file order.
        public var total: Double
        public var values: Int
        /// Empty cells, suppression markers and declared sentinels.
        public var missing: Int
    }

    public struct Count: Sendable, Hashable {
        public var name: String
        public var filter: String
        /// Records for which the filter is true.
        public var count: Int
    }

    public var rows: Int
    public var sums: [Sum]
    public var counts: [Count]
}

extension CSVRecordReader {
    /// Streams the rest of the file once: parses the numeric fields that `sums` and `counts` need
    /// (straight from the bytes, with the reader's decimal style), adds the sums and counts the
    /// records each filter accepts.
    ///
    /// An empty cell, a suppression marker or a sentinel is missing (NaN for the filters); any other
    /// non-number in a needed column is an `InputError` naming line, column and field.
    /// - Complexity: O(bytes); memory O(columns).
    public func scan(sums: [String], counts: [NamedFilter], options: TableOptions = TableOptions()) throws -> TableScan {
        let sumColumns = try sums.map(columnIndex)
        let filters = try counts.map { try $0.compile(header: header) }
        let needed = Array(Set(sumColumns + filters.flatMap(\.columns))).sorted()
        let sentinels: [Set<Double>?] = header.map {
            let values = Set((options.sentinels[$0] ?? []) + (options.sentinels["*"] ?? []))
            return values.isEmpty ? nil : values
        }
        let filterSet = CompiledFilterSet(filters)
        let texts = filterSet.texts
        var totals = [Double](repeating: 0, count: sumColumns.count)
        var present = [Int](repeating: 0, count: sumColumns.count)
        var tallies = [Int](repeating: 0, count: filters.count)
        var rows = 0
        var values = [Double](repeating: .nan, count: header.count + texts.count)
        let width = header.count
        // Everything the per-record loop touches is reached through unsafe buffers: no reference
        // counting per record.
        try filterSet.withEvaluator { evaluator in
        try needed.withUnsafeBufferPointer { needed in
        try sumColumns.withUnsafeBufferPointer { sumColumns in
        try totals.withUnsafeMutableBufferPointer { totals in
        try present.withUnsafeMutableBufferPointer { present in
        try tallies.withUnsafeMutableBufferPointer { tallies in
        try values.withUnsafeMutableBufferPointer { buffer in
            let view = UnsafeBufferPointer(buffer)
            try forEachRecord { record in
                rows += 1
                for column in needed {
                    guard let value = record.value(column, sentinels: sentinels[column], markers: options.suppressionMarkers) else {
                        throw error(record, column: column, expected: "a number, an empty cell or a suppression marker")
                    }
                    buffer[column] = value
                }
                for (index, text) in texts.enumerated() {
                    buffer[width + index] = record.textValue(text.column, equals: text.text)
                }
                for index in sumColumns.indices where !buffer[sumColumns[index]].isNaN {
                    totals[index] += buffer[sumColumns[index]]
                    present[index] += 1
                }
                for index in 0..<evaluator.count where evaluator.passes(index, view) {
                    tallies[index] += 1
                }
            }
        } } } } } } }
        return TableScan(
            rows: rows,
            sums: sums.indices.map { TableScan.Sum(column: sums[$0], total: totals[$0], values: present[$0], missing: rows - present[$0]) },
            counts: counts.indices.map { TableScan.Count(name: counts[$0].name, filter: counts[$0].text, count: tallies[$0]) })
    }
}
