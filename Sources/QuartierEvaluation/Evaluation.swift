/// The evaluation of funded areas against comparable ones: for each chosen indicator, the 2 × 2
/// difference-in-differences, the two-way fixed-effects estimate (reported with its warning), the
/// group-time effects of Callaway & Sant'Anna (2021) against never- and not-yet-funded areas with
/// their event study, and the DiD against matched and comparable areas — each with what it can and
/// cannot show (`EvaluationStatements`).
public struct Evaluation: Sendable {
    public struct Options: Sendable {
        /// The 2 × 2 windows (inclusive years).
        public var pre: ClosedRange<Int>
        public var post: ClosedRange<Int>
        public var methods: Set<Method>
        /// Mahalanobis matching: neighbours per funded area and the largest distance.
        public var neighbours = 1
        public var caliper: Double
        /// Comparable areas: the largest gap per indicator in scale units.
        public var tolerance = 2.0

        public init(pre: ClosedRange<Int>, post: ClosedRange<Int>, methods: Set<Method> = Set(Method.allCases),
                    neighbours: Int = 1, caliper: Double? = nil, tolerance: Double = 2.0) {
            self.pre = pre
            self.post = post
            self.methods = methods
            self.neighbours = neighbours
            self.caliper = caliper ?? .infinity
            self.tolerance = tolerance
        }
    }

    public enum Method: String, Sendable, CaseIterable {
        case did, twfe, callaway = "cs", matching, comparable
    }

    /// Everything estimated for one indicator.
    public struct IndicatorResult: Sendable {
        public var indicator: String
        public var weighted: Bool
        public var areas: Int
        public var droppedIncomplete: [String]
        public var did: DifferenceInDifferences.Result?
        public var twfe: Estimate?
        public var callaway: [GroupTimeEffects.Result]
        public var matched: Estimate?
        public var comparable: Estimate?
    }

    /// A further section of the result, computed elsewhere and added by the caller — the place for
    /// the synthetic control of a single funded Quartier (Abadie, Diamond & Hainmueller 2010), which
    /// takes the same `EvaluationPanel`. Lines are printed in the text output; rows go to their own CSV.
    public struct Section: Sendable {
        public var title: String
        public var lines: [String]
        public var csvName: String?
        public var csvHeader: [String]
        public var csvRows: [[String]]

        public init(title: String, lines: [String], csvName: String? = nil, csvHeader: [String] = [], csvRows: [[String]] = []) {
            self.title = title
            self.lines = lines
            self.csvName = csvName
            self.csvHeader = csvHeader
            self.csvRows = csvRows
        }
    }

    public var panel: EvaluationPanel
    public var options: Options
    public var results: [IndicatorResult]
    public var matching: ComparisonAreas.Result?
    public var comparable: ComparisonAreas.Result?
    /// What the results can and cannot show, and every warning (short pre-period, no counts, …).
    public var statements: [String]
    /// Further sections (synthetic control; nil/empty until wired in).
    public var sections: [Section] = []

    /// Runs every chosen method on every indicator of `panel`.
    public init(panel: EvaluationPanel, options: Options, warnings: [String] = []) {
        self.panel = panel
        self.options = options
        let outcomes = panel.indicators.indices.map { panel.outcome($0) }
        var results: [IndicatorResult] = []
        let matching = options.methods.contains(.matching)
            ? ComparisonAreas.evaluate(outcomes, pre: options.pre, post: options.post, method: .mahalanobis,
                                       k: options.neighbours, caliper: options.caliper, tolerance: options.tolerance) : nil
        let comparable = options.methods.contains(.comparable)
            ? ComparisonAreas.evaluate(outcomes, pre: options.pre, post: options.post, method: .comparable,
                                       k: options.neighbours, caliper: options.caliper, tolerance: options.tolerance) : nil
        for (k, outcome) in outcomes.enumerated() {
            results.append(IndicatorResult(
                indicator: outcome.indicator, weighted: outcome.weighted, areas: outcome.areaCount,
                droppedIncomplete: outcome.droppedIncomplete,
                did: options.methods.contains(.did) ? DifferenceInDifferences.estimate(outcome, pre: options.pre, post: options.post) : nil,
                twfe: options.methods.contains(.twfe) ? TwoWayFixedEffects.estimate(outcome) : nil,
                callaway: options.methods.contains(.callaway) ? GroupTimeEffects.Comparison.allCases.map { GroupTimeEffects.estimate(outcome, comparison: $0) } : [],
                matched: matching?.effects[k].estimate, comparable: comparable?.effects[k].estimate))
        }
        self.results = results
        self.matching = matching
        self.comparable = comparable
        self.statements = warnings + EvaluationStatements.make(panel: panel, options: options, results: results,
                                                               matching: matching, comparable: comparable)
    }
}
