import Quartier
import QuartierBase
import QuartierTable

/// One year's table per area from the statistics office, read for a monitoring: the count columns
/// the indicators use (the population as the source's all-records term), the published values,
/// and the publisher's validity flag. Any level; wide (one file per year) or long (a year column:
/// only that year's rows are read).
///
/// Cells without a value are masked with their reason, never read as 0: a suppression marker of
/// official statistics (`*`, `.`, `-`, `x` … — `TableOptions.officialMarkers`, e.g. the BA's `*`
/// for values of 1 or 2 and what would reveal them), a declared sentinel, or an empty cell.
///
/// Every row of the year must name an area of the level (else an error naming the line); areas
/// without a row get counts 0 and no values, and are invalid for the index ("not in the table").
struct AreaTableReading {
    var counts: CountTable
    /// Column → area id → value (nil: absent, e.g. a sentinel or a suppression marker).
    var published: [String: [String: Double?]]
    /// Area id → nil when valid, else the reason (the flag's text).
    var validity: [String: String?]
    var rows: Int

    /// - Parameters:
    ///   - terms: (count key, term) the indicators need from this source (`.all` = the population column).
    ///   - publishedColumns: the columns of published values (`value_column`) taken from this source.
    init(source: RecordSourceSpec, table source_: RecordSourceSpec.AreaTableSource, terms: [(key: String, term: IndicatorSpec.Term)],
         publishedColumns: [String], areaIDs: [String]) throws {
        let source = (spec: source, table: source_)
        var textColumns: Set<String> = [source.table.idColumn]
        if let valid = source.table.validColumn { textColumns.insert(valid) }
        if let selector = source.spec.yearSelector { textColumns.insert(selector.column) }
        let table = try Table.read(path: source.table.file, options: TableOptions(
            delimiter: source.spec.reading.delimiter, encoding: source.spec.reading.encoding, decimalStyle: source.spec.reading.decimalStyle,
            sentinels: source.table.sentinels.isEmpty ? [:] : ["*": source.table.sentinels], textColumns: textColumns))
        let id = try table.columnIndex(source.table.idColumn)
        let valid = try source.table.validColumn.map(table.columnIndex)
        let yearColumn = try source.spec.yearSelector.map { try table.columnIndex($0.column) }
        let areaRow = Dictionary(uniqueKeysWithValues: areaIDs.enumerated().map { ($1, $0) })

        // The column each term reads (nil: the population column is absent → the term is masked).
        let columns: [Int?] = try terms.map { _, term in
            switch term {
            case .all: try source.table.populationColumn.map(table.columnIndex)
            case .column(let name): try table.columnIndex(name)
            case .filter: nil
            }
        }
        let publishedIndexes = try publishedColumns.map(table.columnIndex)

        let width = terms.count
        var flat = [Int64](repeating: 0, count: areaIDs.count * width)
        var masked: [Int: String] = [:]
        var published: [String: [String: Double?]] = [:]
        var validity: [String: String?] = Dictionary(uniqueKeysWithValues: areaIDs.map { ($0, "not in the table of \(source.spec.year)") })
        var seen: [String: Int] = [:]
        var rows = 0
        for row in 0..<table.rowCount {
            if let yearColumn, let selector = source.spec.yearSelector {
                guard let text = table.text(row: row, column: yearColumn), let year = selector.year(of: text) else {
                    throw InputError(table.location(row: row, column: yearColumn), found: "no year",
                                     expected: selector.isDate ? "a date such as 2021-12-31" : "a year such as 2021")
                }
                guard year == source.spec.year else { continue }
            }
            rows += 1
            guard let area = table.text(row: row, column: id) else {
                throw InputError(table.location(row: row, column: id), found: "no id", expected: "an area id")
            }
            guard let r = areaRow[area] else {
                throw InputError(table.location(row: row, column: id), found: "\"\(area)\", which is not an area of level \(source.table.level)",
                                 expected: "one of the \(areaIDs.count) area ids")
            }
            if let first = seen[area] {
                throw InputError(table.location(row: row, column: id), found: "area \(area) a second time in \(source.spec.year) (first on line \(first))",
                                 expected: "one row per area and year")
            }
            seen[area] = table.lines[row]
            for (k, column) in columns.enumerated() {
                let cell = r * width + k
                guard let column else {
                    // All records of a table without a population column: unknown, not 0.
                    masked[cell] = "no population column in \(source.spec.name)"
                    continue
                }
                switch table.cells[row][column] {
                case .suppressed(let marker): masked[cell] = "suppressed by the publisher (\(marker)) in \(source.spec.name)"
                case .sentinel(let value): masked[cell] = "no value (sentinel \(value)) in \(source.spec.name)"
                case .missing: masked[cell] = "empty cell in \(source.spec.name)"
                case .text, .number:
                    let value = try table.number(row: row, column: column)!
                    guard value == value.rounded(), value >= 0 else {
                        throw InputError(table.location(row: row, column: column), found: "\(value)", expected: "a count (a whole number ≥ 0)")
                    }
                    flat[cell] = Int64(value)
                }
            }
            for (name, column) in zip(publishedColumns, publishedIndexes) {
                published[name, default: [:]][area] = try table.number(row: row, column: column)
            }
            if let valid {
                let flag = table.text(row: row, column: valid) ?? ""
                validity[area] = source.table.validValues.contains(flag) ? nil : (flag.isEmpty ? "no validity flag" : flag)
            } else {
                validity[area] = .some(nil)
            }
        }
        self.counts = CountTable(areaIDs: areaIDs, terms: terms.map(\.key), counts: flat, masked: masked)
        self.published = published
        self.validity = validity
        self.rows = rows
    }
}
