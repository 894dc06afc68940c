/// One synthetic-control problem in numbers: the treated unit's and the donors' (scaled) predictors and
/// pre-period outcomes, and the two nested problems on them — W for a given V (the simplex least squares),
/// and V (ADH's nested choice). Plain `let` data: one value per thread in the placebo runs.
struct SyntheticControlProblem {
    /// Predictor rows k, donors J, pre-period years t0.
    let k: Int, donors: Int, t0: Int
    /// X₁ (k) and X₀ (k × J, column-major: donor j's predictors at j·k), scaled.
    let x1: [Double], x0: [Double]
    /// Z₁ (t0) and Z₀ (t0 × J, column-major), the pre-period outcomes.
    let z1: [Double], z0: [Double]

    /// W for the diagonal V (non-negative, not all 0): min over the simplex of (X₁ − X₀W)ᵀV(X₁ − X₀W),
    /// as the least-squares problem with A = V^½X₀, b = V^½X₁.
    func weights(v: [Double]) -> SimplexLeastSquares.Solution {
        let root = v.map { $0.squareRoot() }
        var a = [Double](repeating: 0, count: k * donors)
        for j in 0..<donors { for i in 0..<k { a[j * k + i] = root[i] * x0[j * k + i] } }
        let b = (0..<k).map { root[$0] * x1[$0] }
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in SimplexLeastSquares.solve(a, rows: k, target: b) } }
    }

    /// The pre-period MSPE of a weighting: Σₜ (Z₁ₜ − Z₀ₜW)² / t0.
    func preMSPE(_ w: [Double]) -> Double {
        var sum = 0.0
        for t in 0..<t0 {
            var fitted = 0.0
            for j in 0..<donors where w[j] != 0 { fitted += z0[j * t0 + t] * w[j] }
            sum += (z1[t] - fitted) * (z1[t] - fitted)
        }
        return sum / Double(t0)
    }

    /// V = |x| / Σ|x| (the parametrisation of R's Synth and pysyncon); nil when x is 0.
    static func normalised(_ x: [Double]) -> [Double]? {
        let total = x.reduce(0) { $0 + abs($1) }
        guard total > 0, total.isFinite else { return nil }
        return x.map { abs($0) / total }
    }

    /// ADH's nested choice of V: the V minimising the pre-period MSPE of W(V), by Nelder–Mead from k + 2
    /// starts — equal weights, the regression-based start, and each predictor in turn dominant (0.9, the
    /// others sharing 0.1) — keeping the lowest MSPE (the earlier start on ties). The MSPE is not smooth in
    /// V (W jumps between faces of the donors' hull), so one start often ends in a poor local optimum.
    /// With one predictor V = [1].
    func optimisedV() -> [Double] {
        if k == 1 { return [1] }
        var starts = [[Double](repeating: 1 / Double(k), count: k)]
        if let regression = regressionStart() { starts.append(regression) }
        for i in 0..<k {
            var dominant = [Double](repeating: 0.1 / Double(k - 1), count: k)
            dominant[i] = 0.9
            starts.append(dominant)
        }
        let minimiser = NelderMead(maximumEvaluations: max(600, 200 * k))
        var best: (v: [Double], value: Double)?
        for start in starts {
            let result = minimiser.minimize(from: start) { x in
                guard let v = Self.normalised(x) else { return .infinity }
                return preMSPE(weights(v: v).weights)
            }
            guard let v = Self.normalised(result.point) else { continue }
            if best == nil || result.value < best!.value { best = (v, result.value) }
        }
        return best?.v ?? starts[0]
    }

    /// R Synth's regression-based start: regress each pre-period outcome on the scaled predictors (with an
    /// intercept) over all units, V ∝ the row sums of the squared coefficients; nil when XᵀX is singular.
    func regressionStart() -> [Double]? {
        let n = donors + 1, p = k + 1
        guard n > p else { return nil }
        // Design rows: [1, predictors of unit u]; unit 0..<J the donors, J the treated.
        func design(_ u: Int, _ c: Int) -> Double { c == 0 ? 1 : (u < donors ? x0[u * k + c - 1] : x1[c - 1]) }
        func outcome(_ u: Int, _ t: Int) -> Double { u < donors ? z0[u * t0 + t] : z1[t] }
        var xtx = [Double](repeating: 0, count: p * p)
        var xtz = [Double](repeating: 0, count: p * t0)
        for u in 0..<n {
            for r in 0..<p {
                let xr = design(u, r)
                for c in 0..<p { xtx[r * p + c] += xr * design(u, c) }
                for t in 0..<t0 { xtz[r * t0 + t] += xr * outcome(u, t) }
            }
        }
        guard let beta = Self.solveLinear(xtx, xtz, size: p, columns: t0) else { return nil }
        var v = [Double](repeating: 0, count: k)
        for i in 0..<k { for t in 0..<t0 { v[i] += beta[(i + 1) * t0 + t] * beta[(i + 1) * t0 + t] } }
        return Self.normalised(v)
    }

    /// Solves M B = R (M size × size, R size × columns, row-major) by Gaussian elimination with partial
    /// pivoting; nil when a pivot is below 1e-12 of M's largest entry.
    static func solveLinear(_ m: [Double], _ r: [Double], size: Int, columns: Int) -> [Double]? {
        var m = m, r = r
        let largest = m.map(abs).max() ?? 0
        guard largest > 0 else { return nil }
        for col in 0..<size {
            var pivot = col
            for row in (col + 1)..<size where abs(m[row * size + col]) > abs(m[pivot * size + col]) { pivot = row }
            guard abs(m[pivot * size + col]) > 1e-12 * largest else { return nil }
            if pivot != col {
                for c in 0..<size { m.swapAt(col * size + c, pivot * size + c) }
                for c in 0..<columns { r.swapAt(col * columns + c, pivot * columns + c) }
            }
            for row in (col + 1)..<size {
                let f = m[row * size + col] / m[col * size + col]
                if f == 0 { continue }
                for c in col..<size { m[row * size + c] -= f * m[col * size + c] }
                for c in 0..<columns { r[row * columns + c] -= f * r[col * columns + c] }
            }
        }
        var row = size - 1
        while row >= 0 {
            for c in 0..<columns {
                var s = r[row * columns + c]
                for q in (row + 1)..<size { s -= m[row * size + q] * r[q * columns + c] }
                r[row * columns + c] = s / m[row * size + row]
            }
            row -= 1
        }
        return r
    }
}
