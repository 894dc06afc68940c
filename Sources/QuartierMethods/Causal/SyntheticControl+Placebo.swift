import Dispatch

/// In-space placebo runs of a synthetic control and the permutation p-value of its post/pre RMSPE ratio.
///
/// Source: Abadie, Diamond & Hainmueller (2010), JASA 105(490), section 3.3 and figures 4–7 (each donor
/// in turn treated, the others as its donors; placebos with a poor pre-period fit excluded); ADH (2015),
/// AJPS 59(2), section "Inference" (the ratio of post- to pre-period RMSPE, whose rank gives the p-value
/// without a fit threshold).
///
/// Conventions:
/// - Each placebo unit takes the treated unit's method (the same `Matching`) and the other donors as its
///   donor pool; the treated unit is never a placebo's donor. An optimised V is chosen again for every
///   placebo, as ADH do (`PlaceboPredictorWeights.chosenAgain`, the default), or, much faster, the
///   treated unit's V is kept for all placebos (`.treatedUnits`; then a placebo's fit is not optimised
///   for itself, which tends to worsen its pre-period fit and so to lower the p-value).
/// - p-value = rank / compared, rank = the number of compared units (the treated unit included) whose
///   ratio is ≥ the treated unit's: ties count against the treated unit (the conservative choice), so the
///   smallest possible p-value is 1/compared.
/// - Filter (`maximumPreRMSPEMultiple` m): placebos whose pre-RMSPE exceeds m × the treated's are left out
///   of the comparison (not of `placebos`). ADH (2010) state their cut-offs on the MSPE (20, 5, 2 times);
///   the same cut-offs on the RMSPE are m = √20, √5, √2. With an exact pre-period fit of the treated unit
///   (pre-RMSPE 0) only placebos fitted exactly too remain.
public struct SyntheticControlPlaceboTest: Hashable, Sendable {
    /// One placebo run: a donor treated as if funded.
    public struct Run: Hashable, Sendable {
        public var unit: String
        /// Treated − synthetic per year.
        public var gap: [Double]
        public var preRMSPE: Double
        public var postRMSPE: Double
        public var ratio: Double
        /// Whether it passed the pre-RMSPE filter and so takes part in the p-value.
        public var compared: Bool
    }

    /// The predictor weights V of the placebo fits under `.predictors(.optimised)`.
    public enum PlaceboPredictorWeights: Hashable, Sendable {
        /// V optimised again for every placebo (ADH 2010).
        case chosenAgain
        /// The treated unit's optimised V for every placebo (one optimisation instead of J + 1).
        case treatedUnits
    }

    /// The treated unit's synthetic control.
    public var fit: SyntheticControl
    /// One run per donor, in the donors' order.
    public var placebos: [Run]
    /// The filter's multiple m, nil for none.
    public var maximumPreRMSPEMultiple: Double?
    /// The number of units in the comparison: the treated unit and the placebos that passed the filter.
    public var compared: Int
    /// The treated unit's rank (1 = largest ratio; ties counted against it).
    public var rank: Int
    /// rank / compared.
    public var pValue: Double
}

extension SyntheticControl {
    /// Fits the synthetic control of `treated` and runs every donor as a placebo; see
    /// `SyntheticControlPlaceboTest` for the source and conventions.
    ///
    /// The placebo fits are independent and run in parallel (`DispatchQueue.concurrentPerform`), each on its
    /// own copy of the numbers; the result does not depend on the number of threads.
    ///
    /// - Parameters: as `fit`, and
    ///   - maximumPreRMSPEMultiple: leave out placebos whose pre-RMSPE exceeds this multiple of the treated's
    ///     (nil: keep all, as ADH 2015 do with the ratio).
    ///   - placeboWeights: under `.predictors(.optimised)`, V chosen again per placebo or the treated's kept.
    /// - Throws: as `fit`; `placeboParameter` for fewer than 2 donors (a placebo needs a donor) or a
    ///   multiple that is not a positive number.
    public static func placeboTest(_ panel: SyntheticControlPanel, treated: String, start: Int, donors: [String]? = nil,
                                   matching: Matching, maximumPreRMSPEMultiple: Double? = nil,
                                   placeboWeights: SyntheticControlPlaceboTest.PlaceboPredictorWeights = .chosenAgain) throws(SyntheticControlError) -> SyntheticControlPlaceboTest {
        if let m = maximumPreRMSPEMultiple, !(m > 0 && m.isFinite) {
            throw .placeboParameter(found: "pre-RMSPE multiple \(m)", expected: "a positive number")
        }
        let data = try SyntheticControlData(panel, treated: treated, start: start, donors: donors, matching: matching)
        guard data.donors.count >= 2 else {
            throw .placeboParameter(found: "\(data.donors.count) donor", expected: "at least 2 donors (each placebo needs a donor of its own)")
        }
        let fit = data.fit(treated: data.treated, donors: data.donors)
        let placeboMatching: Matching? = {
            if case .predictors(.optimised) = matching, placeboWeights == .treatedUnits, let v = fit.predictorWeights { return .predictors(.given(v)) }
            return nil
        }()
        let pool = data.donors
        var runs = [SyntheticControlPlaceboTest.Run?](repeating: nil, count: pool.count)
        runs.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: pool.count) { p in
                let others = pool.indices.compactMap { $0 == p ? nil : pool[$0] }
                let placebo = data.fit(treated: pool[p], donors: others, matching: placeboMatching)
                out[p] = SyntheticControlPlaceboTest.Run(unit: placebo.treated, gap: placebo.gap, preRMSPE: placebo.preRMSPE,
                                                         postRMSPE: placebo.postRMSPE, ratio: placebo.ratio, compared: true)
            }
        }
        var placebos = runs.map { $0! }
        if let m = maximumPreRMSPEMultiple {
            for p in placebos.indices where placebos[p].preRMSPE > m * fit.preRMSPE { placebos[p].compared = false }
        }
        let kept = placebos.filter(\.compared)
        let rank = 1 + kept.filter { $0.ratio >= fit.ratio }.count
        return SyntheticControlPlaceboTest(fit: fit, placebos: placebos, maximumPreRMSPEMultiple: maximumPreRMSPEMultiple,
                                           compared: kept.count + 1, rank: rank, pValue: Double(rank) / Double(kept.count + 1))
    }
}
