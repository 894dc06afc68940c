/// The synthetic control of one treated unit: a convex combination of donor units (weights W ≥ 0, Σ W = 1)
/// fitted on the years before the start, its outcome series, and the gap after the start.
///
/// Source: A. Abadie, A. Diamond & J. Hainmueller (2010), "Synthetic control methods for comparative case
/// studies: estimating the effect of California's tobacco control program", JASA 105(490), 493–505
/// (W* = argmin over the simplex of (X₁ − X₀W)ᵀV(X₁ − X₀W), V chosen to minimise the pre-period outcome
/// MSPE; RMSPE ratios and in-space placebos for inference); Abadie, Diamond & Hainmueller (2015),
/// "Comparative politics and the synthetic control method", AJPS 59(2), 495–510 (the choice of V, the
/// post/pre RMSPE ratio as the test statistic); Abadie & Gardeazabal (2003), AER 93(1) (the nested V).
///
/// Conventions (named because peers differ on them):
/// - Periods: the pre-period is every panel year before `start`; `start` (the first treated year) and
///   every later year are the post-period.
/// - RMSPE: the root of the mean (divisor = number of years) of the squared gap treated − synthetic over
///   the period's years. An RMSPE at or below 1e-9 × the root mean square of the treated's outcomes over
///   the same years counts as an exact fit and is reported as 0 (rounding must not rank exact fits).
///   `ratio` = post-RMSPE / pre-RMSPE, +∞ when only the pre-RMSPE is 0, and 0 when both are.
/// - Predictors are divided by their standard deviation (divisor n − 1) over the treated unit and its
///   donors before V applies, as R's Synth and pysyncon do; a constant predictor is left unscaled (it adds
///   nothing). V is reported normalised to Σ V = 1 (W does not depend on V's scale).
/// - `Matching.preperiodOutcomes`: every pre-period year's outcome is a predictor, unscaled, V = identity,
///   so W minimises the pre-period MSPE itself (the "all pre-treatment outcomes" specification, in which
///   other covariates would get no weight: Kaul, Klößner, Pfeifer & Schieler 2022, JBES 40(3)).
///
/// ```swift
/// let panel = try SyntheticControlPanel(units: ["A", "B", "C"], years: [2018, 2019, 2020, 2021],
///                                       outcomes: [[2, 1, 3], [3, 2, 4], [4, 3, 5], [3, 4, 6]])
/// let fit = try SyntheticControl.fit(panel, treated: "A", start: 2021, matching: .preperiodOutcomes)
/// // fit.weights == [0.5, 0.5]; fit.gap.last == 3 − 5 = −2
/// ```
public struct SyntheticControl: Hashable, Sendable {
    /// How the donor weights W are fitted.
    public enum Matching: Hashable, Sendable {
        /// W minimises the pre-period outcome MSPE directly (V = identity on the unscaled pre-period outcomes).
        case preperiodOutcomes
        /// W matches the panel's predictors (scaled by their SD) under the predictor weights V.
        case predictors(PredictorWeighting)
    }

    /// The predictor weights V (a diagonal matrix).
    public enum PredictorWeighting: Hashable, Sendable {
        /// V = I / k.
        case equal
        /// V as given by the caller, one non-negative value per predictor, not all 0 (normalised to Σ = 1).
        case given([Double])
        /// V chosen as in Abadie & Gardeazabal (2003) and ADH (2010, 2015): the V that minimises the
        /// pre-period outcome MSPE of the resulting synthetic control. A nested, non-convex optimisation:
        /// Nelder–Mead over V = |x|/Σ|x| from k + 2 starts (equal weights, the regression-based start of
        /// R's Synth, Abadie, Diamond & Hainmueller 2011, J. Stat. Softw. 42(13), and each predictor in turn
        /// dominant), the lowest MSPE kept; each evaluation solves W exactly.
        /// The optimum is local and depends on the implementation (starts, stopping rule, arithmetic);
        /// different software can report different V and W with similar pre-period fit.
        case optimised
    }

    /// A plain statement about what this fit can and cannot show.
    public enum Note: Hashable, Sendable, CustomStringConvertible {
        /// The treated unit's (V-weighted, scaled) predictors are not a convex combination of the donors':
        /// the synthetic control cannot reproduce it, the fit is poor (see `preRMSPE`).
        case outsideConvexHull(preRMSPE: Double)
        /// The treated unit lies above every donor or below every donor on these predictors (or pre-years).
        case extreme([String])
        /// Only one donor: the synthetic control is that donor.
        case singleDonor(String)

        public var description: String {
            switch self {
            case let .outsideConvexHull(rmspe):
                return "the treated unit is outside the donors' convex hull: no weighting of the donors reproduces it before the start (pre-period RMSPE \(rmspe)); the gap mixes the effect with this misfit"
            case let .extreme(names):
                return "the treated unit is more extreme than every donor on \(names.joined(separator: ", ")): no convex combination reaches it there"
            case let .singleDonor(unit):
                return "only one donor (\(unit)): the synthetic control is that unit, a plain before/after comparison with it"
            }
        }
    }

    /// The treated unit.
    public var treated: String
    /// The first treated year.
    public var start: Int
    /// The panel's years (pre-period: those before `start`).
    public var years: [Int]
    /// The donor units, in panel order.
    public var donors: [String]
    /// W: one weight per donor, ≥ 0, Σ = 1.
    public var weights: [Double]
    /// The predictors matched (names), in panel order; for `.preperiodOutcomes` the pre-period years.
    public var predictorNames: [String]
    /// V normalised to Σ V = 1; nil for `.preperiodOutcomes` (V = identity on the outcomes).
    public var predictorWeights: [Double]?
    /// The treated unit's predictors (unscaled), and the synthetic control's (Σ W·X₀), in `predictorNames` order.
    public var treatedPredictors: [Double]
    public var syntheticPredictors: [Double]
    /// The treated unit's outcome per year.
    public var treatedSeries: [Double]
    /// The synthetic control's outcome per year (Σ W·Y₀).
    public var synthetic: [Double]
    /// Treated − synthetic per year.
    public var gap: [Double]
    /// RMSPE of the gap over the pre-period and the post-period (see the conventions).
    public var preRMSPE: Double
    public var postRMSPE: Double
    /// post-RMSPE / pre-RMSPE (+∞ for an exact pre-period fit with a post-period gap).
    public var ratio: Double
    /// Plain statements about the fit.
    public var notes: [Note]

    /// Whether the treated unit lies outside the donors' convex hull (a note says so).
    public var outsideConvexHull: Bool {
        notes.contains { if case .outsideConvexHull = $0 { true } else { false } }
    }

    /// The number of pre-period years.
    public var preYears: Int { years.firstIndex { $0 >= start } ?? years.count }
}
