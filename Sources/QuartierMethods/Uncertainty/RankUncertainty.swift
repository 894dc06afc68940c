/// How the rank of each area varies when its rate is drawn again from its sampling distribution.
///
/// Source: the simulation approach to league-table uncertainty of H. Goldstein, D. J. Spiegelhalter
/// (1996), "League tables and their limitations", JRSS A 159(3), 385–443, and Marshall (1991) for
/// the empirical Bayes (gamma–Poisson) posterior: draw every area's rate R times, rank each draw
/// (rank 1 = largest rate, ties `.min`), and report per area the central rank interval at `level`
/// (quantiles of the drawn ranks, type 1 = inverse of the empirical CDF) and the share of draws in
/// which the area falls in the top group (⌈k·rank/N⌉ = 1, e.g. the most deprived decile).
public enum RankUncertainty {
    /// The sampling model of each area's rate.
    public enum Model: Sendable, Hashable {
        /// count ~ Binomial(denominator, observed proportion); rate = count/denominator.
        case binomial
        /// rate ~ Gamma(α + e, β + b): the gamma–Poisson posterior with the moment prior of Marshall's
        /// global EB (α = r̄²/A, β = r̄/A); falls back to `.poisson` when A = 0.
        case empiricalBayesPosterior
        /// count ~ Poisson(observed count); rate = count/denominator.
        case poisson
    }

    /// One area's summary.
    public struct AreaSummary: Sendable, Hashable {
        /// The rank of the observed rate.
        public var observedRank: Double
        public var lower: Double
        public var upper: Double
        public var median: Double
        /// The share of draws in the top group (rank group 1 of `groups`).
        public var probabilityTopGroup: Double
    }

    /// Simulates from a general draw function: `draw(area, &generator)` returns one drawn value of an area.
    /// - Parameters:
    ///   - observed: the observed values (ranked for `observedRank`).
    ///   - draws: R, the number of simulated rankings.
    ///   - seed: the PRNG seed (same seed, same result).
    ///   - level: the coverage of the rank interval, e.g. 0.9.
    ///   - groups: k of the top group (10 = decile).
    ///   - order: which end is rank 1.
    /// - Complexity: O(R·N log N).
    public static func simulate(observed: [Double], draws: Int, seed: UInt64, level: Double = 0.9, groups: Int = 10,
                                order: RankOrder = .descending,
                                draw: (Int, inout Xoshiro256StarStar) -> Double) -> [AreaSummary] {
        precondition(draws > 0 && level > 0 && level < 1, "need draws > 0 and 0 < level < 1")
        let n = observed.count
        var generator = Xoshiro256StarStar(seed: seed)
        var drawnRanks = [[Double]](repeating: [], count: n)
        for area in 0..<n { drawnRanks[area].reserveCapacity(draws) }
        var top = [Int](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: n)
        for _ in 0..<draws {
            for area in 0..<n { values[area] = draw(area, &generator) }
            let ranks = Ranking.ranks(values, order: order, ties: .min)
            for area in 0..<n {
                drawnRanks[area].append(ranks[area])
                if (Double(groups) * ranks[area] / Double(n)).rounded(.up) <= 1 { top[area] += 1 }
            }
        }
        let observedRanks = Ranking.ranks(observed, order: order, ties: .min)
        func quantile(_ sorted: [Double], _ p: Double) -> Double {
            let index = max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[index]
        }
        return (0..<n).map { area in
            let sorted = drawnRanks[area].sorted()
            return AreaSummary(observedRank: observedRanks[area], lower: quantile(sorted, (1 - level) / 2),
                               upper: quantile(sorted, 1 - (1 - level) / 2), median: quantile(sorted, 0.5),
                               probabilityTopGroup: Double(top[area]) / Double(draws))
        }
    }

    /// Simulates the ranks of rates from their counts.
    /// - Parameters:
    ///   - events: numerators (counts).
    ///   - population: denominators (> 0).
    ///   - model: the sampling model.
    public static func simulateRates(events: [Double], population: [Double], model: Model, draws: Int, seed: UInt64,
                                     level: Double = 0.9, groups: Int = 10) -> [AreaSummary] {
        precondition(events.count == population.count, "one population per count")
        let observed = zip(events, population).map { $0 / $1 }
        switch model {
        case .binomial:
            return simulate(observed: observed, draws: draws, seed: seed, level: level, groups: groups) { area, g in
                Double(Sampling.binomial(trials: Int(population[area]), probability: min(1, observed[area]), &g)) / population[area]
            }
        case .poisson:
            return simulate(observed: observed, draws: draws, seed: seed, level: level, groups: groups) { area, g in
                Double(Sampling.poisson(mean: events[area], &g)) / population[area]
            }
        case .empiricalBayesPosterior:
            let eb = EmpiricalBayes.smooth(events: events, population: population)
            guard eb.priorVariance > 0, eb.referenceRate > 0 else {
                return simulateRates(events: events, population: population, model: .poisson, draws: draws, seed: seed, level: level, groups: groups)
            }
            let alpha = eb.referenceRate * eb.referenceRate / eb.priorVariance
            let beta = eb.referenceRate / eb.priorVariance
            return simulate(observed: eb.smoothed, draws: draws, seed: seed, level: level, groups: groups) { area, g in
                Sampling.gamma(shape: alpha + events[area], &g) / (beta + population[area])
            }
        }
    }
}
