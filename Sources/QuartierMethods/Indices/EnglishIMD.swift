import Foundation

/// The English Index of Multiple Deprivation: exponential transform of domain ranks, weighted sum,
/// rank and decile.
///
/// Source: MHCLG (2019), "The English Indices of Deprivation 2019: Technical Report", §3.8–3.9 and
/// Appendix: rank 1 = most deprived; scaled rank R = (N − rank + 1)/N (most deprived → 1);
/// X = −23·ln(1 − R·(1 − e^(−100/23))), which maps the least deprived to ~0 and the most deprived to 100;
/// IMD score = Σ w·X; the score is ranked (largest = rank 1, ties `.min`) and cut into deciles
/// ⌈10·rank/N⌉. Recombining the published domain ranks (rather than the domain scores) reproduces
/// the published IMD rank up to ties of those ranks.
public enum EnglishIMD {
    /// The seven domains with their 2019 weights.
    public enum Domain: String, Sendable, Hashable, CaseIterable {
        case income, employment, education, health, crime, barriers, livingEnvironment

        /// The IoD 2019 weight: Income .225, Employment .225, Education .135, Health .135, Crime .093,
        /// Barriers to Housing and Services .093, Living Environment .093.
        public var weight2019: Double {
            switch self {
            case .income, .employment: 0.225
            case .education, .health: 0.135
            case .crime, .barriers, .livingEnvironment: 0.093
            }
        }
    }

    /// The exponential transform of one rank (1 = most deprived) among `count` areas.
    /// - Parameter constant: the transform's constant (23 in every edition since 2004).
    @inlinable
    public static func exponentialTransform(rank: Double, count: Int, constant: Double = 23) -> Double {
        let n = Double(count)
        let scaled = (n - rank + 1) / n
        return -constant * log(1 - scaled * (1 - exp(-100 / constant)))
    }

    /// The result of a recombination.
    public struct Result: Sendable, Hashable {
        /// Transformed domain scores (domain-major).
        public var transformed: [[Double]]
        /// Σ w·X per area.
        public var score: [Double]
        /// Rank of the score, 1 = most deprived.
        public var rank: [Double]
        /// Decile (1 = most deprived 10 %).
        public var decile: [Int]
    }

    /// Recombines domain ranks into the IMD.
    /// - Parameters:
    ///   - domainRanks: ranks per domain (domain-major), 1 = most deprived, each over the same N areas.
    ///   - weights: one weight per domain.
    ///   - ties: the tie rule of the final rank (the IoD: `.min`).
    ///   - groups: the decile rule (the IoD: `.ceiling`).
    /// - Complexity: O(d·N + N log N).
    public static func combine(domainRanks: [[Double]], weights: [Double], ties: TieRule = .min,
                               groups: QuantileGroupRule = .ceiling) -> Result {
        precondition(domainRanks.count == weights.count && !domainRanks.isEmpty, "one weight per domain")
        let n = domainRanks[0].count
        var score = [Double](repeating: 0, count: n)
        var transformed: [[Double]] = []
        transformed.reserveCapacity(domainRanks.count)
        // Precompute the transform of every integer rank once.
        let table = (0...n).map { $0 == 0 ? 0 : exponentialTransform(rank: Double($0), count: n) }
        for (ranks, weight) in zip(domainRanks, weights) {
            precondition(ranks.count == n, "every domain ranks the same areas")
            var x = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let r = ranks[i]
                let value = r == r.rounded() && r >= 1 && r <= Double(n) ? table[Int(r)] : exponentialTransform(rank: r, count: n)
                x[i] = value
                score[i] += weight * value
            }
            transformed.append(x)
        }
        let rank = Ranking.ranks(score, order: .descending, ties: ties)
        let decile = QuantileGroups.groups(ranks: rank, count: n, groups: 10, rule: groups).map { $0! }
        return Result(transformed: transformed, score: score, rank: rank, decile: decile)
    }
}
