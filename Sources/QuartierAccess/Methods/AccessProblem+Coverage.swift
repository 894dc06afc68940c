extension AccessProblem {
    /// The cost to the nearest listed supply point with capacity > 0, per demand point; `nil` where none
    /// is listed (no access, never cost 0). Coverage within a limit `d` is `nearest[i].map { $0 <= d }`
    /// (closed, as the catchments); the covered demand is `coveredDemand(limit:)`.
    /// - Complexity: O(pairs).
    public func nearestSupply() -> [Double?] {
        var nearest = [Double?](repeating: nil, count: demand.count)
        for j in 0..<supply.count where supply[j] > 0 {
            for k in costs.offsets[j]..<costs.offsets[j + 1] {
                let i = Int(costs.demands[k])
                if nearest[i].map({ costs.costs[k] < $0 }) ?? true { nearest[i] = costs.costs[k] }
            }
        }
        return nearest
    }

    /// Coverage: per demand point whether an offer with capacity lies within `limit` (`cost <= limit`).
    /// The share of the target group covered is `Σ P_i·covered_i / Σ P_i` (a count over a count, summed
    /// up the area hierarchy before dividing). Source: the cumulative-opportunity / coverage measure
    /// (e.g. Geurs & van Wee 2004, "Accessibility evaluation of land-use and transport strategies",
    /// Journal of Transport Geography 12(2): 127–140).
    public func covered(limit: Double) -> [Bool] {
        nearestSupply().map { $0.map { $0 <= limit } ?? false }
    }
}

/// The supply ratio of an area: places per `per` persons of the target group (Hamburg CoSI's
/// "Versorgungsgrad"; per 1,000 by default). `nil` (not 0) when the area has no target group.
/// Conventions: counts first — sum places and persons over the area (and up the hierarchy), then divide.
public func supplyRatio(places: Double, targetGroup: Double, per: Double = 1000) -> Double? {
    targetGroup > 0 ? places / targetGroup * per : nil
}
