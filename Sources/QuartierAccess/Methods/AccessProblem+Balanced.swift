extension AccessProblem {
    /// The balanced floating catchment area method (BFCA): 2SFCA with each demand point's weights
    /// normalised to sum to 1 over its catchment, so no person is counted in several catchments
    /// (no demand inflation) and no supply is handed out twice (no level-of-service inflation).
    ///
    /// Source: Paez, A., Higgins, C. D. & Vivona, S. F. (2019), "Demand and level of service inflation in
    /// Floating Catchment Area (FCA) methods", PLOS ONE 14(6): e0218773 (the name BFCA: Pereira et al.
    /// 2021).
    ///
    /// With `f'_ij = f(c_ij) / Σ_{k: c_ik <= d0} f(c_ik)`: `R_j = S_j / Σ_{i: c_ij <= d0} P_i f'_ij` and
    /// `A_i = Σ_{j: c_ij <= d0} R_j f'_ij`, the same balanced weights in both steps. Conservation:
    /// `Σ_i P_i A_i = Σ_j S_j` over the supply points whose catchment holds demand (a property test).
    /// Note: R `accessibility::floating_catchment_area(method = "bfca")` normalises the second step's
    /// weights per supply point instead (`Σ_i f''_ij = 1`), which does not conserve supply.
    /// - Complexity: O(pairs).
    public func balanced(catchment: Catchment, decay: DistanceDecay) throws(AccessError) -> FloatingCatchmentResult {
        let decay = try decay.validated()
        var rowSum = [Double](repeating: 0, count: demand.count)
        for j in 0..<supply.count {
            for k in costs.offsets[j]..<costs.offsets[j + 1] where catchment.contains(costs.costs[k]) {
                rowSum[Int(costs.demands[k])] += decay.weight(costs.costs[k])
            }
        }
        @inline(__always) func weight(_ k: Int) -> Double {
            let i = Int(costs.demands[k])
            return rowSum[i] > 0 ? decay.weight(costs.costs[k]) / rowSum[i] : 0
        }
        return sweep(catchment: catchment, weight: weight)
    }
}
