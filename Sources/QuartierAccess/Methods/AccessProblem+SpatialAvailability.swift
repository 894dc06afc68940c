import Foundation

extension AccessProblem {
    /// Spatial availability: each offer's supply is shared out among the demand points in its catchment
    /// in proportion to their demand (to the power α) and their decayed cost, so the shares add up to
    /// the supply exactly.
    ///
    /// Source: Soukhov, A., Paez, A., Higgins, C. D. & Mohamed, M. (2023), "Introducing spatial
    /// availability, a singly-constrained measure of competitive accessibility", PLOS ONE 18(1):
    /// e0278468; computed as R `accessibility::spatial_availability`.
    ///
    /// `V_i = Σ_j S_j · F_ij` with `F_ij = (P_i^α / ΣP^α) · (f(c_ij) / Σ_k f(c_kj)) / Σ_k (same for k)`,
    /// which is `S_j · P_i^α f(c_ij) / Σ_{k: c_kj <= d0} P_k^α f(c_kj)`.
    /// Returns the supply allocated to each demand point (`access`, a count, not per person: divide by
    /// the demand for per-person availability) and per supply point the denominator. Conservation:
    /// `Σ_i V_i = Σ_j S_j` over the supply points whose catchment holds demand (a property test).
    /// - Complexity: O(pairs).
    public func spatialAvailability(catchment: Catchment, decay: DistanceDecay, alpha: Double = 1) throws(AccessError) -> FloatingCatchmentResult {
        let decay = try decay.validated()
        guard alpha >= 0, alpha.isFinite else { throw AccessError("spatial availability: found alpha \(alpha), expected a finite alpha >= 0") }
        let weighted = alpha == 1 ? demand : demand.map { pow($0, alpha) }
        var catchmentDemand = [Double](repeating: 0, count: supply.count)
        var ratio = [Double](repeating: 0, count: supply.count)
        var allocated = [Double](repeating: 0, count: demand.count)
        for j in 0..<supply.count {
            var total = 0.0
            for k in costs.offsets[j]..<costs.offsets[j + 1] where catchment.contains(costs.costs[k]) {
                total += weighted[Int(costs.demands[k])] * decay.weight(costs.costs[k])
            }
            catchmentDemand[j] = total
            let r = total > 0 ? supply[j] / total : 0
            ratio[j] = r
            guard r != 0 else { continue }
            for k in costs.offsets[j]..<costs.offsets[j + 1] where catchment.contains(costs.costs[k]) {
                let i = Int(costs.demands[k])
                allocated[i] += r * weighted[i] * decay.weight(costs.costs[k])
            }
        }
        return FloatingCatchmentResult(access: allocated, catchmentDemand: catchmentDemand, ratio: ratio)
    }
}
