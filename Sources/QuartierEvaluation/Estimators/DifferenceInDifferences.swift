/// The 2 × 2 difference-in-differences estimate: funded areas against comparison areas, a window
/// before and a window after the start, rates weighted by their denominators, standard errors
/// clustered by area.
///
/// The weighted least-squares regression y_it = a + b·T_i + c·P_t + δ·T_i·P_t + e_it over the
/// area-years of both windows, weights w_it = the rate's denominator, gives δ = the change of the
/// funded areas' pooled rate minus the change of the comparison areas' pooled rate (Angrist &
/// Pischke 2009, *Mostly Harmless Econometrics*, §5.2). The covariance is the cluster-robust sandwich
/// with the areas as clusters and the small-sample correction CR1 = G/(G−1)·(N−1)/(N−K) (Cameron &
/// Miller 2015, "A Practitioner's Guide to Cluster-Robust Inference", J. Human Resources 50(2), eq. 12),
/// which is statsmodels' default for `cov_type="cluster"` (`use_correction=True`).
///
/// Conventions: funded areas are those whose start lies after the last pre year and no later than the
/// first post year (areas starting inside a window are left out, the years between the windows too);
/// comparison areas are those not funded before the end of the post window.
public enum DifferenceInDifferences {
    /// The result of the 2 × 2 estimate.
    public struct Result: Sendable {
        public var estimate: Estimate
        /// The four pooled (denominator-weighted) mean rates: funded/comparison × before/after.
        public var treatedBefore: Double, treatedAfter: Double, comparisonBefore: Double, comparisonAfter: Double
        /// Funded areas left out because their start lies inside a window.
        public var excludedFunded: [String]
    }

    /// Estimates the 2 × 2 DiD on `panel` with the windows `pre` and `post` (inclusive years).
    /// - Returns: nil when there is no funded or no comparison area.
    public static func estimate(_ panel: OutcomePanel, pre: ClosedRange<Int>, post: ClosedRange<Int>) -> Result? {
        let t = panel.yearCount
        var treated: [Bool?] = []   // per area: true funded, false comparison, nil left out
        var excluded: [String] = []
        for (area, cohort) in panel.cohort.enumerated() {
            if let cohort {
                let year = panel.years[cohort]
                if year > pre.upperBound && year <= post.lowerBound { treated.append(true) }
                else if year > post.upperBound { treated.append(false) }
                else { treated.append(nil); excluded.append(panel.areaIDs[area]) }
            } else {
                treated.append(false)
            }
        }
        var rows: [(cluster: Int, x: [Double], y: Double, w: Double)] = []
        for area in 0..<panel.areaCount {
            guard let isTreated = treated[area] else { continue }
            for j in 0..<t {
                let year = panel.years[j]
                let after: Bool
                if pre.contains(year) { after = false } else if post.contains(year) { after = true } else { continue }
                let tr = isTreated ? 1.0 : 0, p = after ? 1.0 : 0
                rows.append((area, [1, tr, p, tr * p], panel.y[area * t + j], panel.w[area * t + j]))
            }
        }
        guard let fit = ClusteredWLS.fit(rows: rows, parameters: 4) else { return nil }
        let nTreated = treated.filter { $0 == true }.count, nComparison = treated.filter { $0 == false }.count
        let b = fit.coefficients
        return Result(estimate: Estimate(value: b[3], standardError: fit.covariance[3 * 4 + 3].squareRoot(),
                                         treatedAreas: nTreated, comparisonAreas: nComparison),
                      treatedBefore: b[0] + b[1], treatedAfter: b[0] + b[1] + b[2] + b[3],
                      comparisonBefore: b[0], comparisonAfter: b[0] + b[2], excludedFunded: excluded)
    }
}

/// Weighted least squares with a cluster-robust covariance (CR1), for a handful of regressors.
///
/// β = (XᵀWX)⁻¹XᵀWy; V = c·(XᵀWX)⁻¹ (Σ_g X_gᵀW_g e_g e_gᵀ W_g X_g) (XᵀWX)⁻¹ with
/// c = G/(G−1)·(N−1)/(N−K) (Cameron & Miller 2015, eq. 12; statsmodels `cov_type="cluster"`).
/// `parameterCount` lets a caller that absorbed fixed effects count them in K.
enum ClusteredWLS {
    struct Fit {
        var coefficients: [Double]
        var covariance: [Double]
    }

    static func fit(rows: [(cluster: Int, x: [Double], y: Double, w: Double)], parameters k: Int, parameterCount: Int? = nil) -> Fit? {
        var xtwx = [Double](repeating: 0, count: k * k), xtwy = [Double](repeating: 0, count: k)
        for row in rows {
            for i in 0..<k {
                let wx = row.w * row.x[i]
                xtwy[i] += wx * row.y
                for j in 0...i { xtwx[i * k + j] += wx * row.x[j] }
            }
        }
        for i in 0..<k { for j in 0..<i { xtwx[j * k + i] = xtwx[i * k + j] } }
        guard let system = SymmetricSystem(xtwx, size: k) else { return nil }
        let beta = system.solve(xtwy)
        // Cluster scores in order of first appearance (a fixed summation order: same input, same bytes).
        var slot: [Int: Int] = [:], scores: [[Double]] = []
        for row in rows {
            var fitted = 0.0
            for i in 0..<k { fitted += row.x[i] * beta[i] }
            let e = row.w * (row.y - fitted)
            let index: Int
            if let existing = slot[row.cluster] { index = existing } else {
                index = scores.count
                slot[row.cluster] = index
                scores.append([Double](repeating: 0, count: k))
            }
            for i in 0..<k { scores[index][i] += row.x[i] * e }
        }
        let covariance = sandwich(system: system, scores: scores, observations: rows.count, parameters: parameterCount ?? k)
        guard let covariance else { return nil }
        return Fit(coefficients: beta, covariance: covariance)
    }

    /// The CR1 sandwich from the cluster scores s_g = X_gᵀW_g e_g.
    static func sandwich(system: SymmetricSystem, scores: [[Double]], observations n: Int, parameters kTotal: Int) -> [Double]? {
        let k = system.size, g = scores.count
        guard g > 1, n > kTotal else { return nil }
        var meat = [Double](repeating: 0, count: k * k)
        for s in scores { for i in 0..<k { for j in 0..<k { meat[i * k + j] += s[i] * s[j] } } }
        let bread = system.inverse()
        var left = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { var sum = 0.0; for m in 0..<k { sum += bread[i * k + m] * meat[m * k + j] }; left[i * k + j] = sum } }
        let c = Double(g) / Double(g - 1) * Double(n - 1) / Double(n - kTotal)
        var v = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { var sum = 0.0; for m in 0..<k { sum += left[i * k + m] * bread[m * k + j] }; v[i * k + j] = c * sum } }
        return v
    }
}
