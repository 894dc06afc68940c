import Quartier
import QuartierBase
import QuartierTable

/// Counts the records of one source and year that carry no coordinates: records with an area id
/// (counted straight into that level) and records at an address (located through an
/// `AddressLocator`, then assigned to the lowest level's areas by `AreaLocator`, boundary rule
/// `contains`: a point on a boundary counts for no area).
///
/// Filters are QuartierTable's (`CompiledFilter`, SQL's missing-value rule: a record counts
/// when its filter is true). Every record is accounted for: assigned, unassigned (located outside
/// every area), on boundary, unmatched (an id or address that matches nothing, with the reason)
/// or rejected (no area id, no address); records of other years in a file of several years are
/// not this year's records.
enum RecordCounting {
    enum Placement {
        /// Area id → row of the level's sorted ids.
        case areaID(column: Int, rows: [String: Int])
        case address(street: Int, number: Int, suffix: Int?, locator: any AddressLocator, areas: AreaLocator)
    }

    static func count(source: RecordSourceSpec, terms: [(key: String, term: IndicatorSpec.Term)], areaIDs: [String],
                      areas: AreaLocator?, addresses: (any AddressLocator)?) throws -> (counts: CountTable, records: Provenance.RecordCounts) {
        let reader = try CSVRecordReader(path: source.file)
        let header = reader.header
        let placement: Placement
        switch source.kind {
        case .areaRecords(let records):
            placement = .areaID(column: try reader.columnIndex(records.idColumn),
                                rows: Dictionary(uniqueKeysWithValues: areaIDs.enumerated().map { ($1, $0) }))
        case .addressRecords(let records):
            placement = .address(street: try reader.columnIndex(records.street), number: try reader.columnIndex(records.number),
                                 suffix: try records.suffix.map(reader.columnIndex), locator: addresses!, areas: areas!)
        case .persons, .areaTable:
            preconditionFailure("RecordCounting counts records without coordinates only")
        }
        let yearColumn = try source.yearSelector.map { try reader.columnIndex($0.column) }
        // nil filter: all records.
        let filters: [CompiledFilter?] = try terms.map { _, term in
            if case .filter(let text) = term { return try CompiledFilter(parsing: text, header: header) }
            return nil
        }
        let used = Array(Set(filters.compactMap { $0?.columns }.flatMap { $0 })).sorted()
        var values = [Double](repeating: .nan, count: header.count)
        let width = terms.count
        var flat = [Int64](repeating: 0, count: areaIDs.count * width)
        var summary = Provenance.RecordCounts(year: source.year, records: 0, assigned: 0, unassigned: 0, onBoundary: 0,
                                              rejected: 0, source: source.name)
        try reader.forEachRecord { record in
            if let yearColumn, let selector = source.yearSelector {
                guard let year = selector.year(of: record.string(yearColumn)) else {
                    throw reader.error(record, column: yearColumn, expected: selector.isDate ? "a date such as 2021-12-31" : "a year such as 2021")
                }
                guard year == source.year else { return }
            }
            summary.records += 1
            let row: Int
            switch placement {
            case .areaID(let column, let rows):
                let id = record.string(column).trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else { summary.rejected += 1; return }
                guard let r = rows[id] else {
                    summary.unmatched += 1
                    summary.unmatchedReasons["unknown area id", default: 0] += 1
                    return
                }
                row = r
            case .address(let street, let number, let suffix, let locator, let areas):
                let streetName = record.string(street)
                guard !streetName.trimmingCharacters(in: .whitespaces).isEmpty else { summary.rejected += 1; return }
                switch locator.locate(street: streetName, number: record.string(number), suffix: suffix.map { record.string($0) } ?? "") {
                case .unmatched(let reason):
                    summary.unmatched += 1
                    summary.unmatchedReasons[reason, default: 0] += 1
                    return
                case .located(let x, let y, _):
                    switch areas.locate(x: x, y: y) {
                    case .interior(let area): row = area
                    case .boundary: summary.onBoundary += 1; return
                    case .exterior: summary.unassigned += 1; return
                    }
                }
            }
            summary.assigned += 1
            for column in used { values[column] = record.double(column) ?? .nan }
            for (k, filter) in filters.enumerated() where filter?.evaluate(values) ?? true {
                flat[row * width + k] += 1
            }
        }
        return (CountTable(areaIDs: areaIDs, terms: terms.map(\.key), counts: flat), summary)
    }
}
