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

    /// Counts one source in one pass over its file for every year in `years` (a file of several
    /// years is read once, not once per year).
    /// - Parameter years: the source of each year (same file, kind and year selector) with the terms it counts.
    static func count(years: [(source: RecordSourceSpec, terms: [(key: String, term: IndicatorSpec.Term)])], areaIDs: [String],
                      areas: AreaLocator?, addresses: (any AddressLocator)?)
        throws -> [Int: (counts: CountTable, records: Provenance.RecordCounts)]
    {
        let source = years[0].source
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
        let slotOfYear = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1.source.year, $0) })
        // Per year: the filters (nil: all records), the counts, the accounting.
        let filters: [[CompiledFilter?]] = try years.map { _, terms in
            try terms.map { _, term in
                if case .filter(let text) = term { return try CompiledFilter(parsing: text, header: header) }
                return nil
            }
        }
        let used = Array(Set(filters.flatMap { $0 }.compactMap { $0?.columns }.flatMap { $0 })).sorted()
        var values = [Double](repeating: .nan, count: header.count)
        var flats = years.map { [Int64](repeating: 0, count: areaIDs.count * $0.terms.count) }
        var summaries = years.map {
            Provenance.RecordCounts(year: $0.source.year, records: 0, assigned: 0, unassigned: 0, onBoundary: 0, rejected: 0,
                                    source: $0.source.name)
        }
        try reader.forEachRecord { record in
            var slot = 0
            if let yearColumn, let selector = source.yearSelector {
                guard let year = selector.year(of: record.bytes(yearColumn)) else {
                    throw reader.error(record, column: yearColumn, expected: selector.isDate ? "a date such as 2021-12-31" : "a year such as 2021")
                }
                guard let found = slotOfYear[year] else { return }
                slot = found
            }
            summaries[slot].records += 1
            let row: Int
            switch placement {
            case .areaID(let column, let rows):
                let id = record.string(column).trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else { summaries[slot].rejected += 1; return }
                guard let r = rows[id] else {
                    summaries[slot].unmatched += 1
                    summaries[slot].unmatchedReasons["unknown area id", default: 0] += 1
                    return
                }
                row = r
            case .address(let street, let number, let suffix, let locator, let areas):
                let streetName = record.string(street)
                guard !streetName.trimmingCharacters(in: .whitespaces).isEmpty else { summaries[slot].rejected += 1; return }
                switch locator.locate(street: streetName, number: record.string(number), suffix: suffix.map { record.string($0) } ?? "") {
                case .unmatched(let reason):
                    summaries[slot].unmatched += 1
                    summaries[slot].unmatchedReasons[reason, default: 0] += 1
                    return
                case .located(let x, let y, _):
                    switch areas.locate(x: x, y: y) {
                    case .interior(let area): row = area
                    case .boundary: summaries[slot].onBoundary += 1; return
                    case .exterior: summaries[slot].unassigned += 1; return
                    }
                }
            }
            summaries[slot].assigned += 1
            for column in used { values[column] = record.double(column) ?? .nan }
            let width = filters[slot].count
            for (k, filter) in filters[slot].enumerated() where filter?.evaluate(values) ?? true {
                flats[slot][row * width + k] += 1
            }
        }
        var results: [Int: (counts: CountTable, records: Provenance.RecordCounts)] = [:]
        for (slot, entry) in years.enumerated() {
            results[entry.source.year] = (CountTable(areaIDs: areaIDs, terms: entry.terms.map(\.key), counts: flats[slot]), summaries[slot])
        }
        return results
    }
}
