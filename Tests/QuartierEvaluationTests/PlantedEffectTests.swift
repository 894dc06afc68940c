import Testing
@testable import QuartierEvaluation

/// The planted effect of the synthetic panel is found by every estimator, and no effect where none
/// was planted.
@Suite struct PlantedEffectTests {
    static let options = SyntheticEvaluation.Options(areas: 400, years: 2010...2024, indicators: 3, effect: -3, seed: 7)

    static func evaluation(effect: Double) -> Evaluation {
        var options = options
        options.effect = effect
        let panel = SyntheticEvaluation.panel(options)
        return Evaluation(panel: panel, options: Evaluation.Options(pre: options.pre, post: options.post, caliper: 8, tolerance: 2))
    }

    /// Every estimate of the first indicator: its method name and the estimate.
    static func estimates(_ result: Evaluation.IndicatorResult) -> [(String, Estimate?)] {
        [("2x2", result.did?.estimate), ("cs never", result.callaway.first { $0.comparison == .neverTreated }?.overall?.estimate),
         ("cs not yet", result.callaway.first { $0.comparison == .notYetTreated }?.overall?.estimate),
         ("matched", result.matched), ("comparable", result.comparable)]
    }

    @Test func plantedEffectRecovered() throws {
        let evaluation = Self.evaluation(effect: -3)
        let first = try #require(evaluation.results.first)
        #expect(first.indicator == "sgb2_kinder")
        for (name, estimate) in Self.estimates(first) {
            let e = try #require(estimate, "\(name) not estimated")
            #expect(e.covers(-3), "\(name): \(e.value) [\(e.low), \(e.high)] misses the planted -3")
            #expect(!e.covers(0), "\(name): \(e.value) [\(e.low), \(e.high)] covers 0 although -3 was planted")
            #expect(e.treatedAreas >= 10)
        }
        // With a constant effect, two-way fixed effects recover it too (its bias needs effects that change over time).
        let twfe = try #require(first.twfe)
        #expect(twfe.covers(-3))
        // The event study: no effect before the start, the effect after.
        let cs = try #require(first.callaway.first)
        let pre = cs.eventStudy.filter { $0.eventTime! < 0 }, post = cs.eventStudy.filter { $0.eventTime! >= 0 }
        #expect(pre.count >= 4 && post.count >= 4)
        // Nine pre-period estimates at the 95 % level: 0.45 expected outside by chance, 3 or more with
        // probability about 1 %.
        #expect(pre.filter { !$0.estimate.covers(0) }.count <= 2, "\(pre.map { ($0.eventTime!, $0.estimate.low, $0.estimate.high) })")
        #expect(post.allSatisfy { !$0.estimate.covers(0) })
    }

    @Test(arguments: [1, 2]) func noEffectWhereNonePlanted(indicator: Int) throws {
        let evaluation = Self.evaluation(effect: -3)
        let result = evaluation.results[indicator]
        for (name, estimate) in Self.estimates(result) {
            let e = try #require(estimate, "\(name) not estimated")
            #expect(e.covers(0), "\(result.indicator) \(name): \(e.value) [\(e.low), \(e.high)] excludes 0 though nothing was planted")
        }
    }

    @Test func noEffectPlantedNoneFound() throws {
        let evaluation = Self.evaluation(effect: 0)
        let first = try #require(evaluation.results.first)
        for (name, estimate) in Self.estimates(first) {
            let e = try #require(estimate, "\(name) not estimated")
            #expect(e.covers(0), "\(name): \(e.value) [\(e.low), \(e.high)] excludes 0 though nothing was planted")
        }
    }

    @Test func matchingImprovesBalance() throws {
        let evaluation = Self.evaluation(effect: -3)
        let matching = try #require(evaluation.matching)
        #expect(!matching.balance.isEmpty)
        // Funded areas are the needier ones: imbalanced before matching, balanced after.
        // Funded areas are the needier ones: imbalanced in the level of child poverty before matching,
        // much less after (one neighbour with replacement cannot fully match the neediest funded
        // areas, which have few unfunded peers: the statement on remaining imbalance says so).
        #expect(matching.balance.map(\.feature) == ["sgb2_kinder pre-period mean", "sgb2_kinder pre-period trend", "sgb2_quote pre-period mean",
                                                    "sgb2_quote pre-period trend", "arbeitslos pre-period mean", "arbeitslos pre-period trend"])
        let level = try #require(matching.balance.first)
        #expect(abs(level.before) > 0.5, "SMD before \(level.before)")
        #expect(abs(level.after) < 0.2 && abs(level.after) < abs(level.before) / 4, "SMD after \(level.after), before \(level.before)")
        #expect(evaluation.statements.contains { $0.hasPrefix("Matching: balance after matching is incomplete") })
        #expect(matching.balance.allSatisfy { abs($0.after) < 0.25 }, "\(matching.balance)")
    }

    @Test func statementsNeverABareEffect() {
        let evaluation = Self.evaluation(effect: -3)
        #expect(evaluation.statements.contains { $0.hasPrefix("What this can show") })
        #expect(evaluation.statements.contains { $0.contains("Spill-over") })
        #expect(evaluation.statements.contains { $0.contains("Goodman-Bacon") })
        let text = evaluation.text()
        #expect(text.contains("What the results can and cannot show"))
    }

    @Test func sameSeedSameBytes() {
        let a = SyntheticEvaluation.panel(Self.options), b = SyntheticEvaluation.panel(Self.options)
        #expect(a.indicators[0].numerator == b.indicators[0].numerator)
        #expect(a.start == b.start)
    }
}
