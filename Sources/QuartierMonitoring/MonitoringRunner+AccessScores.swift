import Quartier

extension MonitoringRunner {
    /// Sums per lowest-level area (ids sorted) rolled up the hierarchy: per level (lowest first) the sum
    /// per area (that level's ids sorted), by each level's parent column as the counts are rolled up.
    static func rollUp(_ values: [Double], levels: [LevelAreas]) -> [[Double]] {
        var result = [values]
        for k in levels.indices.dropFirst() {
            let parentOf = levels[k - 1].parentOf
            let row = Dictionary(uniqueKeysWithValues: levels[k].sortedIDs.enumerated().map { ($1, $0) })
            var up = [Double](repeating: 0, count: row.count)
            for (i, id) in levels[k - 1].sortedIDs.enumerated() {
                if let parent = parentOf[id], let r = row[parent] { up[r] += result[k - 1][i] }
            }
            result.append(up)
        }
        return result
    }

    /// Adds the floating-catchment score rows of every `[[offers]]` inventory (`<name>_<type>_<method>`,
    /// and `_scenario`) to `results.indicators`, for every level and year: the summed scores over the
    /// summed target group (`<name>/<type>/target` of the level's counts), times 1,000 — counts before
    /// rates, as every rate. A score is a real number, not a count: the row's numerator is empty and its
    /// denominator is the target group; the publication gate publishes it only where the same area's
    /// coverage row is published (`PublishedResults.protect`). The rows are kept in the order of
    /// `MonitoringResults.indicators` (level, year, indicator in spec order, area id). No dynamics.
    static func addAccessScores(spec: MonitoringSpec, levels: [LevelAreas], sums: AccessAreaSums, results: inout MonitoringResults) {
        guard !spec.offers.isEmpty else { return }
        var added: [IndicatorValue] = []
        for (year, keys) in sums.scores {
            for (key, values) in keys {
                // key: name/type/method[_scenario]
                let parts = key.split(separator: "/", maxSplits: 2).map(String.init)
                guard parts.count == 3 else { continue }
                let indicator = "\(parts[0])_\(parts[1])_\(parts[2])"
                let target = "\(parts[0])/\(parts[1])/target"
                for (k, perArea) in rollUp(values, levels: levels).enumerated() {
                    let level = levels[k].spec.id
                    guard let table = results.counts[level]?[year], let column = table.column(target) else { continue }
                    for (r, id) in table.areaIDs.enumerated() {
                        let n = table[r, column]
                        added.append(IndicatorValue(level: level, areaID: id, year: year, indicator: indicator, numerator: nil, denominator: n,
                                                    value: n > 0 ? perArea[r] / Double(n) * 1000 : nil, low: nil, high: nil))
                    }
                }
            }
        }
        guard !added.isEmpty else { return }
        let levelOrder = Dictionary(uniqueKeysWithValues: spec.levels.enumerated().map { ($1.id, $0) })
        let yearOrder = Dictionary(uniqueKeysWithValues: spec.years.enumerated().map { ($1, $0) })
        let indicatorOrder = Dictionary(spec.indicators.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        results.indicators += added
        results.indicators.sort {
            let a = (levelOrder[$0.level] ?? 0, yearOrder[$0.year] ?? 0, indicatorOrder[$0.indicator] ?? 0)
            let b = (levelOrder[$1.level] ?? 0, yearOrder[$1.year] ?? 0, indicatorOrder[$1.indicator] ?? 0)
            return a != b ? a < b : $0.areaID < $1.areaID
        }
    }
}

extension MonitoringRunner {
    /// The gap tables (`MonitoringStoreTables.accessGaps`) for a store that keeps no published tables
    /// (the GeoPackage): the gaps are made from the published results only, so the publication gate runs
    /// for them when an inventory has `need`; a publication that cannot be protected leaves them empty.
    func accessGapTables(results: MonitoringResults, levels: [LevelAreas]) -> [MonitoringStoreTables.Table] {
        guard spec.offers.contains(where: { $0.need != nil }) else { return [] }
        let areas = Dictionary(uniqueKeysWithValues: levels.map { ($0.spec.id, $0.areas) })
        do {
            let published = try PublishedResults.protect(spec: spec, results: results, areas: areas, rules: spec.disclosure)
            return MonitoringStoreTables.accessGaps(spec: spec, published: published)
        } catch {
            log("store: gap tables left empty: \(error)")
            return MonitoringStoreTables.accessGaps(spec: spec, published: PublishedResults.unprotected(spec: spec, results: results, areas: areas))
        }
    }
}
