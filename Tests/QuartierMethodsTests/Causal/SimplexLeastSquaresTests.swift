import QuartierMethods
import QuartierTestSupport
import Testing

/// The inner problem of the synthetic control: min ‖Aw − b‖² over the simplex.
@Suite struct SimplexLeastSquaresTests {
    /// Small problems with known solutions: columns (column-major), rows, target, expected weights.
    static let known: [(name: String, columns: [Double], rows: Int, target: [Double], weights: [Double])] = [
        ("interior of a segment", [0, 2], 1, [1.5], [0.25, 0.75]),
        ("beyond the segment's end", [0, 2], 1, [3], [0, 1]),
        ("before the segment's start", [0, 2], 1, [-1], [1, 0]),
        ("triangle centroid", [0, 0, 3, 0, 0, 3], 2, [1, 1], [1.0 / 3, 1.0 / 3, 1.0 / 3]),
        ("projection onto an edge", [0, 0, 2, 0, 0, 2], 2, [2, 2], [0, 0.5, 0.5]),
        ("nearest vertex", [0, 0, 1, 0, 0, 1], 2, [-1, -1], [1, 0, 0]),
        ("single column", [4, 5], 2, [0, 0], [1]),
        // The sum-to-one constraint binds: without it (NNLS) w = (2, 0) fits exactly.
        ("sum binds", [1, 0, 0, 1], 2, [2, 0], [1, 0]),
        // Duplicate columns: the first on ties keeps the weight.
        ("duplicate columns", [1, 1, 1, 1, 3, 3], 2, [2, 2], [0.5, 0, 0.5]),
    ]

    @Test(arguments: known.indices)
    func knownSolutions(_ index: Int) throws {
        let c = Self.known[index]
        let s = SimplexLeastSquares.solve(columns: c.columns, rows: c.rows, target: c.target)
        for (ours, expected) in try zipEqual(s.weights, c.weights) { #expect(abs(ours - expected) < 1e-12, "\(c.name)") }
        #expect(s.weights.allSatisfy { $0 >= 0 })
        #expect(abs(s.weights.reduce(0, +) - 1) < 1e-14)
    }

    /// Against an independent exact solver: every support (subset of columns) solved through its KKT
    /// system by Gaussian elimination, the best feasible one kept. Random problems from the project's RNG,
    /// treated points inside and outside the hull, more columns than rows and fewer.
    @Test(arguments: [(rows: 3, n: 6), (rows: 5, n: 4), (rows: 2, n: 7), (rows: 8, n: 9)])
    func matchesExhaustiveSearch(_ size: (rows: Int, n: Int)) throws {
        var generator = SeededGenerator(seed: 20_101)
        for trial in 0..<40 {
            let columns = (0..<(size.rows * size.n)).map { _ in generator.normal() }
            let target = (0..<size.rows).map { _ in trial % 2 == 0 ? 2 * generator.normal() : 0.3 * generator.normal() }
            let ours = SimplexLeastSquares.solve(columns: columns, rows: size.rows, target: target)
            let exact = try #require(Self.exhaustive(columns: columns, rows: size.rows, target: target))
            #expect(abs(ours.loss - exact.loss) <= 1e-10 * max(1, exact.loss), "trial \(trial): loss \(ours.loss) vs \(exact.loss)")
            #expect(ours.weights.allSatisfy { $0 >= 0 })
            #expect(abs(ours.weights.reduce(0, +) - 1) < 1e-12)
            // The minimiser is unique (for random data) when the columns are affinely independent, or when the
            // target is outside the hull (the fitted point, its projection, is unique and lies on a simplicial face).
            if size.n <= size.rows + 1 || exact.loss > 1e-8 {
                for (o, e) in try zipEqual(ours.weights, exact.weights) { #expect(abs(o - e) < 1e-8, "trial \(trial)") }
            }
        }
    }

    /// The loss ‖Aw − b‖² reported equals the one recomputed from the weights.
    @Test func reportedLossIsTheResidual() throws {
        var generator = SeededGenerator(seed: 7)
        let rows = 4, n = 30
        let columns = (0..<(rows * n)).map { _ in generator.uniform(0, 10) }
        let target = [12.0, -1, 5, 20]
        let s = SimplexLeastSquares.solve(columns: columns, rows: rows, target: target)
        var loss = 0.0
        for i in 0..<rows {
            var fitted = 0.0
            for j in 0..<n { fitted += columns[j * rows + i] * s.weights[j] }
            loss += (fitted - target[i]) * (fitted - target[i])
        }
        #expect(abs(loss - s.loss) < 1e-9)
        #expect(s.support == s.weights.indices.filter { s.weights[$0] > 0 })
    }

    /// Min over every support S of the equality-constrained least squares on S, kept when all weights > 0.
    static func exhaustive(columns: [Double], rows: Int, target: [Double]) -> (weights: [Double], loss: Double, support: [Int])? {
        let n = columns.count / rows
        var best: (weights: [Double], loss: Double, support: [Int])?
        for mask in 1..<(1 << n) {
            let support = (0..<n).filter { mask & (1 << $0) != 0 }
            let m = support.count
            // KKT: [AᵀA 1; 1ᵀ 0][w; λ] = [Aᵀb; 1].
            var kkt = [[Double]](repeating: [Double](repeating: 0, count: m + 2), count: m + 1)
            for (p, j) in support.enumerated() {
                for (q, l) in support.enumerated() {
                    kkt[p][q] = (0..<rows).reduce(0) { $0 + columns[j * rows + $1] * columns[l * rows + $1] }
                }
                kkt[p][m] = 1
                kkt[m][p] = 1
                kkt[p][m + 1] = (0..<rows).reduce(0) { $0 + columns[j * rows + $1] * target[$1] }
            }
            kkt[m][m + 1] = 1
            guard let solution = gauss(kkt), solution.prefix(m).allSatisfy({ $0 > -1e-12 }) else { continue }
            var weights = [Double](repeating: 0, count: n)
            for (p, j) in support.enumerated() { weights[j] = max(0, solution[p]) }
            var loss = 0.0
            for i in 0..<rows {
                let fitted = (0..<n).reduce(0) { $0 + columns[$1 * rows + i] * weights[$1] }
                loss += (fitted - target[i]) * (fitted - target[i])
            }
            if best == nil || loss < best!.loss - 1e-13 { best = (weights, loss, support) }
        }
        return best
    }

    /// Gaussian elimination with partial pivoting on an augmented matrix; nil when singular.
    static func gauss(_ matrix: [[Double]]) -> [Double]? {
        var a = matrix
        let n = a.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            if abs(a[pivot][col]) < 1e-11 { return nil }
            a.swapAt(col, pivot)
            for row in 0..<n where row != col {
                let f = a[row][col] / a[col][col]
                for c in col...n { a[row][c] -= f * a[col][c] }
            }
        }
        return (0..<n).map { a[$0][n] / a[$0][$0] }
    }
}
