import Quartier
import QuartierAggregation
import QuartierBase
import QuartierGeocoding
import QuartierTable

extension MonitoringRunner {
    /// Counts one record source for every year in `years` (the same file, kind and year selector) in
    /// one parallel pass of the aggregator's record path (`Aggregator.run`): records at coordinates (in another
    /// CRS than the working CRS: transformed by PROJ, `ReprojectingPlacer`),
    /// at an address (located through the house coordinates by `AddressPlacer`, then assigned like
    /// records at coordinates) or with an area id (`AreaIDPlacer`, straight into the source's level).
    /// Filters are QuartierTable's one language (SQL's missing-value rule); the boundary rule is
    /// `contains` (a point on a boundary counts for no area). Every record of a year is accounted:
    /// assigned, unassigned, on boundary, unmatched (with the reason) or rejected.
    /// - Parameters:
    ///   - years: each year's source with the terms it counts (keys are unique within a year).
    ///   - areaIDs: the ids of the areas counted into (the lowest level's for coordinates and
    ///     addresses; the source's level for area ids), sorted.
    ///   - locator: the lowest level's locator (nil for area ids).
    ///   - geocoder: the house coordinates' geocoder (address records only).
    func countRecords(years: [(source: RecordSourceSpec, terms: [(key: String, term: IndicatorSpec.Term)])], areaIDs: [String],
                      locator: AreaLocator?, geocoder: Geocoder?, houseAreas: HouseAreas? = nil) throws -> [Int: (counts: CountTable, records: Provenance.RecordCounts)] {
        let source = years[0].source
        // The union of the years' filter terms, counted once per record.
        var columns: [AggregationSpec.Column] = []
        for (_, terms) in years {
            for (key, term) in terms {
                guard case .filter(let text) = term, !columns.contains(where: { $0.name == key }) else { continue }
                columns.append(.count(name: key, filter: try RecordFilter(text)))
            }
        }
        var x = "x", y = "y"
        var placer: (any RecordPlacer)?
        switch source.kind {
        case .persons(_, let xField, let yField, let crs):
            x = xField; y = yField
            if let crs, crs != spec.workingCRS {
                placer = try ReprojectingPlacer(x: xField, y: yField, from: crs, to: spec.workingCRS)
            }
        case .addressRecords(let records):
            placer = AddressPlacer(records: records, geocoder: geocoder!, houseAreas: houseAreas)
        case .areaRecords(let records):
            placer = AreaIDPlacer(field: records.idColumn, ids: areaIDs)
        case .areaTable:
            preconditionFailure("an area table holds no records")
        }
        var slots: RecordSlots?
        if let selector = source.yearSelector {
            let slotOfYear = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1.source.year, $0) })
            slots = RecordSlots(field: selector.column, count: years.count,
                                expected: selector.isDate ? "a date such as 2021-12-31" : "a year such as 2021") { bytes in
                guard let year = selector.year(of: bytes) else { return nil }
                return slotOfYear[year] ?? -1
            }
        }
        let result = try Aggregator.run(
            pointsPath: source.file, locator: locator, areaCount: areaIDs.count,
            spec: AggregationSpec(xField: x, yField: y, columns: columns, boundaryRule: .contains, threads: threads,
                                  table: source.reading, placer: placer, slots: slots))
        var output: [Int: (counts: CountTable, records: Provenance.RecordCounts)] = [:]
        for (slot, (yearSource, terms)) in years.enumerated() {
            var flat: [Int64] = []
            flat.reserveCapacity(areaIDs.count * terms.count)
            let columnOfTerm = terms.map { key, term in
                if case .filter = term { result.columnNames.firstIndex(of: key)! } else { 0 }
            }
            for area in areaIDs.indices {
                for column in columnOfTerm { flat.append(result.value(slot: slot, area: area, column: column)) }
            }
            let summary = result.summaries[slot]
            output[yearSource.year] = (
                CountTable(areaIDs: areaIDs, terms: terms.map(\.key), counts: flat),
                Provenance.RecordCounts(year: yearSource.year, records: summary.records, assigned: summary.assigned,
                                        unassigned: summary.unassigned, onBoundary: summary.onBoundary, rejected: summary.rejected,
                                        source: yearSource.name, unmatched: summary.unmatched,
                                        unmatchedReasons: summary.unmatchedReasons))
        }
        return output
    }
}
