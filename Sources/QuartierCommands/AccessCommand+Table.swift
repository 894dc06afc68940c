import QuartierAccess
import QuartierMonitoring
import QuartierTable

/// The rows of `quartier access`: counts, then ratios; person-derived cells of a row that a publication
/// rule stops show the rules' marker, and the row names the rule.
struct AccessTable {
    var ids: [String]
    var idColumn: String
    var population: [Int64]
    var methods: [AccessRun.Method]
    var rules: PublicationRules

    var header: [String] {
        [idColumn, "type", "persons", "target_group", "weighted_target_group", "places", "offers", "accessible_target_group",
         "no_offer_in_network_part", "off_network", "places_per_1000", "coverage_pct"] + methods.map { "\($0.rawValue)_per_1000" } + ["suppressed"]
    }

    /// The first rule that stops the row: the minimum population, or a small count (or complement) in any
    /// person count (accessible, without access) over the target group.
    func rule(_ r: AccessRun.AreaResult) -> PublicationRules.Rule? {
        let target = Int64(r.targetGroup)
        let counts = [Int64(r.accessible), Int64(r.noOfferInNetworkPart), Int64(r.offNetwork)]
        if let first = rules.suppression(population: population[r.area], numerator: counts[0], denominator: target) { return first }
        for count in counts.dropFirst() where count > 0 {
            if let rule = rules.suppression(population: population[r.area], numerator: count, denominator: target) { return rule }
        }
        return nil
    }

    func perThousand(_ sum: Double, _ r: AccessRun.AreaResult) -> CSVWriter.Value {
        r.weightedTargetGroup > 0 ? .number(sum / r.weightedTargetGroup * 1000) : .absent(marker: "")
    }

    func row(_ r: AccessRun.AreaResult) -> [CSVWriter.Value] {
        let stop = rule(r)
        let hidden = CSVWriter.Value.absent(marker: rules.marker)
        func person(_ value: CSVWriter.Value) -> CSVWriter.Value { stop == nil ? value : hidden }
        var row: [CSVWriter.Value] = [.text(ids[r.area]), .text(r.type), person(.integer(population[r.area])), person(.integer(Int64(r.targetGroup))),
                                      person(.number(r.weightedTargetGroup)), .number(r.places), .integer(Int64(r.offers)), person(.integer(Int64(r.accessible))),
                                      person(.integer(Int64(r.noOfferInNetworkPart))), person(.integer(Int64(r.offNetwork))),
                                      person(supplyRatio(places: r.places, targetGroup: Double(r.targetGroup)).map { .number($0) } ?? .absent(marker: "")),
                                      person(r.targetGroup > 0 ? .number(Double(r.accessible) / Double(r.targetGroup) * 100) : .absent(marker: ""))]
        row += r.methodSums.map { person(perThousand($0, r)) }
        row.append(.text(stop?.rawValue ?? ""))
        return row
    }

    var changeHeader: [String] {
        [idColumn, "type", "places_base", "places_scenario", "accessible_base", "accessible_scenario", "accessible_change"]
            + methods.flatMap { ["\($0.rawValue)_per_1000_base", "\($0.rawValue)_per_1000_scenario", "\($0.rawValue)_per_1000_change"] } + ["suppressed"]
    }

    /// Base against scenario per area and type (a type only in one of them has zeros in the other).
    func changeRows(base: [AccessRun.AreaResult], scenario: [AccessRun.AreaResult]) -> [[CSVWriter.Value]] {
        var before: [String: AccessRun.AreaResult] = [:]
        for r in base { before["\(r.type)\u{0}\(r.area)"] = r }
        return scenario.map { s in
            let b = before["\(s.type)\u{0}\(s.area)"] ?? AccessRun.AreaResult(area: s.area, type: s.type, targetGroup: s.targetGroup, weightedTargetGroup: s.weightedTargetGroup,
                                                                              places: 0, offers: 0, accessible: 0, noOfferInNetworkPart: 0, offNetwork: 0,
                                                                              methodSums: s.methodSums.map { _ in 0 })
            let stop = rule(b) ?? rule(s)
            let hidden = CSVWriter.Value.absent(marker: rules.marker)
            func person(_ value: CSVWriter.Value) -> CSVWriter.Value { stop == nil ? value : hidden }
            var row: [CSVWriter.Value] = [.text(ids[s.area]), .text(s.type), .number(b.places), .number(s.places),
                                          person(.integer(Int64(b.accessible))), person(.integer(Int64(s.accessible))), person(.integer(Int64(s.accessible - b.accessible)))]
            for k in methods.indices {
                let x = b.weightedTargetGroup > 0 ? b.methodSums[k] / b.weightedTargetGroup * 1000 : 0
                let y = s.weightedTargetGroup > 0 ? s.methodSums[k] / s.weightedTargetGroup * 1000 : 0
                row += [person(perThousand(b.methodSums[k], b)), person(perThousand(s.methodSums[k], s)), person(.number(y - x))]
            }
            row.append(.text(stop?.rawValue ?? ""))
            return row
        }
    }
}
