import Quartier
import QuartierMethods

extension MonitoringResults {
    /// The composite index of `spec.index` over one level and year, from the indicators' rates
    /// (status) and their changes (dynamics).
    ///
    /// An area is invalid (and so neither standardised nor ranked, but kept and marked) when it has
    /// fewer than `minPopulation` records or lacks a value. Methods: `BerlinMSS.compute` (population
    /// or sample SD as the spec says; classes on the unrounded index) or `WeightedZSum.compute`
    /// (directions from the indicators). Rank 1 = most disadvantaged, ties `min`.
    static func index(spec: MonitoringSpec, indicators: [IndicatorValue], dynamics: [DynamicsValue],
                      counts: [String: [Int: CountTable]], validity: [Int: [String: String?]] = [:]) throws -> [IndexValue] {
        guard let index = spec.index, let year = index.year ?? spec.years.last,
              let table = counts[index.level]?[year] else { return [] }
        let ids = table.areaIDs
        let row = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        func column(_ id: String, from values: [(String, Double?)]) -> [Double?] {
            var column = [Double?](repeating: nil, count: ids.count)
            for (area, value) in values { if let r = row[area] { column[r] = value } }
            return column
        }
        let status = index.status.map { id in
            column(id, from: indicators.filter { $0.level == index.level && $0.year == year && $0.indicator == id }.map { ($0.areaID, $0.value) })
        }
        // A dynamics entry that names a published change (scale percentage_points) is taken as it is;
        // any other indicator contributes its computed change over [dynamics] years.
        let dynamicsColumns = index.dynamics.map { id in
            if spec.indicators.first(where: { $0.id == id })?.scale == .percentagePoints {
                return column(id, from: indicators.filter { $0.level == index.level && $0.year == year && $0.indicator == id }.map { ($0.areaID, $0.value) })
            }
            return column(id, from: dynamics.filter { $0.level == index.level && $0.toYear == year && $0.indicator == id }.map { ($0.areaID, $0.change) })
        }
        let population = table.column("n").map { n in ids.indices.map { table[$0, n] } } ?? []
        var reasons = [String?](repeating: nil, count: ids.count)
        let publisher = index.level == spec.lowestLevel.id ? validity[year] : nil
        for r in ids.indices {
            if let verdict = publisher?[ids[r]], let reason = verdict {
                reasons[r] = reason
            } else if publisher != nil && publisher?[ids[r]] == nil {
                reasons[r] = "not in the table of \(year)"
            } else if population[r] < Int64(index.minPopulation) {
                reasons[r] = "fewer than \(index.minPopulation) records (\(population[r]))"
            } else if let missing = zip(index.status + index.dynamics, status + dynamicsColumns).first(where: { $0.1[r] == nil }) {
                reasons[r] = "no value for \(missing.0)"
            }
        }
        let valid = reasons.map { $0 == nil }

        var values = ids.enumerated().map { r, id in
            IndexValue(areaID: id, year: year, valid: valid[r], invalidReason: reasons[r],
                       statusZ: Array(repeating: nil, count: index.status.count), statusSum: nil, statusIndex: nil, statusClass: nil,
                       dynamicsZ: Array(repeating: nil, count: index.dynamics.count), dynamicsSum: nil, dynamicsIndex: nil,
                       dynamicsClass: nil, combinedClass: nil, rank: nil)
        }
        switch index.method {
        case .berlinMSS:
            let result = try BerlinMSS.compute(ids: ids, status: status, statusNames: index.status,
                                               dynamics: dynamicsColumns, dynamicsNames: index.dynamics,
                                               valid: valid, divisor: index.divisor, missing: .markInvalid)
            for r in ids.indices where result.valid[r] {
                values[r].statusZ = result.status.z.map { $0[r] }
                values[r].statusSum = result.status.sum[r]
                values[r].statusIndex = result.status.index[r]
                values[r].statusClass = result.statusClass[r]?.label
                if let side = result.dynamics {
                    values[r].dynamicsZ = side.z.map { $0[r] }
                    values[r].dynamicsSum = side.sum[r]
                    values[r].dynamicsIndex = side.index[r]
                    values[r].dynamicsClass = result.dynamicsClass[r]?.label
                }
                values[r].combinedClass = result.combined[r]
            }
        case .weightedZSum:
            let validRows = ids.indices.filter { valid[$0] }
            let directions = index.status.map { id in
                spec.indicators.first { $0.id == id }!.direction > 0 ? IndicatorDirection.moreDisadvantage : .lessDisadvantage
            }
            let weights = index.weights ?? Array(repeating: 1 / Double(index.status.count), count: index.status.count)
            let result = try WeightedZSum.compute(indicators: status.map { column in validRows.map { column[$0]! } },
                                                  names: index.status, directions: directions, weights: weights,
                                                  divisor: index.divisor)
            for (k, r) in validRows.enumerated() {
                values[r].statusZ = result.z.map { $0[k] }
                values[r].statusIndex = result.index[k]
            }
        }
        let ranks = Ranking.ranks(values.map(\.statusIndex), order: .descending, ties: .min, missing: .excludeAndMark)
        for r in ids.indices { values[r].rank = ranks.ranks[r].map { Int($0) } }
        return values
    }
}
