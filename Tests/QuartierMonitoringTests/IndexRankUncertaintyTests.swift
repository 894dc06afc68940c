import Foundation
import QuartierMethods
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// Rank intervals on a synthetic city with known rates: the synthetic monitoring's spec and areas (its
/// MSS index over sgb2_quote and anteil_unter18 with sgb2_quote's dynamics), the counts of the index's
/// rows replaced by draws from true rates the test chooses. The true rank is the index computed from
/// the true rates by the run's own code path.
@Suite(.serialized) struct IndexRankUncertaintyTests {
    struct City {
        var spec: MonitoringSpec
        var results: MonitoringResults
    }

    static let city: Result<City, any Error> = Result {
        let folder = try TestPaths.temporaryFolder()
        let specPath = try SynthMonitoring.generate(areas: 120, persons: 12_000, years: 2019...2021, seed: 5, folder: folder.path)
        let spec = try MonitoringSpec(path: specPath)
        let run = try MonitoringRunner(spec: spec, threads: 1).run()
        return City(spec: spec, results: run.results)
    }

    /// The index rows with true rates: (row index, true proportion, denominator).
    static func truth(_ city: City, populationScale: Int64) throws -> (results: MonitoringResults, rows: [(Int, Double, Int64)], trueRanks: [String: Int]) {
        let method = try #require(city.spec.index)
        let year = try #require(city.results.index.first?.year)
        let span = city.spec.dynamics?.years ?? 0
        var generator = SeededGenerator(seed: 99)
        var rows: [(Int, Double, Int64)] = []
        var results = city.results
        var areaRate: [String: Double] = [:]
        for (k, row) in results.indicators.enumerated()
        where row.level == method.level && (row.year == year || row.year == year - span) && (method.status + method.dynamics).contains(row.indicator) {
            guard row.value != nil, row.denominator != nil else { continue }
            // A true rate per area and indicator, spread so that ranks differ; the base year a little lower.
            let key = "\(row.areaID)\u{1F}\(row.indicator)"
            let rate = areaRate[key] ?? { let r = 0.05 + 0.30 * Double(generator.below(10_000)) / 10_000; areaRate[key] = r; return r }()
            let p = row.year == year ? rate : max(0.01, rate - 0.02 * Double(generator.below(100)) / 100)
            let n = 100 * populationScale
            rows.append((k, p, n))
            let factor = city.spec.indicators.first { $0.id == row.indicator }!.scale.factor
            results.indicators[k].numerator = Int64((p * Double(n)).rounded())
            results.indicators[k].denominator = n
            results.indicators[k].value = p * factor
        }
        results.dynamics = Self.dynamics(city.spec, results.indicators, year: year)
        results.index = try MonitoringResults.index(spec: city.spec, indicators: results.indicators, dynamics: results.dynamics, counts: results.counts)
        var ranks: [String: Int] = [:]
        for value in results.index { if let rank = value.rank { ranks[value.areaID] = rank } }
        return (results, rows, ranks)
    }

    static func dynamics(_ spec: MonitoringSpec, _ indicators: [IndicatorValue], year: Int) -> [DynamicsValue] {
        let span = spec.dynamics?.years ?? 0
        var base: [String: Double] = [:]
        for row in indicators where row.year == year - span { if let v = row.value { base["\(row.level)\u{1F}\(row.areaID)\u{1F}\(row.indicator)"] = v } }
        return indicators.filter { $0.year == year }.map { row in
            DynamicsValue(level: row.level, areaID: row.areaID, indicator: row.indicator, fromYear: year - span, toYear: year,
                          change: row.value.flatMap { now in base["\(row.level)\u{1F}\(row.areaID)\u{1F}\(row.indicator)"].map { now - $0 } })
        }
    }

    /// Observed results: counts drawn from the true rates (seeded), rates, dynamics and index recomputed.
    static func observed(_ city: City, _ truth: (results: MonitoringResults, rows: [(Int, Double, Int64)], trueRanks: [String: Int]), seed: UInt64) throws -> MonitoringResults {
        var generator = SeededGenerator(seed: seed)
        var results = truth.results
        let year = try #require(results.index.first?.year)
        for (k, p, n) in truth.rows {
            let x = Int64(Sampling.binomial(trials: Int(n), probability: p, &generator))
            let factor = city.spec.indicators.first { $0.id == results.indicators[k].indicator }!.scale.factor
            results.indicators[k].numerator = x
            results.indicators[k].value = Double(x) / Double(n) * factor
        }
        results.dynamics = dynamics(city.spec, results.indicators, year: year)
        results.index = try MonitoringResults.index(spec: city.spec, indicators: results.indicators, dynamics: results.dynamics, counts: results.counts)
        return results
    }

    /// 90 % intervals cover the true rank in 85–95 % of (area, seed) pairs over 20 seeds.
    @Test func ninetyPercentIntervalsCoverTheTrueRank() throws {
        let city = try Self.city.get()
        let truth = try Self.truth(city, populationScale: 2)
        try #require(truth.trueRanks.count >= 40)
        var covered = 0, total = 0
        for seed in UInt64(1)...20 {
            let observed = try Self.observed(city, truth, seed: 1_000 + seed)
            let summaries = try IndexRankUncertainty.simulate(spec: city.spec, results: observed, draws: 200, seed: seed)
            try #require(summaries.count == observed.index.count { $0.rank != nil })
            for summary in summaries {
                guard let trueRank = truth.trueRanks[summary.areaID] else { continue }
                total += 1
                if summary.lower <= trueRank && trueRank <= summary.upper { covered += 1 }
            }
        }
        let coverage = Double(covered) / Double(total)
        #expect(coverage >= 0.85 && coverage <= 0.95, "coverage \(coverage) over \(total) intervals")
    }

    /// Quadrupling every population narrows the intervals (mean width), and the same seed gives the same result.
    @Test func intervalsNarrowAsPopulationsGrow() throws {
        let city = try Self.city.get()
        var widths: [Double] = []
        for scale in [Int64(1), 4, 16] {
            let truth = try Self.truth(city, populationScale: scale)
            let observed = try Self.observed(city, truth, seed: 7)
            let summaries = try IndexRankUncertainty.simulate(spec: city.spec, results: observed, draws: 200, seed: 3)
            try #require(!summaries.isEmpty)
            widths.append(Double(summaries.reduce(0) { $0 + $1.upper - $1.lower }) / Double(summaries.count))
            #expect(try IndexRankUncertainty.simulate(spec: city.spec, results: observed, draws: 200, seed: 3) == summaries)
        }
        #expect(widths[1] < 0.75 * widths[0] && widths[2] < 0.75 * widths[1], "mean widths \(widths)")
    }
}
