import QuartierAccess

/// The gaps ("Bedarfslücken") of an `[[offers]]` inventory with `need`, per offer type and year, made
/// from the published results only (`PublishedResults`): every figure in it has passed the publication
/// gate, so the table can be published as it is.
///
/// Per area of the gap level: the need (the published value of the indicator named by `need`, or with
/// `need = "index"` the index's status index, higher = more disadvantaged), the access (the published
/// coverage, or the published score of `gap_access`), the target group and those of it without an offer
/// within the catchment (the published coverage row's denominator minus its numerator). An area with a
/// suppressed need, access or coverage row is not compared (`notCompared`). High need: with an
/// indicator, at or above the `need_quantile` quantile (type 7) of the compared areas' needs; with the
/// index, the most deprived class (the status class of the rank-1 area). Gaps: high need and access
/// below the median (type 7), ranked by need descending, then access ascending (`AccessGaps`).
/// `AccessGaps.highNeedShareWithoutAccess`: of the target group in the high-need compared areas, the
/// share without an offer within the catchment (published counts summed, then divided).
public struct AccessGapTable: Sendable {
    public var inventory: String
    public var type: String
    public var level: String
    public var year: Int
    /// The need's indicator id, or "index".
    public var need: String
    /// "coverage" or a method name.
    public var access: String
    /// The high-need rule in words ("need >= 12.5 (quantile 0.75)", "status class 4 (most deprived)").
    public var highNeed: String
    public var gaps: AccessGaps
    /// The ids of the compared areas of high need.
    public var highNeedIDs: [String]

    /// The gap tables of every inventory with `need` (in spec order, types in inventory order, years ascending).
    public static func make(spec: MonitoringSpec, published: PublishedResults) -> [AccessGapTable] {
        var tables: [AccessGapTable] = []
        var rowIndex: [String: PublishedResults.Row] = [:]
        for row in published.indicators {
            rowIndex["\(row.value.level)\u{1F}\(row.value.areaID)\u{1F}\(row.value.year)\u{1F}\(row.value.indicator)"] = row
        }
        func value(_ level: String, _ id: String, _ year: Int, _ indicator: String) -> PublishedResults.Row? {
            rowIndex["\(level)\u{1F}\(id)\u{1F}\(year)\u{1F}\(indicator)"].flatMap { $0.suppressed == nil ? $0 : nil }
        }
        for inventory in spec.offers {
            guard let need = inventory.need else { continue }
            let level = inventory.gapLevel ?? (need == "index" ? spec.index?.level : nil) ?? spec.index?.level ?? spec.lowestLevel.id
            let years = need == "index" ? Array(Set(published.index.map(\.year))).sorted() : spec.years
            for (type, _) in inventory.types {
                let coverageID = "\(inventory.name)_\(type)_coverage"
                let accessID = inventory.gapAccess == "coverage" ? coverageID : "\(inventory.name)_\(type)_\(inventory.gapAccess)"
                for year in years {
                    var indexNeed: [String: Double] = [:]
                    var mostDeprived = Set<String>()
                    var rule = ""
                    if need == "index" {
                        let values = published.index.filter { $0.year == year }
                        for v in values { if let x = v.statusIndex { indexNeed[v.areaID] = x } }
                        if let worst = values.first(where: { $0.rank == 1 })?.statusClass {
                            mostDeprived = Set(values.filter { $0.statusClass == worst && $0.statusIndex != nil }.map(\.areaID))
                            rule = "status class \(worst) (most deprived)"
                        }
                    } else {
                        rule = "need >= quantile \(inventory.needQuantile) of \(need)"
                    }
                    let ids = published.indicators.filter { $0.value.level == level && $0.value.year == year && $0.value.indicator == coverageID }.map(\.value.areaID)
                    guard !ids.isEmpty else { continue }
                    let areas = ids.map { id -> AccessGaps.Area in
                        let coverage = value(level, id, year, coverageID)
                        let n = coverage?.value.denominator, x = coverage?.value.numerator
                        let needValue = need == "index" ? indexNeed[id] : value(level, id, year, need)?.value.value
                        let published = coverage != nil && n != nil && x != nil
                        return AccessGaps.Area(id: id, need: published ? needValue : nil, access: published ? value(level, id, year, accessID)?.value.value : nil,
                                               targetGroup: Int(n ?? 0), withoutAccess: Int((n ?? 0) - (x ?? 0)))
                    }
                    let gaps = need == "index"
                        ? AccessGaps(areas: areas, highNeed: mostDeprived)
                        : AccessGaps(areas: areas, needQuantile: inventory.needQuantile)
                    let highNeed = areas.filter { a in
                        guard let n = a.need, a.access != nil else { return false }
                        return need == "index" ? mostDeprived.contains(a.id) : n >= gaps.needThreshold
                    }.map(\.id)
                    tables.append(AccessGapTable(inventory: inventory.name, type: type, level: level, year: year, need: need,
                                                 access: inventory.gapAccess, highNeed: need == "index" ? rule : "\(rule) (\(gaps.needThreshold))",
                                                 gaps: gaps, highNeedIDs: highNeed))
                }
            }
        }
        return tables
    }
}
