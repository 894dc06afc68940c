/// Least squares over the probability simplex: min ‖A w − b‖² subject to w ≥ 0 and Σ w = 1, solved exactly
/// by an active-set method.
///
/// This is the inner problem of the synthetic control method (Abadie, Diamond & Hainmueller 2010, eq. (2)
/// with V = DᵀD folded into A = D X₀ and b = D X₁). The algorithm is Lawson & Hanson's NNLS (1974,
/// "Solving Least Squares Problems", ch. 23) with the equality Σ w = 1 kept exactly instead of added as a
/// penalty: every subproblem minimises over the current support P with Σ_P w = 1 (the constraint is
/// eliminated by writing w_r = 1 − Σ_{P∖r} w, which leaves an unconstrained least-squares problem in the
/// differences a_j − a_r, solved by Householder QR); a donor joins P when its partial derivative is below
/// the common derivative of the support by more than the tolerance (the KKT condition of the simplex:
/// gⱼ ≥ μ for every j, = μ on the support, g = Aᵀ(Aw − b)); a step that would make a weight negative stops
/// on the boundary and drops that donor, as in NNLS. In exact arithmetic this terminates at the optimum;
/// with floats a donor that cannot join (its column is affinely dependent on the support's, or its new
/// weight would not be positive) is skipped until the support next changes.
///
/// Conventions:
/// - Tolerance: the solution is accepted when min over j outside P of gⱼ ≥ μ − `tolerance` × s, with
///   s = max(‖b‖², maxⱼ ‖aⱼ‖²) (the scale of the problem; 1 when all are 0). The default 1e-11 makes the
///   weights agree with an exact solver to about 1e-9 on well-conditioned data.
/// - Start: the single best column (argminⱼ ‖aⱼ − b‖², the first on ties), a vertex of the simplex.
/// - Ties and dependence: candidates are scanned in column order, the first of equal derivatives wins; a
///   column whose difference to the support's is numerically dependent (a QR pivot below 1e-10 of the
///   largest column norm) is not added. So the result is deterministic; when the minimiser is not unique
///   (a point strictly inside the hull of more than `rows` + 1 donors) it is one of the minimisers.
///
/// ```swift
/// // Two donors at 0 and 2, treated at 1.5: w = (0.25, 0.75).
/// let s = SimplexLeastSquares.solve(columns: [0, 2], rows: 1, target: [1.5])
/// ```
/// - Complexity: O(iterations × rows × n) for the derivatives plus O(rows × |P|²) per subproblem; the
///   number of iterations is small (typically at most |P| + a few).
public enum SimplexLeastSquares {
    /// One solution of the simplex-constrained least-squares problem.
    public struct Solution: Hashable, Sendable {
        /// The weights, one per column, ≥ 0, summing to 1 (exactly up to rounding).
        public var weights: [Double]
        /// ‖A w − b‖² at the solution.
        public var loss: Double
        /// The columns with a positive weight, ascending.
        public var support: [Int]
        /// The number of outer iterations (derivative evaluations).
        public var iterations: Int
    }

    /// The default relative KKT tolerance (see the type's conventions).
    public static let defaultTolerance = 1e-11

    /// Solves min ‖A w − b‖² over the simplex.
    /// - Parameters:
    ///   - columns: A in column-major order: n columns of `rows` values each (n ≥ 1).
    ///   - rows: the number of rows of A (≥ 1).
    ///   - target: b, `rows` values.
    ///   - tolerance: the relative KKT tolerance.
    /// - Precondition: finite values, `columns.count` a positive multiple of `rows`, `target.count == rows`.
    public static func solve(columns: [Double], rows: Int, target: [Double], tolerance: Double = defaultTolerance) -> Solution {
        precondition(rows >= 1 && !columns.isEmpty && columns.count % rows == 0, "columns: n columns of `rows` values each")
        precondition(target.count == rows, "target: one value per row")
        return columns.withUnsafeBufferPointer { a in
            target.withUnsafeBufferPointer { b in solve(a, rows: rows, target: b, tolerance: tolerance) }
        }
    }

