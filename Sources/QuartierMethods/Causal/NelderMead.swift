/// A deterministic Nelder–Mead simplex minimiser, for the outer (predictor-weight) problem of the synthetic
/// control method.
///
/// Source: J. A. Nelder & R. Mead (1965), "A simplex method for function minimization", Computer Journal 7,
/// with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½) and the ordering and
/// tie rules of Lagarias, Reeds, Wright & Wright (1998), SIAM J. Optim. 9(1); the initial simplex as
/// scipy's `minimize(method="Nelder-Mead")`: x₀ and x₀ + 5 % of x₀ᵢ along each axis (0.00025 when x₀ᵢ = 0).
/// It finds a local minimum only; the result depends on the start, the stopping rule and the arithmetic.
struct NelderMead {
    /// Stop when the values at the vertices differ by at most `valueTolerance` × (|f(best)| + `valueFloor`)
    /// and the vertices by at most `pointTolerance` (maximum norm), or after `maximumEvaluations`.
    var valueTolerance = 1e-10
    var valueFloor = 1e-12
    var pointTolerance = 1e-7
    var maximumEvaluations = 2000

    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
    }

    func minimize(from start: [Double], _ f: ([Double]) -> Double) -> Result {
        let n = start.count
        var evaluations = 0
        func evaluate(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isNaN ? .infinity : v
        }
        var points = [start]
        for i in 0..<n {
            var x = start
            x[i] = x[i] != 0 ? 1.05 * x[i] : 0.00025
            points.append(x)
        }
        var values = points.map(evaluate)

        while evaluations < maximumEvaluations {
            // Order best to worst; a stable sort keeps the older vertex first among equal values.
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            let spreadValue = values.map { abs($0 - values[0]) }.max()!
            var spreadPoint = 0.0
            for p in points.dropFirst() { for i in 0..<n { spreadPoint = max(spreadPoint, abs(p[i] - points[0][i])) } }
            if values[0].isFinite && spreadValue <= valueTolerance * (abs(values[0]) + valueFloor) && spreadPoint <= pointTolerance { break }

            var centroid = [Double](repeating: 0, count: n)
            for p in points.dropLast() { for i in 0..<n { centroid[i] += p[i] / Double(n) } }
            let worst = points[n]
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (centroid[$0] - worst[$0]) } }

            let reflected = along(1), fr = evaluate(reflected)
            if fr < values[0] {
                let expanded = along(2), fe = evaluate(expanded)
                if fe < fr { points[n] = expanded; values[n] = fe } else { points[n] = reflected; values[n] = fr }
                continue
            }
            if fr < values[n - 1] { points[n] = reflected; values[n] = fr; continue }
            if fr < values[n] {
                let outside = along(0.5), fc = evaluate(outside)
                if fc <= fr { points[n] = outside; values[n] = fc; continue }
            } else {
                let inside = along(-0.5), fc = evaluate(inside)
                if fc < values[n] { points[n] = inside; values[n] = fc; continue }
            }
            // Shrink towards the best vertex.
            for j in 1...n {
                points[j] = (0..<n).map { points[0][$0] + 0.5 * (points[j][$0] - points[0][$0]) }
                values[j] = evaluate(points[j])
            }
        }
        let best = values.indices.min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }!
        return Result(point: points[best], value: values[best], evaluations: evaluations)
    }
}
