import QuartierMethods
import QuartierMonitoring

/// The reach figures that may leave Quartier: the reach monitoring through `PublishedResults`, and
/// the citywide and need-quintile figures with every count pair passed through the same primary
/// rules (`PublicationRules.suppression`). A suppressed figure is nil and its row names the rule.
/// Every publishing output (the CSV tables, the report pages) reads only this.
public struct PublishedReach: Sendable {
    public var published: PublishedResults
    public var projects: [ProjectRow]
    public var need: [NeedRow]
    /// Per year: the index level's high-need areas no project serves (ids; areas are public).
    public var whiteSpots: [(year: Int, level: String, ids: [String])]

    /// Citywide figures of one project (or the programme), group and year.
    public struct ProjectRow: Sendable, Hashable {
        public var project: String, name: String, provider: String, strand: String, group: String, year: Int
        public var reached: Int64?, groupPopulation: Int64?
        /// Percent, with the 95 % Wilson interval.
        public var coverage: Double?, coverageLow: Double?, coverageHigh: Double?
        public var participants: Int64?
        public var focusing: Double?, groupShare: Double?, focusingRatio: Double?
        public var outsideServed: Int64?, outsideServedShare: Double?
        public var cumulativeReached: Int64?, cumulativeCoverage: Double?
        /// Metres, rounded to 10 m; nil under `extremeShareMinimumDenominator` participants with an address.
        public var distanceMedian: Double?, distance90: Double?
        public var concentration: Double?, concentrationSE: Double?
        /// The first rule that suppressed a figure of the row (nil: all published).
        public var rule: PublicationRules.Rule?
    }

    /// Coverage per need quintile.
    public struct NeedRow: Sendable, Hashable {
        public var project: String, group: String, year: Int, quintile: Int
        public var reached: Int64?, groupPopulation: Int64?
        public var coverage: Double?, coverageLow: Double?, coverageHigh: Double?
        public var rule: PublicationRules.Rule?
    }

    public init(_ analysis: ReachAnalysis, published: PublishedResults) {
        self.published = published
        let rules = analysis.spec.disclosure
        func share(_ x: Int64, _ n: Int64) -> (value: Double, low: Double, high: Double)? {
            guard n > 0, x >= 0, x <= n else { return nil }
            let interval = WilsonInterval.interval(successes: Double(x), trials: Double(n))
            return (Double(x) / Double(n) * 100, interval.lower * 100, interval.upper * 100)
        }
        func hidden(_ x: Int64, _ n: Int64) -> PublicationRules.Rule? { rules.suppression(population: nil, numerator: x, denominator: n) }
        func keep<T>(_ value: T?, _ rule: PublicationRules.Rule?) -> T? { rule == nil ? value : nil }

        projects = analysis.summaries().map { s in
            let phase = analysis.register.phase(of: s.project, in: s.year)
            let coverageRule = hidden(s.reached, s.groupPopulation)
            let focusRule = coverageRule ?? hidden(s.reached, s.participants)
            let streuRule = hidden(s.outsideServed, s.participants)
            let cumulativeRule = hidden(s.cumulativeReached, s.groupPopulation)
            let coverage = share(s.reached, s.groupPopulation)
            let enough = s.distances.count >= max(1, rules.extremeShareMinimumDenominator)
            func quantile(_ p: Double) -> Double? {
                guard enough else { return nil }
                // Type 7 (linear interpolation; R's default, numpy's `linear`), rounded to 10 m.
                let h = p * Double(s.distances.count - 1)
                let low = s.distances[Int(h.rounded(.down))], high = s.distances[Int(h.rounded(.up))]
                return ((low + (h - h.rounded(.down)) * (high - low)) / 10).rounded() * 10
            }
            return ProjectRow(
                project: s.project, name: phase?.name ?? "Programm", provider: phase?.provider ?? "", strand: phase?.strand ?? "",
                group: s.group, year: s.year,
                reached: keep(s.reached, coverageRule), groupPopulation: keep(s.groupPopulation, coverageRule),
                coverage: keep(coverage?.value, coverageRule), coverageLow: keep(coverage?.low, coverageRule), coverageHigh: keep(coverage?.high, coverageRule),
                participants: keep(s.participants, focusRule), focusing: keep(share(s.reached, s.participants)?.value, focusRule),
                groupShare: share(s.groupPopulation, s.population)?.value, focusingRatio: keep(s.focusingRatio, focusRule),
                outsideServed: keep(s.outsideServed, streuRule), outsideServedShare: keep(share(s.outsideServed, s.participants)?.value, streuRule),
                cumulativeReached: keep(s.cumulativeReached, cumulativeRule),
                cumulativeCoverage: keep(share(s.cumulativeReached, s.groupPopulation)?.value, cumulativeRule),
                distanceMedian: quantile(0.5), distance90: quantile(0.9),
                concentration: s.concentration?.value, concentrationSE: s.concentration?.standardError,
                rule: [coverageRule, focusRule, streuRule, cumulativeRule].compactMap { $0 }.min())
        }
        need = analysis.needRows().map { row in
            let rule = hidden(row.reached, row.groupPopulation)
            let coverage = share(row.reached, row.groupPopulation)
            return NeedRow(project: row.project, group: row.group, year: row.year, quintile: row.quintile,
                           reached: keep(row.reached, rule), groupPopulation: keep(row.groupPopulation, rule),
                           coverage: keep(coverage?.value, rule), coverageLow: keep(coverage?.low, rule), coverageHigh: keep(coverage?.high, rule),
                           rule: rule)
        }
        let level = analysis.indexLevel ?? analysis.reachSpec.levels[0].id
        whiteSpots = analysis.reachSpec.years.map { ($0, level, analysis.whiteSpots(year: $0)) }
    }
}