    /// The same on buffers (the fast path of the synthetic control, which builds A per predictor weighting).
    static func solve(_ a: UnsafeBufferPointer<Double>, rows k: Int, target b: UnsafeBufferPointer<Double>,
                      tolerance: Double = defaultTolerance) -> Solution {
        let n = a.count / k
        var scale = 0.0
        for i in 0..<k { scale += b[i] * b[i] }
        var best = 0, bestDistance = Double.infinity
        for j in 0..<n {
            var norm = 0.0, distance = 0.0
            for i in 0..<k {
                let x = a[j * k + i]
                norm += x * x
                distance += (x - b[i]) * (x - b[i])
            }
            scale = max(scale, norm)
            if distance < bestDistance { bestDistance = distance; best = j }
        }
        let threshold = tolerance * (scale > 0 ? scale : 1)

        var weights = [Double](repeating: 0, count: n)
        weights[best] = 1
        var support = [best]
        var inSupport = [Bool](repeating: false, count: n)
        inSupport[best] = true
        var skipped = [Bool](repeating: false, count: n)
        var skippedAny = false
        var residual = (0..<k).map { a[best * k + $0] - b[$0] }
        var solver = SupportSolver(rows: k)
        var iterations = 0
        let maximumIterations = 3 * n + 30

        while iterations < maximumIterations {
            iterations += 1
            // Derivatives gⱼ = aⱼ · r (half the gradient); μ = their mean over the support (all equal there).
            var mu = 0.0
            for j in support { mu += dot(a, j, k, residual) }
            mu /= Double(support.count)
            var candidate = -1, lowest = mu - threshold
            for j in 0..<n where !inSupport[j] && !skipped[j] {
                let g = dot(a, j, k, residual)
                if g < lowest { lowest = g; candidate = j }
            }
            if candidate < 0 { break }

            support.append(candidate)
            guard var z = solver.solve(a, support: support, target: b), z[z.count - 1] > 0 else {
                // Numerically dependent, or it would not enter with a positive weight: skip it for now.
                support.removeLast()
                skipped[candidate] = true
                skippedAny = true
                continue
            }
            inSupport[candidate] = true
            // NNLS inner loop: step from w towards z until a weight reaches 0, drop it, solve again.
            var feasible = true
            while let blocking = z.indices.filter({ z[$0] <= 0 }).min(by: { ratio($0, support, weights, z) < ratio($1, support, weights, z) }) {
                let alpha = ratio(blocking, support, weights, z)
                for (position, j) in support.enumerated() { weights[j] += alpha * (z[position] - weights[j]) }
                weights[support[blocking]] = 0
                var kept: [Int] = []
                for j in support {
                    if weights[j] > 0 { kept.append(j) } else { weights[j] = 0; inSupport[j] = false }
                }
                support = kept
                guard let next = solver.solve(a, support: support, target: b) else { feasible = false; break }
                z = next
            }
            // (A subset of an independent support stays independent; `feasible` guards against rounding.)
            if feasible { for (position, j) in support.enumerated() { weights[j] = z[position] } }
            for i in 0..<k {
                var fitted = 0.0
                for j in support { fitted += a[j * k + i] * weights[j] }
                residual[i] = fitted - b[i]
            }
            if skippedAny { for j in 0..<n { skipped[j] = false }; skippedAny = false }
        }
        var loss = 0.0
        for r in residual { loss += r * r }
        return Solution(weights: weights, loss: loss, support: support.sorted(), iterations: iterations)
    }

    @inline(__always)
    private static func dot(_ a: UnsafeBufferPointer<Double>, _ j: Int, _ k: Int, _ r: [Double]) -> Double {
        var s = 0.0
        let base = j * k
        for i in 0..<k { s += a[base + i] * r[i] }
        return s
    }

    /// The step length at which support position p's weight reaches 0 on the segment from w to z.
    @inline(__always)
    private static func ratio(_ p: Int, _ support: [Int], _ w: [Double], _ z: [Double]) -> Double {
        let wj = w[support[p]]
        return wj / (wj - z[p])
    }
}

/// Solves min ‖A_P z − b‖² subject to Σ z = 1 on a support P by eliminating the last weight.
struct SupportSolver {
    let rows: Int
    private var matrix: [Double] = []
    private var rhs: [Double] = []

    init(rows: Int) { self.rows = rows }

    /// The weights on the support in its order, or nil when the differences a_p − a_{P₀} are numerically
    /// dependent (a Householder pivot below 1e-10 of the largest difference's norm).
    mutating func solve(_ a: UnsafeBufferPointer<Double>, support: [Int], target b: UnsafeBufferPointer<Double>) -> [Double]? {
        let m = support.count
        if m == 1 { return [1] }
        let k = rows, c = m - 1
        if c > k { return nil }
        // D = [a_{P₁} − a_{P₀}, …], rhs = b − a_{P₀}; w_{P₀} = 1 − Σ the others.
        let reference = support[0] * k
        if matrix.count < k * c { matrix = [Double](repeating: 0, count: k * c) }
        if rhs.count < k { rhs = [Double](repeating: 0, count: k) }
        var largest = 0.0
        for q in 0..<c {
            let column = support[q + 1] * k
            var norm = 0.0
            for i in 0..<k {
                let d = a[column + i] - a[reference + i]
                matrix[q * k + i] = d
                norm += d * d
            }
            largest = max(largest, norm.squareRoot())
        }
        for i in 0..<k { rhs[i] = b[i] - a[reference + i] }
        if largest == 0 { return nil }
        let pivotFloor = 1e-10 * largest
        // Householder QR in place (column q holds R above the diagonal and the reflector below).
        var diagonal = [Double](repeating: 0, count: c)
        for q in 0..<c {
            var norm = 0.0
            for i in q..<k { norm += matrix[q * k + i] * matrix[q * k + i] }
            norm = norm.squareRoot()
            if norm <= pivotFloor { return nil }
            let alpha = matrix[q * k + q] > 0 ? -norm : norm
            diagonal[q] = alpha
            // v = x − alpha e₁, stored in place; H = I − 2vvᵀ/vᵀv.
            matrix[q * k + q] -= alpha
            var vv = 0.0
            for i in q..<k { vv += matrix[q * k + i] * matrix[q * k + i] }
            if vv == 0 { continue }
            for p in (q + 1)..<c {
                var s = 0.0
                for i in q..<k { s += matrix[q * k + i] * matrix[p * k + i] }
                let f = 2 * s / vv
                for i in q..<k { matrix[p * k + i] -= f * matrix[q * k + i] }
            }
            var s = 0.0
            for i in q..<k { s += matrix[q * k + i] * rhs[i] }
            let f = 2 * s / vv
            for i in q..<k { rhs[i] -= f * matrix[q * k + i] }
        }
        // Back substitution R z' = (Qᵀ rhs)[0..<c].
        var z = [Double](repeating: 0, count: m)
        var q = c - 1
        while q >= 0 {
            var s = rhs[q]
            for p in (q + 1)..<c { s -= matrix[p * k + q] * z[p + 1] }
            z[q + 1] = s / diagonal[q]
            q -= 1
        }
        var rest = 1.0
        for p in 1..<m { rest -= z[p] }
        z[0] = rest
        return z
    }
}
