extension SyntheticControl {
    /// The fewest pre-period years a fit accepts: with one year the fit says nothing about a trend and the
    /// pre-period RMSPE of the placebo ratio rests on a single value.
    public static let minimumPreYears = 2

    /// Fits the synthetic control of `treated` from the donors on the years before `start`.
    ///
    /// Source: Abadie, Diamond & Hainmueller (2010), JASA 105(490), section 2; the V choice as ADH (2015),
    /// AJPS 59(2), and R's Synth (ADH 2011). See the type's conventions for periods, RMSPE and scaling.
    ///
    /// - Parameters:
    ///   - panel: outcomes (years × units) and optional predictors.
    ///   - treated: the treated unit's id.
    ///   - start: the first treated year (pre-period: earlier years; post-period: this year and later).
    ///   - donors: the donor pool (ids); nil for every other unit. The treated unit is never its own donor
    ///     (dropped from the list if named); the order of the result is the panel's.
    ///   - matching: `.preperiodOutcomes`, or `.predictors(V)` with V equal, given or optimised.
    /// - Throws: `SyntheticControlError` for an unknown unit, no donor, fewer than `minimumPreYears`
    ///   pre-period years, no post-period year, a missing (NaN, infinite) outcome of a unit taking part
    ///   (naming unit and year) or predictor (naming unit and predictor), V that does not fit the
    ///   predictors, or predictor matching on a panel without predictors.
    public static func fit(_ panel: SyntheticControlPanel, treated: String, start: Int, donors: [String]? = nil,
                           matching: Matching) throws(SyntheticControlError) -> SyntheticControl {
        let data = try SyntheticControlData(panel, treated: treated, start: start, donors: donors, matching: matching)
        return data.fit(treated: data.treated, donors: data.donors)
    }
}

extension SyntheticControlData {
    /// The synthetic control of `treated` from `donors` (validated data; does not throw), by the panel's
    /// matching or, for placebos that keep the treated unit's V, by `matching`.
    func fit(treated: Int, donors: [Int], matching: SyntheticControl.Matching? = nil) -> SyntheticControl {
        let problem = problem(treated: treated, donors: donors)
        var v: [Double]?
        switch matching ?? self.matching {
        case .preperiodOutcomes: v = nil
        case .predictors(.equal): v = [Double](repeating: 1 / Double(k), count: k)
        case let .predictors(.given(given)): v = SyntheticControlProblem.normalised(given)
        case .predictors(.optimised): v = problem.optimisedV()
        }
        let solution = problem.weights(v: v ?? [Double](repeating: 1, count: k))
        let w = solution.weights

        let years = yearCount
        let treatedSeries = Array(series[(treated * years)..<(treated * years + years)])
        var synthetic = [Double](repeating: 0, count: years)
        for (c, d) in donors.enumerated() where w[c] != 0 {
            for t in 0..<years { synthetic[t] += w[c] * series[d * years + t] }
        }
        let gap = (0..<years).map { treatedSeries[$0] - synthetic[$0] }
        /// The RMSPE over the range, 0 when at or below 1e-9 × the RMS of the treated's outcomes there.
        func rmspe(_ range: Range<Int>) -> Double {
            let value = (range.reduce(0) { $0 + gap[$1] * gap[$1] } / Double(range.count)).squareRoot()
            let level = (range.reduce(0) { $0 + treatedSeries[$1] * treatedSeries[$1] } / Double(range.count)).squareRoot()
            return value <= 1e-9 * level ? 0 : value
        }
        let pre = rmspe(0..<t0), post = rmspe(t0..<years)
        let ratio = pre > 0 ? post / pre : (post > 0 ? .infinity : 0)

        var syntheticPredictors = [Double](repeating: 0, count: k)
        for (c, d) in donors.enumerated() where w[c] != 0 { for i in 0..<k { syntheticPredictors[i] += w[c] * predictor(d, i) } }
        var notes: [SyntheticControl.Note] = []
        var bScale = 0.0, aScale = 0.0
        let root = (v ?? [Double](repeating: 1, count: k)).map { $0.squareRoot() }
        for i in 0..<k { bScale += root[i] * problem.x1[i] * root[i] * problem.x1[i] }
        for c in 0..<donors.count {
            var norm = 0.0
            for i in 0..<k { norm += root[i] * problem.x0[c * k + i] * root[i] * problem.x0[c * k + i] }
            aScale = max(aScale, norm)
        }
        if solution.loss > 1e-10 * max(bScale, aScale, .leastNormalMagnitude) { notes.append(.outsideConvexHull(preRMSPE: pre)) }
        let extreme = (0..<k).filter { i in
            let x = predictor(treated, i)
            return donors.allSatisfy { predictor($0, i) < x } || donors.allSatisfy { predictor($0, i) > x }
        }
        if !extreme.isEmpty { notes.append(.extreme(extreme.map { predictorNames[$0] })) }
        if donors.count == 1 { notes.append(.singleDonor(units[donors[0]])) }

        return SyntheticControl(treated: units[treated], start: start, years: self.years, donors: donors.map { units[$0] },
                                weights: w, predictorNames: predictorNames, predictorWeights: v,
                                treatedPredictors: (0..<k).map { predictor(treated, $0) }, syntheticPredictors: syntheticPredictors,
                                treatedSeries: treatedSeries, synthetic: synthetic, gap: gap,
                                preRMSPE: pre, postRMSPE: post, ratio: ratio, notes: notes)
    }
}
