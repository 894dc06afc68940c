/// Areas × years of one or more indicators: numerator and denominator counts (or, for an indicator
/// that only has published shares, the shares alone), which areas are funded and from which year.
///
/// The panel is the one input of every estimator of the evaluation (and of a synthetic-control call):
/// plain matrices, row-major by area (`value[area * years.count + year]`), `nan` where a year has no
/// figure (masked by its publisher, or the area missing that year).
public struct EvaluationPanel: Sendable {
    /// Area ids, in panel order.
    public var areaIDs: [String]
    /// The years, ascending and consecutive or not (the monitoring's years).
    public var years: [Int]
    /// The indicators, in spec order.
    public var indicators: [Indicator]
    /// Per area, the first funded year (nil: never funded within the panel's years).
    public var start: [Int?]

    public init(areaIDs: [String], years: [Int], indicators: [Indicator], start: [Int?]) {
        self.areaIDs = areaIDs
        self.years = years
        self.indicators = indicators
        self.start = start
    }

    /// One indicator's figures.
    public struct Indicator: Sendable {
        public var id: String
        /// Rate = numerator / denominator × scale (100 for a percentage).
        public var scale: Double
        /// False when only published shares exist (no counts): estimates are then unweighted.
        public var hasCounts: Bool
        /// Counts, area × year (`nan`: none). Empty when `hasCounts` is false.
        public var numerator: [Double]
        public var denominator: [Double]
        /// The rate in scale units, area × year (`nan`: none).
        public var rate: [Double]

        public init(id: String, scale: Double, numerator: [Double], denominator: [Double]) {
            self.id = id
            self.scale = scale
            self.hasCounts = true
            self.numerator = numerator
            self.denominator = denominator
            self.rate = zip(numerator, denominator).map { $1 > 0 ? $0 / $1 * scale : .nan }
        }

        /// An indicator of published shares only (no counts).
        public init(id: String, scale: Double, shares: [Double]) {
            self.id = id
            self.scale = scale
            self.hasCounts = false
            self.numerator = []
            self.denominator = []
            self.rate = shares
        }
    }

    /// The funded areas (indices) and their start years.
    public var funded: [(area: Int, start: Int)] {
        start.enumerated().compactMap { index, year in year.map { (index, $0) } }
    }
}

/// One indicator's outcome over the areas with a figure in every year: the input of the estimators.
///
/// Rates `y` in scale units and weights `w` (the denominators; all 1 when the indicator has no
/// counts), area × year, row-major; `cohort` is the index into `years` of an area's first funded
/// year (nil: never funded).
public struct OutcomePanel: Sendable {
    public var indicator: String
    public var areaIDs: [String]
    public var years: [Int]
    public var y: [Double]
    public var w: [Double]
    public var cohort: [Int?]
    /// Whether `w` are denominators (false: unweighted, the indicator has no counts).
    public var weighted: Bool
    /// Areas of the panel left out because a year lacks a figure (masked or missing).
    public var droppedIncomplete: [String]

    public var areaCount: Int { areaIDs.count }
    public var yearCount: Int { years.count }

    public init(indicator: String, areaIDs: [String], years: [Int], y: [Double], w: [Double], cohort: [Int?],
                weighted: Bool, droppedIncomplete: [String] = []) {
        self.indicator = indicator
        self.areaIDs = areaIDs
        self.years = years
        self.y = y
        self.w = w
        self.cohort = cohort
        self.weighted = weighted
        self.droppedIncomplete = droppedIncomplete
    }
}

extension EvaluationPanel {
    /// The complete-case outcome panel of indicator `k`: areas with a rate (and a positive
    /// denominator) in every year. Rates are weighted by their denominators (counts before rates:
    /// a denominator-weighted mean of rates is the pooled rate); an indicator without counts gets
    /// weight 1 everywhere.
    public func outcome(_ k: Int) -> OutcomePanel {
        let indicator = indicators[k]
        let t = years.count
        var ids: [String] = [], y: [Double] = [], w: [Double] = [], cohort: [Int?] = [], dropped: [String] = []
        y.reserveCapacity(indicator.rate.count)
        w.reserveCapacity(indicator.rate.count)
        for area in areaIDs.indices {
            let base = area * t
            var complete = true
            for j in 0..<t {
                let rate = indicator.rate[base + j]
                if !rate.isFinite || (indicator.hasCounts && !(indicator.denominator[base + j] > 0)) { complete = false; break }
            }
            guard complete else { dropped.append(areaIDs[area]); continue }
            ids.append(areaIDs[area])
            y.append(contentsOf: indicator.rate[base..<base + t])
            if indicator.hasCounts { w.append(contentsOf: indicator.denominator[base..<base + t]) } else { w.append(contentsOf: repeatElement(1, count: t)) }
            cohort.append(start[area].flatMap { years.firstIndex(of: $0) })
        }
        return OutcomePanel(indicator: indicator.id, areaIDs: ids, years: years, y: y, w: w, cohort: cohort,
                            weighted: indicator.hasCounts, droppedIncomplete: dropped)
    }
}
