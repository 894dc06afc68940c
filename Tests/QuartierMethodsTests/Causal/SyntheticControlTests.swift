import QuartierMethods
import QuartierTestSupport
import Testing

@Suite struct SyntheticControlTests {
    /// The doc comment's example: A = ½B + ½C before 2021, then 3 against 5.
    @Test func documentedExample() throws {
        let panel = try SyntheticControlPanel(units: ["A", "B", "C"], years: [2018, 2019, 2020, 2021],
                                              outcomes: [[2, 1, 3], [3, 2, 4], [4, 3, 5], [3, 4, 6]])
        let fit = try SyntheticControl.fit(panel, treated: "A", start: 2021, matching: .preperiodOutcomes)
        for (w, expected) in try zipEqual(fit.weights, [0.5, 0.5]) { #expect(abs(w - expected) < 1e-12) }
        for (g, expected) in try zipEqual(fit.gap, [0.0, 0, 0, -2]) { #expect(abs(g - expected) < 1e-12) }
        #expect(fit.preRMSPE == 0 && fit.postRMSPE == 2 && fit.ratio == .infinity)
        #expect(fit.preYears == 3 && fit.notes.isEmpty)
    }

    /// A treated unit that is an exact convex combination of three donors before the start and drops by a
    /// known amount after it: the weights come back, the gap is the effect, the p-value is the smallest
    /// possible (1/20). Without an effect, the p-value is not small. With noise on the treated unit the
    /// same holds approximately.
    @Test(arguments: [(effect: -3.0, noise: 0.0), (effect: 0.0, noise: 0.0), (effect: -3.0, noise: 0.2), (effect: 0.0, noise: 0.2)])
    func plantedEffect(_ planted: (effect: Double, noise: Double)) throws {
        let mix = [2: 0.5, 7: 0.3, 11: 0.2]
        let (panel, start) = try PlantedPanel.make(mix: mix, effect: planted.effect, noise: planted.noise)
        let test = try SyntheticControl.placeboTest(panel, treated: "T", start: start, matching: .preperiodOutcomes)
        let fit = test.fit
        #expect(fit.donors.count == 19 && test.placebos.count == 19 && test.compared == 20)
        let tolerance = planted.noise == 0 ? 1e-9 : 0.1
        for (j, w) in fit.weights.enumerated() { #expect(abs(w - (mix[j] ?? 0)) < tolerance, "donor \(fit.donors[j])") }
        let post = fit.gap[fit.preYears...]
        #expect(post.count == 5)
        for g in post { #expect(abs(g - planted.effect) < (planted.noise == 0 ? 1e-9 : 1)) }
        if planted.effect != 0 {
            #expect(test.rank == 1 && abs(test.pValue - 0.05) < 1e-15)
        } else {
            #expect(test.pValue >= 0.2, "p = \(test.pValue) without an effect")
        }
    }

    /// The p-value's rank and filter: rank = 1 + the placebos whose ratio is ≥ the treated's, over the
    /// compared units; the filter leaves out placebos fitted worse than m × the treated's pre-RMSPE.
    @Test func pValueCountsTiesAgainstTheTreatedAndFilters() throws {
        let (panel, start) = try PlantedPanel.make(donors: 9, years: 15, preYears: 10, mix: [0: 0.6, 4: 0.4], effect: 0, noise: 0.5, seed: 3)
        let all = try SyntheticControl.placeboTest(panel, treated: "T", start: start, matching: .preperiodOutcomes)
        let larger = all.placebos.filter { $0.ratio >= all.fit.ratio }.count
        #expect(all.rank == larger + 1 && all.compared == 10)
        #expect(abs(all.pValue - Double(larger + 1) / 10) < 1e-15)
        // Filter at 1 × the treated's pre-RMSPE: only placebos fitted at least as well remain.
        let filtered = try SyntheticControl.placeboTest(panel, treated: "T", start: start, matching: .preperiodOutcomes, maximumPreRMSPEMultiple: 1)
        let kept = filtered.placebos.filter { $0.preRMSPE <= filtered.fit.preRMSPE }
        #expect(filtered.placebos.filter(\.compared).map(\.unit) == kept.map(\.unit))
        #expect(filtered.compared == kept.count + 1)
        #expect(filtered.rank == 1 + kept.filter { $0.ratio >= filtered.fit.ratio }.count)
    }

    /// A tie: T and placebo D3 are both fitted exactly before 2004 (D3 and T are the mean of D1 and D2
    /// there) and differ after it, so both ratios are +∞; D1 and D2 lie outside their donors' hulls (finite
    /// ratios). Ties count against the treated unit: rank 2 of 4, p = 0.5 (not 1/4).
    @Test func tiesCountAgainstTheTreated() throws {
        let panel = try SyntheticControlPanel(units: ["T", "D1", "D2", "D3"], years: [2001, 2002, 2003, 2004, 2005],
                                              outcomes: [[2, 1, 3, 2], [2.5, 2, 3, 2.5], [3, 4, 2, 3], [0, 5, 2, 8], [0, 6, 2, 8]])
        let test = try SyntheticControl.placeboTest(panel, treated: "T", start: 2004, matching: .preperiodOutcomes)
        #expect(test.fit.ratio == .infinity)
        #expect(test.placebos.map(\.ratio.isInfinite) == [false, false, true])
        #expect(test.rank == 2 && test.compared == 4 && test.pValue == 0.5)
    }

    /// Placebo runs do not depend on threads: a placebo's gap equals a separate fit of that donor on the others.
    @Test func placeboEqualsItsOwnFit() throws {
        let (panel, start) = try PlantedPanel.make(donors: 8, years: 12, preYears: 8, mix: [1: 0.5, 3: 0.5], effect: -1, noise: 0.3, seed: 11)
        let test = try SyntheticControl.placeboTest(panel, treated: "T", start: start, matching: .preperiodOutcomes)
        for run in test.placebos {
            let others = test.fit.donors.filter { $0 != run.unit }
            let own = try SyntheticControl.fit(panel, treated: run.unit, start: start, donors: others, matching: .preperiodOutcomes)
            #expect(own.gap == run.gap && own.ratio == run.ratio)
            #expect(!own.donors.contains("T"))
        }
    }

    /// Under an optimised V a placebo chooses its own V (ADH), or keeps the treated unit's when asked.
    @Test(arguments: [SyntheticControlPlaceboTest.PlaceboPredictorWeights.chosenAgain, .treatedUnits])
    func placeboPredictorWeights(_ choice: SyntheticControlPlaceboTest.PlaceboPredictorWeights) throws {
        let (base, start) = try PlantedPanel.make(donors: 6, years: 10, preYears: 7, mix: [0: 0.5, 3: 0.5], effect: -2, noise: 0.3, seed: 17)
        var generator = SeededGenerator(seed: 4)
        let predictors = (1...3).map { i in
            SyntheticControlPanel.Predictor(name: "p\(i)", values: base.units.indices.map { u in
                (i == 1 ? base.outcomes.prefix(7).reduce(0) { $0 + $1[u] } / 7 : 0) + generator.uniform(0, 5)
            })
        }
        let panel = try SyntheticControlPanel(units: base.units, years: base.years, outcomes: base.outcomes, predictors: predictors)
        let test = try SyntheticControl.placeboTest(panel, treated: "T", start: start, matching: .predictors(.optimised), placeboWeights: choice)
        let v = try #require(test.fit.predictorWeights)
        var differsFromTreatedV = false
        for run in test.placebos {
            let others = test.fit.donors.filter { $0 != run.unit }
            let own = try SyntheticControl.fit(panel, treated: run.unit, start: start, donors: others,
                                               matching: .predictors(choice == .chosenAgain ? .optimised : .given(v)))
            #expect(own.gap == run.gap, "placebo \(run.unit)")
            if choice == .chosenAgain, own.predictorWeights != v { differsFromTreatedV = true }
        }
        #expect(differsFromTreatedV == (choice == .chosenAgain))
    }

    // MARK: - Edge cases

    /// A treated unit above every donor: outside the hull, said so, pre-RMSPE reported.
    @Test func outsideTheConvexHull() throws {
        let (base, start) = try PlantedPanel.make(donors: 6, years: 10, preYears: 7, mix: [1: 0.7, 4: 0.3], effect: 0, seed: 5)
        var outcomes = base.outcomes
        for t in outcomes.indices { outcomes[t][0] = outcomes[t].dropFirst().max()! + 5 }
        let panel = try SyntheticControlPanel(units: base.units, years: base.years, outcomes: outcomes)
        let fit = try SyntheticControl.fit(panel, treated: "T", start: start, matching: .preperiodOutcomes)
        #expect(fit.outsideConvexHull)
        #expect(fit.preRMSPE > 4)
        #expect(fit.notes.contains(.outsideConvexHull(preRMSPE: fit.preRMSPE)))
        #expect(fit.notes.contains(.extreme(base.years.prefix(7).map { "outcome \($0)" })))
        #expect(fit.notes.first!.description.contains("outside the donors' convex hull"))
        // The planted panel's treated unit is inside: no such note.
        let inside = try SyntheticControl.fit(base, treated: "T", start: start, matching: .preperiodOutcomes)
        #expect(!inside.outsideConvexHull && inside.notes.isEmpty)
    }

    /// One donor: it is the synthetic control, a note says so; a placebo test needs two.
    @Test func singleDonor() throws {
        let (panel, start) = try PlantedPanel.make(donors: 4, years: 8, preYears: 5, mix: [2: 1], effect: 0, seed: 9)
        let fit = try SyntheticControl.fit(panel, treated: "T", start: start, donors: ["D03"], matching: .preperiodOutcomes)
        #expect(fit.donors == ["D03"] && fit.weights == [1])
        #expect(fit.notes == [.singleDonor("D03")])
        #expect(throws: SyntheticControlError.placeboParameter(found: "1 donor", expected: "at least 2 donors (each placebo needs a donor of its own)")) {
            try SyntheticControl.placeboTest(panel, treated: "T", start: start, donors: ["D03"], matching: .preperiodOutcomes)
        }
    }

    /// Bad input, one clear error each: (what, panel change, treated, start, donors, matching, expected error).
    static let refusals: [(String, @Sendable (inout [[Double]]) -> Void, String, Int, [String]?, SyntheticControl.Matching, SyntheticControlError)] = [
        ("one pre-year", { _ in }, "T", 2002, nil, .preperiodOutcomes, .tooFewPreYears(found: 1, required: 2, start: 2002)),
        ("no pre-year", { _ in }, "T", 2001, nil, .preperiodOutcomes, .tooFewPreYears(found: 0, required: 2, start: 2001)),
        ("no post-year", { _ in }, "T", 2011, nil, .preperiodOutcomes, .noPostYears(start: 2011, lastYear: 2010)),
        ("NaN of a donor", { $0[3][2] = .nan }, "T", 2008, nil, .preperiodOutcomes, .missingOutcome(unit: "D02", year: 2004, found: .nan)),
        ("NaN after the start", { $0[8][0] = .infinity }, "T", 2008, nil, .preperiodOutcomes, .missingOutcome(unit: "T", year: 2009, found: .infinity)),
        ("unknown treated", { _ in }, "X", 2008, nil, .preperiodOutcomes, .unknownUnit("X", role: "treated unit")),
        ("unknown donor", { _ in }, "T", 2008, ["D01", "Q"], .preperiodOutcomes, .unknownUnit("Q", role: "donor")),
        ("no donor", { _ in }, "T", 2008, ["T"], .preperiodOutcomes, .noDonors),
        ("V without predictors", { _ in }, "T", 2008, nil, .predictors(.optimised), .noPredictors),
    ]

    @Test(arguments: refusals.indices)
    func refusesBadInput(_ index: Int) throws {
        let (name, change, treated, start, donors, matching, expected) = Self.refusals[index]
        let (base, _) = try PlantedPanel.make(donors: 5, years: 10, preYears: 7, mix: [0: 0.5, 1: 0.5], effect: 0, seed: 1)
        var outcomes = base.outcomes
        change(&outcomes)
        let panel = try SyntheticControlPanel(units: base.units, years: base.years, outcomes: outcomes)
        do {
            _ = try SyntheticControl.fit(panel, treated: treated, start: start, donors: donors, matching: matching)
            Issue.record("\(name): no error")
        } catch {
            // NaN ≠ NaN: compare the messages, which name unit and year.
            #expect(error.description == expected.description, "\(name)")
        }
    }

    /// A NaN outside the units taking part does not matter; the message of a missing value names unit and year.
    @Test func missingValueOfAnExcludedUnitIsIgnored() throws {
        let (base, start) = try PlantedPanel.make(donors: 5, years: 10, preYears: 7, mix: [0: 0.5, 1: 0.5], effect: 0, seed: 1)
        var outcomes = base.outcomes
        outcomes[2][5] = .nan  // D05 in 2003
        let panel = try SyntheticControlPanel(units: base.units, years: base.years, outcomes: outcomes)
        let fit = try SyntheticControl.fit(panel, treated: "T", start: start, donors: ["D01", "D02", "D03", "D04"], matching: .preperiodOutcomes)
        #expect(fit.donors == ["D01", "D02", "D03", "D04"])
        let error = #expect(throws: SyntheticControlError.self) {
            try SyntheticControl.fit(panel, treated: "T", start: start, matching: .preperiodOutcomes)
        }
        #expect(error?.description.contains("unit D05 in 2003 is nan") == true)
    }

    /// Predictor input: shape, NaN of a predictor, V of the wrong length, negative or all zero.
    @Test func refusesBadPredictors() throws {
        let units = ["T", "A", "B"], years = [2001, 2002, 2003]
        let outcomes: [[Double]] = [[1, 0, 2], [1, 0, 2], [1, 0, 2]]
        #expect(throws: SyntheticControlError.shape(found: "2 values of predictor p", expected: "one per unit (3)")) {
            try SyntheticControlPanel(units: units, years: years, outcomes: outcomes, predictors: [.init(name: "p", values: [1, 2])])
        }
        #expect(throws: SyntheticControlError.duplicateUnit("A")) {
            try SyntheticControlPanel(units: ["T", "A", "A"], years: years, outcomes: outcomes)
        }
        #expect(throws: SyntheticControlError.yearsNotAscending(found: [2001, 2003, 2002])) {
            try SyntheticControlPanel(units: units, years: [2001, 2003, 2002], outcomes: outcomes)
        }
        let panel = try SyntheticControlPanel(units: units, years: years, outcomes: outcomes,
                                              predictors: [.init(name: "p", values: [1, .nan, 3]), .init(name: "q", values: [1, 2, 3])])
        let nan = #expect(throws: SyntheticControlError.self) {
            try SyntheticControl.fit(panel, treated: "T", start: 2003, matching: .predictors(.equal))
        }
        #expect(nan?.description == "synthetic control: predictor p of unit A is nan, expected a finite number")
        let clean = try SyntheticControlPanel(units: units, years: years, outcomes: outcomes,
                                              predictors: [.init(name: "p", values: [1, 0, 3]), .init(name: "q", values: [1, 2, 3])])
        for (v, expected) in [([1.0], SyntheticControlError.predictorWeights(found: "1 weights", expected: "one per predictor (2)")),
                              ([1, -1], .predictorWeights(found: "-1.0 for predictor q", expected: "a finite number ≥ 0")),
                              ([0, 0], .predictorWeights(found: "all weights 0", expected: "at least one positive weight"))] {
            #expect(throws: expected) { try SyntheticControl.fit(clean, treated: "T", start: 2003, matching: .predictors(.given(v))) }
        }
        #expect(throws: SyntheticControlError.placeboParameter(found: "pre-RMSPE multiple -1.0", expected: "a positive number")) {
            try SyntheticControl.placeboTest(clean, treated: "T", start: 2003, matching: .preperiodOutcomes, maximumPreRMSPEMultiple: -1)
        }
    }

    /// With predictors, V is reported normalised, the synthetic predictors are Σ W·X₀, and a given V
    /// that weights only one predictor makes W match that predictor exactly.
    @Test func predictorsAndGivenV() throws {
        let units = ["T", "A", "B", "C"], years = [2001, 2002, 2003, 2004]
        let outcomes: [[Double]] = [[2, 1, 3, 5], [2, 1, 3, 5], [2, 1, 3, 5], [9, 1, 3, 5]]
        let panel = try SyntheticControlPanel(units: units, years: years, outcomes: outcomes,
                                              predictors: [.init(name: "p", values: [2, 1, 3, 5]), .init(name: "q", values: [0, 10, 10, 0])])
        let onlyP = try SyntheticControl.fit(panel, treated: "T", start: 2004, matching: .predictors(.given([2, 0])))
        #expect(onlyP.predictorWeights == [1, 0])
        #expect(abs(onlyP.syntheticPredictors[0] - 2) < 1e-12)
        let onlyQ = try SyntheticControl.fit(panel, treated: "T", start: 2004, matching: .predictors(.given([0, 1])))
        #expect(onlyQ.weights == [0, 0, 1])  // C is the only donor with q = 0
        #expect(abs(onlyQ.syntheticPredictors[1]) < 1e-12 && abs(onlyQ.syntheticPredictors[0] - 5) < 1e-12)
        // The optimised V finds the V under which the pre-period outcomes are matched (p, not q).
        let optimised = try SyntheticControl.fit(panel, treated: "T", start: 2004, matching: .predictors(.optimised))
        #expect(optimised.preRMSPE < 1e-6)
        #expect(abs(optimised.predictorWeights!.reduce(0, +) - 1) < 1e-12)
    }
}
