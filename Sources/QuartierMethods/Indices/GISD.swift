/// A GISD-style index: first principal component per dimension, sign fixed, rescaled, summed.
///
/// Source: L. E. Kroll, M. Schumann, J. Hoebel, T. Lampert (2017), "Regional health differences –
/// developing a socioeconomic deprivation index for Germany", Journal of Health Monitoring 2(2),
/// 98–114 (German Index of Socioeconomic Deprivation): per dimension (education, employment,
/// income) the indicators are standardised (z, SD divisor named), the first principal component of
/// their correlation matrix gives the dimension score, its sign is fixed so that it correlates
/// positively with a reference indicator (unemployment), each dimension score is rescaled to
/// [0, 1] (min–max), the dimensions summed and the sum rescaled to [0, 1]; quintiles by `ntile`.
public enum GISD {
    public struct Dimension: Sendable, Hashable {
        public var name: String
        /// Indicator values (indicator-major), complete.
        public var indicators: [[Double]]
        /// The position, within `indicators`, of the indicator the component must correlate positively with;
        /// nil: the first indicator (make it one where larger means more deprivation).
        public var signReference: Int?

        public init(name: String, indicators: [[Double]], signReference: Int? = nil) {
            self.name = name
            self.indicators = indicators
            self.signReference = signReference
        }
    }

    public struct Result: Sendable, Hashable {
        /// The first-component loadings of each dimension (unit length, sign fixed).
        public var loadings: [[Double]]
        /// Each dimension's score rescaled to [0, 1] (dimension-major).
        public var dimensionScores: [[Double]]
        /// The index in [0, 1].
        public var index: [Double]
        /// Quintiles (1 = least deprived fifth, as GISD reports them; `ntile` on ascending index).
        public var quintile: [Int]
    }

    /// The unit eigenvector of the largest eigenvalue of a symmetric matrix, by cyclic Jacobi
    /// rotations (Golub & Van Loan, Matrix Computations, §8.5): exact to rounding for the few
    /// indicators of a dimension, unlike power iteration, which stalls on a start orthogonal to it.
    static func firstComponent(_ matrix: [[Double]]) -> [Double] {
        let k = matrix.count
        var a = matrix
        var v = (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<k { for q in (p + 1)..<max(k, p + 1) { off += a[p][q] * a[p][q] } }
            if off < 1e-30 { break }
            for p in 0..<k {
                for q in (p + 1)..<max(k, p + 1) where abs(a[p][q]) > 1e-300 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for r in 0..<k {
                        let arp = a[r][p], arq = a[r][q]
                        a[r][p] = c * arp - s * arq
                        a[r][q] = s * arp + c * arq
                    }
                    for r in 0..<k {
                        let apr = a[p][r], aqr = a[q][r]
                        a[p][r] = c * apr - s * aqr
                        a[q][r] = s * apr + c * aqr
                    }
                    for r in 0..<k {
                        let vrp = v[r][p], vrq = v[r][q]
                        v[r][p] = c * vrp - s * vrq
                        v[r][q] = s * vrp + c * vrq
                    }
                }
            }
        }
        let largest = (0..<k).max { a[$0][$0] < a[$1][$1] } ?? 0
        return (0..<k).map { v[$0][largest] }
    }

    static func rescale(_ values: [Double]) -> [Double] {
        let low = values.min() ?? 0, high = values.max() ?? 0
        return values.map { high > low ? ($0 - low) / (high - low) : 0 }
    }

    public static func compute(dimensions: [Dimension], divisor: StandardDeviationDivisor = .sample) -> Result {
        precondition(!dimensions.isEmpty, "at least one dimension")
        let n = dimensions[0].indicators[0].count
        var loadings: [[Double]] = [], scores: [[Double]] = []
        for dimension in dimensions {
            let z = dimension.indicators.map { Standardization.zScores($0, divisor: divisor) }
            let k = z.count
            var correlation = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for a in 0..<k { for b in 0..<k {
                var sum = 0.0
                for i in 0..<n { sum += z[a][i] * z[b][i] }
                correlation[a][b] = sum / Double(divisor == .population ? n : n - 1)
            } }
            var v = firstComponent(correlation)
            var score = (0..<n).map { i in (0..<k).reduce(0) { $0 + v[$1] * z[$1][i] } }
            let reference = z[dimension.signReference ?? 0]
            if zip(score, reference).reduce(0, { $0 + $1.0 * $1.1 }) < 0 {
                v = v.map { -$0 }
                score = score.map { -$0 }
            }
            loadings.append(v)
            scores.append(rescale(score))
        }
        let index = rescale((0..<n).map { i in scores.reduce(0) { $0 + $1[i] } })
        let ranks = Ranking.ranks(index, order: .ascending, ties: .ordinal)
        let quintile = QuantileGroups.groups(ranks: ranks, count: n, groups: 5, rule: .ntile).map { $0! }
        return Result(loadings: loadings, dimensionScores: scores, index: index, quintile: quintile)
    }
}
