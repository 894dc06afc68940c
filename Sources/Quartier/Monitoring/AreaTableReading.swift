import QuartierBase
import QuartierTable

/// One year's table per area from the statistics office, read for a monitoring: the count columns
/// the indicators use (and the population as `n`), the published values, and the publisher's
/// validity flag.
///
/// Every row must name an area of the level (else an error naming the line); areas without a row
/// get counts 0 and no values, and are invalid for the index ("not in the table").
struct AreaTableReading {
    var counts: CountTable
    /// Column → area id → value (nil: absent, e.g. a sentinel or a suppression marker).
    var published: [String: [String: Double?]]
    /// Area id → nil when valid, else the reason (the flag's text).
    var validity: [String: String?]
    var rows: Int

    init(source: RecordSourceSpec.AreaTableSource, year: Int, indicators: [IndicatorSpec], areaIDs: [String]) throws {
        var textColumns: Set<String> = [source.idColumn]
        if let valid = source.validColumn { textColumns.insert(valid) }
        let table = try Table.read(path: source.file, options: TableOptions(
            sentinels: source.sentinels.isEmpty ? [:] : ["*": source.sentinels], textColumns: textColumns))
        let id = try table.columnIndex(source.idColumn)
        let population = try source.populationColumn.map(table.columnIndex)
        let valid = try source.validColumn.map(table.columnIndex)
        let areaRow = Dictionary(uniqueKeysWithValues: areaIDs.enumerated().map { ($1, $0) })

        var countColumns: [String] = []
        var publishedColumns: [String] = []
        for indicator in indicators {
            switch indicator.definition {
            case .rate(let numerator, let denominator):
                for term in [numerator, denominator] {
                    if case .column(let name) = term, !countColumns.contains(name) { countColumns.append(name) }
                }
            case .published(let column):
                if !publishedColumns.contains(column) { publishedColumns.append(column) }
            }
        }
        let countIndexes = try countColumns.map(table.columnIndex)
        let publishedIndexes = try publishedColumns.map(table.columnIndex)

        let terms = ["n"] + countColumns.map { "column:" + $0 }
        var flat = [Int64](repeating: 0, count: areaIDs.count * terms.count)
        var published: [String: [String: Double?]] = [:]
        var validity: [String: String?] = Dictionary(uniqueKeysWithValues: areaIDs.map { ($0, "not in the table of \(year)") })
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            guard let area = table.text(row: row, column: id) else {
                throw InputError(table.location(row: row, column: id), found: "no id", expected: "an area id")
            }
            guard let r = areaRow[area] else {
                throw InputError(table.location(row: row, column: id), found: "\"\(area)\", which is not an area of level \(source.level)",
                                 expected: "one of the \(areaIDs.count) area ids")
            }
            if let first = seen[area] {
                throw InputError(table.location(row: row, column: id), found: "area \(area) a second time (first on line \(first))",
                                 expected: "one row per area")
            }
            seen[area] = table.lines[row]
            func count(_ column: Int) throws -> Int64 {
                guard let value = try table.number(row: row, column: column) else { return 0 }
                guard value == value.rounded(), value >= 0 else {
                    throw InputError(table.location(row: row, column: column), found: "\(value)", expected: "a count (a whole number ≥ 0)")
                }
                return Int64(value)
            }
            if let population { flat[r * terms.count] = try count(population) }
            for (k, column) in countIndexes.enumerated() { flat[r * terms.count + 1 + k] = try count(column) }
            for (name, column) in zip(publishedColumns, publishedIndexes) {
                published[name, default: [:]][area] = try table.number(row: row, column: column)
            }
            if let valid {
                let flag = table.text(row: row, column: valid) ?? ""
                validity[area] = source.validValues.contains(flag) ? nil : (flag.isEmpty ? "no validity flag" : flag)
            } else {
                validity[area] = .some(nil)
            }
        }
        self.counts = CountTable(areaIDs: areaIDs, terms: terms, counts: flat)
        self.published = published
        self.validity = validity
        self.rows = table.rowCount
    }
}
