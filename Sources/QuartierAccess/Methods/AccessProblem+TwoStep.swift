extension AccessProblem {
    /// The two-step floating catchment area method and its distance-weighted variants.
    ///
    /// Step 1, per supply point j: `R_j = S_j / Σ_{i: c_ij <= d0} P_i · f(c_ij)`;
    /// step 2, per demand point i: `A_i = Σ_{j: c_ij <= d0} R_j · f(c_ij)`.
    /// - With `decay: .none` this is the 2SFCA of Luo, W. & Wang, F. (2003), "Measures of spatial
    ///   accessibility to health care in a GIS environment: synthesis and a case study in the Chicago
    ///   region", Environment and Planning B 30(6): 865–884.
    /// - With `decay: .steps(...)` it is the enhanced 2SFCA of Luo, W. & Qi, Y. (2009), "An enhanced
    ///   two-step floating catchment area (E2SFCA) method for measuring spatial accessibility to primary
    ///   care physicians", Health & Place 15(4): 1100–1107.
    /// - With `.gravity`, `.gaussian` or `.exponential` it is the gravity/kernel 2SFCA (Luo & Qi 2009;
    ///   Dai 2010), computed as PySAL `access` `two_stage_fca` with a `weight_fn` and `max_cost`.
    ///
    /// Conventions: the catchment is closed (`c <= d0`) and applies along with the decay; a supply
    /// point whose catchment holds no demand has `R_j = 0` (its supply reaches nobody; PySAL gives
    /// infinity there); costs are as listed (person to offer).
    /// - Complexity: O(pairs).
    public func twoStep(catchment: Catchment, decay: DistanceDecay) throws(AccessError) -> FloatingCatchmentResult {
        let decay = try decay.validated()
        return sweep(catchment: catchment) { k in decay.weight(costs.costs[k]) }
    }

    /// The two steps every floating catchment method shares, with the method's weight of pair `k`
    /// (`costs` order) in both: `R_j = S_j / Σ_{i: c_ij <= d0} P_i w_k`, `A_i = Σ_{j: c_ij <= d0} R_j w_k`;
    /// `R_j = 0` where the catchment holds no demand. 2SFCA, BFCA and 3SFCA differ only in `w`.
    @inline(__always)
    func sweep(catchment: Catchment, weight: (Int) -> Double) -> FloatingCatchmentResult {
        var catchmentDemand = [Double](repeating: 0, count: supply.count)
        var ratio = [Double](repeating: 0, count: supply.count)
        var access = [Double](repeating: 0, count: demand.count)
        costs.demands.withUnsafeBufferPointer { demands in
            costs.costs.withUnsafeBufferPointer { cost in
                for j in 0..<supply.count {
                    var total = 0.0
                    for k in costs.offsets[j]..<costs.offsets[j + 1] where catchment.contains(cost[k]) {
                        total += demand[Int(demands[k])] * weight(k)
                    }
                    catchmentDemand[j] = total
                    let r = total > 0 ? supply[j] / total : 0
                    ratio[j] = r
                    guard r != 0 else { continue }
                    for k in costs.offsets[j]..<costs.offsets[j + 1] where catchment.contains(cost[k]) {
                        access[Int(demands[k])] += r * weight(k)
                    }
                }
            }
        }
        return FloatingCatchmentResult(access: access, catchmentDemand: catchmentDemand, ratio: ratio)
    }
}
