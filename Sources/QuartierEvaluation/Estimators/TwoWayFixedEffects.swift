/// The two-way fixed-effects estimate y_it = α_i + λ_t + β·D_it + e_it (D_it = 1 from an area's start
/// year on), weighted by the rates' denominators, standard errors clustered by area.
///
/// Reported because planners and older evaluations use it, never alone: with starts in different
/// years β is a weighted average of all 2 × 2 comparisons, including "late against early funded"
/// comparisons whose weights can be negative when effects change over time (Goodman-Bacon 2021,
/// "Difference-in-differences with variation in treatment timing", J. Econometrics 225(2)); the
/// result says so whenever the starts differ. Callaway & Sant'Anna's group-time effects
/// (`GroupTimeEffects`) are the estimate to read.
///
/// Computation (exact, no iteration): the area effects are absorbed by weighted demeaning within
/// each area; β and the year effects then solve a T × T system accumulated over areas
/// (Frisch–Waugh–Lovell). The residuals equal those of the regression with all dummies, so the
/// cluster-robust covariance is that of the dummy regression, with CR1's K counting every fixed
/// effect (K = A + T: intercept, A − 1 area and T − 1 year dummies, β) as statsmodels does for
/// `wls("y ~ D + C(area) + C(year)").fit(cov_type="cluster")`. (Stata's `reghdfe` does not count
/// area effects nested in the clusters, so its SE is smaller by √((N−A−T)/(N−T−1)).)
public enum TwoWayFixedEffects {
    /// β with its clustered standard error, or nil when nothing varies (no funded area with years
    /// before and after its start, or fewer than two areas).
    public static func estimate(_ panel: OutcomePanel) -> Estimate? {
        let t = panel.yearCount, a = panel.areaCount
        guard t >= 2, a >= 2 else { return nil }
        let k = t   // β and T − 1 year dummies (years 1..<t)
        var gram = [Double](repeating: 0, count: k * k), right = [Double](repeating: 0, count: k)
        var z = [Double](repeating: 0, count: t * k), yd = [Double](repeating: 0, count: t)
        // Pass 1: the normal equations of the demeaned system.
        func demeaned(_ area: Int) {
            let base = area * t
            var sw = 0.0, my = 0.0, md = 0.0
            var meanDummy = [Double](repeating: 0, count: t)
            let cohort = panel.cohort[area]
            for j in 0..<t {
                let w = panel.w[base + j]
                sw += w
                my += w * panel.y[base + j]
                if let cohort, j >= cohort { md += w }
                meanDummy[j] = w
            }
            my /= sw; md /= sw
            for j in 0..<t {
                yd[j] = panel.y[base + j] - my
                let d = (cohort.map { j >= $0 } ?? false) ? 1.0 : 0
                z[j * k] = d - md
                for m in 1..<k { z[j * k + m] = (j == m ? 1 : 0) - meanDummy[m] / sw }
            }
        }
        for area in 0..<a {
            demeaned(area)
            let base = area * t
            for j in 0..<t {
                let w = panel.w[base + j]
                for p in 0..<k {
                    let wz = w * z[j * k + p]
                    right[p] += wz * yd[j]
                    for q in 0...p { gram[p * k + q] += wz * z[j * k + q] }
                }
            }
        }
        for p in 0..<k { for q in 0..<p { gram[q * k + p] = gram[p * k + q] } }
        guard let system = SymmetricSystem(gram, size: k) else { return nil }
        let c = system.solve(right)
        // Pass 2: cluster scores from the residuals.
        var scores: [[Double]] = []
        scores.reserveCapacity(a)
        var treated = 0
        for area in 0..<a {
            demeaned(area)
            if panel.cohort[area] != nil { treated += 1 }
            let base = area * t
            var s = [Double](repeating: 0, count: k)
            for j in 0..<t {
                var fitted = 0.0
                for p in 0..<k { fitted += z[j * k + p] * c[p] }
                let e = panel.w[base + j] * (yd[j] - fitted)
                for p in 0..<k { s[p] += z[j * k + p] * e }
            }
            scores.append(s)
        }
        guard let v = ClusteredWLS.sandwich(system: system, scores: scores, observations: a * t, parameters: a + t) else { return nil }
        return Estimate(value: c[0], standardError: v[0].squareRoot(), treatedAreas: treated, comparisonAreas: a - treated)
    }
}
