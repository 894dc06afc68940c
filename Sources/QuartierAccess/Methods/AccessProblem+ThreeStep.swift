extension AccessProblem {
    /// Over which pairs of a demand point the selection weight `G_ij` is normalised.
    public enum SelectionDenominator: String, Sendable, Hashable, CaseIterable {
        /// `Σ_{k: c_ik <= d0} f(c_ik)`: the supply points in the catchment, as Wan et al. (2012) define it.
        case withinCatchment
        /// `Σ_k f(c_ik)` over every listed pair of i, also those beyond the catchment: PySAL `access`
        /// `three_stage_fca` (it computes `G` before filtering by `max_cost`).
        case allListedPairs
    }

    /// The three-step floating catchment area method.
    ///
    /// Source: Wan, N., Zou, B. & Sternberg, T. (2012), "A three-step floating catchment area method for
    /// analyzing spatial access to health services", International Journal of Geographical Information
    /// Science 26(6): 1073–1089.
    ///
    /// Step 0: selection weights `G_ij = f(c_ij) / Σ_k f(c_ik)` (denominator by `selection`); then as
    /// 2SFCA with weights `G_ij · f(c_ij)`: `R_j = S_j / Σ_{i: c_ij <= d0} P_i G_ij f(c_ij)`,
    /// `A_i = Σ_{j: c_ij <= d0} R_j G_ij f(c_ij)`. Conventions as `twoStep`; a demand point whose
    /// selection denominator is 0 takes part nowhere.
    /// - Complexity: O(pairs).
    public func threeStep(catchment: Catchment, decay: DistanceDecay,
                          selection: SelectionDenominator = .withinCatchment) throws(AccessError) -> FloatingCatchmentResult {
        let decay = try decay.validated()
        var rowSum = [Double](repeating: 0, count: demand.count)
        for j in 0..<supply.count {
            for k in costs.offsets[j]..<costs.offsets[j + 1] where selection == .allListedPairs || catchment.contains(costs.costs[k]) {
                rowSum[Int(costs.demands[k])] += decay.weight(costs.costs[k])
            }
        }
        @inline(__always) func weight(_ k: Int) -> Double {
            let i = Int(costs.demands[k])
            let f = decay.weight(costs.costs[k])
            return rowSum[i] > 0 ? f / rowSum[i] * f : 0
        }
        return sweep(catchment: catchment, weight: weight)
    }
}
