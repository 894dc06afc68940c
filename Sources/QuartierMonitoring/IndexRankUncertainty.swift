import Quartier
import QuartierMethods

/// How sure each rank of the composite index is: the counts behind the index are drawn again and the
/// whole index computation (`MonitoringResults.index`, the run's own code path: z-standardisation over
/// the valid areas, sums, index, classes, ranks) is repeated for every draw.
///
/// Source: the simulation approach to league-table uncertainty of H. Goldstein and D. J. Spiegelhalter
/// (1996), "League tables and their limitations: statistical issues in comparisons of institutional
/// performance", JRSS A 159(3), 385–443 (rank intervals from repeated draws), applied to a composite
/// index as the English IMD's technical report does for its domains.
///
/// Conventions, named: each rate row of the index level in the index year (and in the base year of its
/// dynamics) with counts x of n is drawn as Binomial(n, x/n)/n × scale (the observed rate as the
/// binomial's probability); rows without counts (published values) stay fixed; the dynamics are the
/// drawn rates' differences. Ranks: 1 = most disadvantaged, ties `min`, over the valid areas of each
/// draw. The interval is the central `level` interval of the drawn ranks with quantiles of type 1
/// (inverse empirical CDF; Hyndman & Fan 1996). "Most deprived class": the Berlin MSS status class
/// `sehr niedrig`; for a weighted z-sum the first quintile of ranks, ⌈5·rank/N⌉ = 1. The generator is
/// QuartierMethods' `SeededGenerator` (SplitMix64): same seed and draws, same result.
public enum IndexRankUncertainty {
    /// The number of simulated rankings of a run (the `draws` column of the store's table).
    public static let defaultDraws = 200
    /// The seed of a run.
    public static let defaultSeed: UInt64 = 20_211_231
    /// The coverage of the rank interval.
    public static let defaultLevel = 0.9
    /// The most draws a spec may ask for (`[index] rank_draws`).
    public static let maximumDraws = 100_000
    /// An area is marked uncertain when this share of the draws or more, but not all but it, puts it in
    /// the most deprived class: 10 % ≤ P ≤ 90 %.
    public static let uncertainBand: ClosedRange<Double> = 0.1...0.9

    /// One area's summary.
    public struct Summary: Sendable, Hashable {
        public var areaID: String
        public var year: Int
        /// The rank of the observed index (nil for an invalid area: no interval either).
        public var rank: Int
        public var lower: Int
        public var upper: Int
        /// The share of draws that put the area in the most deprived class.
        public var probabilityTopClass: Double
        public var draws: Int
        public var seed: UInt64
        public var level: Double
        /// Whether the area's membership of the most deprived class is uncertain (`uncertainBand`).
        public var isUncertain: Bool { IndexRankUncertainty.uncertainBand.contains(probabilityTopClass) }
    }

    /// Simulates the ranks of `spec.index` from the counts of `results`; draws, seed and coverage default
    /// to the spec's (`[index] rank_draws`, `rank_seed`, `rank_level`).
    /// - Returns: one summary per area with an observed rank, in the order of `results.index`; empty
    ///   without an index or when none of its rows has counts.
    /// - Complexity: O(draws · (rows + N log N)) for the rows of the index level and years.
    public static func simulate(spec: MonitoringSpec, results: MonitoringResults, draws: Int? = nil,
                                seed: UInt64? = nil, level: Double? = nil) throws -> [Summary] {
        guard let method = spec.index, let year = results.index.first?.year else { return [] }
        let draws = draws ?? method.rankDraws, seed = seed ?? method.rankSeed, level = level ?? method.rankLevel
        precondition(draws > 0 && level > 0 && level < 1, "need draws > 0 and 0 < level < 1")
        let span = spec.dynamics?.years ?? 0
        let years: Set<Int> = method.dynamics.isEmpty ? [year] : [year, year - span]
        let names = Set(method.status + method.dynamics)
        // Only the rows the index reads: its level, its years, its indicators.
        let rows = results.indicators.filter { $0.level == method.level && years.contains($0.year) && names.contains($0.indicator) }
        // An index over published values only (no counts, e.g. the Berlin MSS from its tables) has nothing to draw.
        guard rows.contains(where: { $0.numerator != nil && $0.denominator != nil && $0.value != nil }) else { return [] }
        let factor = Dictionary(spec.indicators.map { ($0.id, $0.scale.factor) }, uniquingKeysWith: { first, _ in first })
        let observedRank = results.index.map(\.rank)
        let ids = results.index.map(\.areaID)
        let position = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var ranks = [[Int]](repeating: [], count: ids.count)
        var top = [Int](repeating: 0, count: ids.count)
        var generator = SeededGenerator(seed: seed)
        // Publisher validity is kept as observed (the draws change rates, not who is valid).
        let validity: [Int: [String: String?]] = [year: Dictionary(results.index.map { ($0.areaID, $0.valid ? nil : $0.invalidReason ?? "invalid") },
                                                                   uniquingKeysWith: { first, _ in first })]
        for _ in 0..<draws {
            var drawn = rows
            for k in drawn.indices {
                guard let x = drawn[k].numerator, let n = drawn[k].denominator, n > 0, x >= 0, x <= n, drawn[k].value != nil else { continue }
                let count = Sampling.binomial(trials: Int(n), probability: Double(x) / Double(n), &generator)
                drawn[k].value = Double(count) / Double(n) * (factor[drawn[k].indicator] ?? 1)
            }
            var dynamics: [DynamicsValue] = []
            if !method.dynamics.isEmpty {
                var base: [String: Double] = [:]
                for row in drawn where row.year == year - span { if let v = row.value { base["\(row.areaID)\u{1F}\(row.indicator)"] = v } }
                for row in drawn where row.year == year && method.dynamics.contains(row.indicator) {
                    dynamics.append(DynamicsValue(level: row.level, areaID: row.areaID, indicator: row.indicator, fromYear: year - span,
                                                  toYear: year, change: row.value.flatMap { now in base["\(row.areaID)\u{1F}\(row.indicator)"].map { now - $0 } }))
                }
            }
            let index = try MonitoringResults.index(spec: spec, indicators: drawn, dynamics: dynamics, counts: results.counts,
                                                    validity: method.level == spec.lowestLevel.id ? validity : [:])
            let validCount = index.count { $0.rank != nil }
            for value in index {
                guard let p = position[value.areaID], observedRank[p] != nil, let rank = value.rank else { continue }
                ranks[p].append(rank)
                let inTop = method.method == .berlinMSS
                    ? value.statusClass == "sehr niedrig"
                    : Int((5 * Double(rank) / Double(max(validCount, 1))).rounded(.up)) == 1
                if inTop { top[p] += 1 }
            }
        }
        func quantile(_ sorted: [Int], _ p: Double) -> Int {
            sorted[max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return ids.indices.compactMap { p in
            guard let rank = observedRank[p], !ranks[p].isEmpty else { return nil }
            let sorted = ranks[p].sorted()
            return Summary(areaID: ids[p], year: year, rank: rank, lower: quantile(sorted, (1 - level) / 2),
                           upper: quantile(sorted, 1 - (1 - level) / 2),
                           probabilityTopClass: Double(top[p]) / Double(sorted.count), draws: draws, seed: seed, level: level)
        }
    }
}
