/// The access part of a report (`[[offers]]` of a monitoring): per inventory and offer type, the
/// indicator mapped as the access map, the gaps (map and table) and the scenario against the base.
/// Plain values from the publication gate: the gap rows hold published figures only, and every map
/// and scenario cell is a `ReportCell` of `ReportModel.indicators`.
public struct ReportAccess: Sendable, Hashable {
    /// "kitas: kita".
    public var title: String
    public var year: Int
    /// The id of the indicator in `ReportModel.indicators` drawn as the access map.
    public var accessIndicator: String
    public var gap: Gap?
    /// Base and scenario indicator ids (in `ReportModel.indicators`), pairwise.
    public var scenario: Scenario?

    public struct Gap: Sendable, Hashable {
        /// The high-need rule and the access measure in words.
        public var rule: String
        /// Level-0 areas compared (need and access published), those of high need, and the gaps ranked.
        public var compared: [String]
        public var highNeed: [String]
        public var rows: [Row]
        public var notCompared: Int
        /// Of the target group in the high-need areas, the share without an offer within the catchment.
        public var highNeedShareWithoutAccess: Double?

        public struct Row: Sendable, Hashable {
            public var rank: Int
            public var areaID: String
            public var need: Double
            public var access: Double
            public var targetGroup: Int
            public var withoutAccess: Int
        }
    }

    public struct Scenario: Sendable, Hashable {
        /// The scenario file's name.
        public var name: String
        public var pairs: [(base: String, scenario: String)] {
            zip(baseIndicators, scenarioIndicators).map { ($0, $1) }
        }
        public var baseIndicators: [String]
        public var scenarioIndicators: [String]
    }
}
