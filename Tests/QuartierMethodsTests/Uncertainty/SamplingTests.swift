import Foundation
import QuartierMethods
import Testing

@Suite struct SamplingTests {
    /// First outputs of the reference algorithm (prng.di.unimi.it/xoshiro256starstar.c) from the state
    /// {1, 2, 3, 4}, as a direct Python transcription of the C code prints them.
    @Test func referenceOutputs() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect((0..<4).map { _ in g.next() } == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test func sameSeedSameDraws() {
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42), c = Xoshiro256StarStar(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    /// Moments of 200,000 draws within 5 standard errors of the theoretical ones.
    @Test func momentsOfTheSamplers() {
        var g = Xoshiro256StarStar(seed: 7)
        let n = 200_000
        func check(_ draws: [Double], mean: Double, variance: Double) {
            let m = draws.reduce(0, +) / Double(draws.count)
            let v = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(draws.count - 1)
            #expect(abs(m - mean) < 5 * (variance / Double(draws.count)).squareRoot(), "mean \(m) vs \(mean)")
            #expect(abs(v - variance) / variance < 0.03, "variance \(v) vs \(variance)")
        }
        check((0..<n).map { _ in Sampling.normal(&g) }, mean: 0, variance: 1)
        check((0..<n).map { _ in Sampling.gamma(shape: 0.5, &g) }, mean: 0.5, variance: 0.5)
        check((0..<n).map { _ in Sampling.gamma(shape: 7.5, &g) }, mean: 7.5, variance: 7.5)
        check((0..<n).map { _ in Double(Sampling.binomial(trials: 3_000, probability: 0.07, &g)) }, mean: 210, variance: 3_000 * 0.07 * 0.93)
        check((0..<n).map { _ in Double(Sampling.binomial(trials: 20, probability: 0.3, &g)) }, mean: 6, variance: 4.2)
        check((0..<n).map { _ in Double(Sampling.poisson(mean: 3.2, &g)) }, mean: 3.2, variance: 3.2)
        check((0..<n).map { _ in Double(Sampling.poisson(mean: 250, &g)) }, mean: 250, variance: 250)
    }
}

@Suite struct RankUncertaintyTests {
    static let events: [Double] = [2, 60, 5, 0, 30, 12, 45, 3, 80, 7]
    static let population: [Double] = [50, 1000, 100, 20, 200, 300, 900, 40, 1200, 160]

    @Test(arguments: [RankUncertainty.Model.binomial, .poisson, .empiricalBayesPosterior])
    func deterministicForASeedAndCoherent(model: RankUncertainty.Model) {
        let a = RankUncertainty.simulateRates(events: Self.events, population: Self.population, model: model, draws: 500, seed: 1)
        let b = RankUncertainty.simulateRates(events: Self.events, population: Self.population, model: model, draws: 500, seed: 1)
        #expect(a == b)
        for area in a {
            #expect(area.lower <= area.median && area.median <= area.upper)
            #expect(area.lower >= 1 && area.upper <= 10)
            #expect(area.probabilityTopGroup >= 0 && area.probabilityTopGroup <= 1)
        }
        // At least one area is in the top decile (N = 10) in every draw (more when tied at rank 1).
        #expect(a.reduce(0) { $0 + $1.probabilityTopGroup } >= 1 - 1e-12)
    }

    /// A small area's rank is far less certain than a large one's.
    @Test func smallAreasHaveWiderRankIntervals() {
        let summary = RankUncertainty.simulateRates(events: Self.events, population: Self.population, model: .binomial, draws: 1_000, seed: 3)
        let small = summary[7].upper - summary[7].lower   // 3 of 40
        let large = summary[8].upper - summary[8].lower   // 80 of 1,200
        #expect(small > large)
    }
}
