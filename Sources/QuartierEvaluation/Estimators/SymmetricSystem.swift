/// A small dense symmetric positive-definite matrix (row-major), factored by Cholesky: the normal
/// equations of the evaluation's regressions (at most a few dozen unknowns).
struct SymmetricSystem {
    let size: Int
    /// The lower Cholesky factor L (A = L Lᵀ), row-major.
    private var factor: [Double]

    /// Factors `matrix` (size × size, row-major). Returns nil when it is not positive definite
    /// (a regressor without variation, e.g. no funded or no comparison area).
    init?(_ matrix: [Double], size: Int) {
        precondition(matrix.count == size * size)
        self.size = size
        var l = [Double](repeating: 0, count: size * size)
        let scale = (0..<size).map { matrix[$0 * size + $0] }.max() ?? 0
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= l[i * size + k] * l[j * size + k] }
                if i == j {
                    guard sum > 1e-12 * max(scale, 1e-300) else { return nil }
                    l[i * size + i] = sum.squareRoot()
                } else {
                    l[i * size + j] = sum / l[j * size + j]
                }
            }
        }
        factor = l
    }

    /// x with A x = b.
    func solve(_ b: [Double]) -> [Double] {
        var z = whiten(b) // L z = b, then Lᵀ x = z
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = z[i]
            for k in (i + 1)..<size { sum -= factor[k * size + i] * z[k] }
            z[i] = sum / factor[i * size + i]
        }
        return z
    }

    /// A⁻¹ (row-major).
    func inverse() -> [Double] {
        var result = [Double](repeating: 0, count: size * size)
        for j in 0..<size {
            var e = [Double](repeating: 0, count: size)
            e[j] = 1
            let column = solve(e)
            for i in 0..<size { result[i * size + j] = column[i] }
        }
        return result
    }

    /// L⁻¹ v (whitening: ‖L⁻¹(x − y)‖ is the Mahalanobis distance when A is the covariance).
    func whiten(_ v: [Double]) -> [Double] {
        var z = v
        for i in 0..<size {
            var sum = z[i]
            for k in 0..<i { sum -= factor[i * size + k] * z[k] }
            z[i] = sum / factor[i * size + i]
        }
        return z
    }
}
