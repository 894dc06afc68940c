/// Gaps ("Bedarfslücken"): areas with high need and low access, ranked.
///
/// Conventions, named: an area has high need when its need is at or above the `needQuantile` quantile
/// of the needs of the areas compared (type 7, linear interpolation, as R's and numpy's default); low
/// access when its access is below the median access of the areas compared (type 7). Ranked by need
/// descending, then access ascending, then id. Areas without a need or access value (suppressed, no
/// target group) are not compared and are counted in `notCompared`.
public struct AccessGaps: Sendable {
    public struct Area: Sendable, Hashable {
        public var id: String
        public var need: Double?
        public var access: Double?
        /// Persons of the target group, and of them those without an offer within the catchment.
        public var targetGroup: Int
        public var withoutAccess: Int
        public init(id: String, need: Double?, access: Double?, targetGroup: Int, withoutAccess: Int) {
            self.id = id
            self.need = need
            self.access = access
            self.targetGroup = targetGroup
            self.withoutAccess = withoutAccess
        }
    }

    /// The gaps, ranked.
    public var gaps: [Area]
    public var needThreshold: Double
    public var accessMedian: Double
    public var notCompared: Int
    /// Of the target group in the high-need areas (gap or not), the share without an offer within the
    /// catchment (counts summed, then divided); nil when that group is empty.
    public var highNeedShareWithoutAccess: Double?

    /// Quantile of sorted values, type 7 (Hyndman & Fan 1996): `x[h]` interpolated at `h = (n − 1) q`.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    public init(areas: [Area], needQuantile: Double = 0.75) {
        self.init(areas: areas, needQuantile: needQuantile, highNeed: nil)
    }

    /// High need given as a set of area ids (e.g. the most deprived class of an index) instead of a
    /// quantile; `needThreshold` is then the smallest need among them.
    public init(areas: [Area], highNeed: Set<String>) {
        self.init(areas: areas, needQuantile: 0.75, highNeed: highNeed)
    }

    private init(areas: [Area], needQuantile: Double, highNeed: Set<String>?) {
        let compared = areas.filter { $0.need != nil && $0.access != nil }
        notCompared = areas.count - compared.count
        guard !compared.isEmpty else {
            gaps = []; needThreshold = .nan; accessMedian = .nan; highNeedShareWithoutAccess = nil
            return
        }
        let median = Self.quantile(compared.map { $0.access! }.sorted(), 0.5)
        accessMedian = median
        let high: [Area]
        if let highNeed {
            high = compared.filter { highNeed.contains($0.id) }
            needThreshold = high.map { $0.need! }.min() ?? .nan
        } else {
            let threshold = Self.quantile(compared.map { $0.need! }.sorted(), needQuantile)
            needThreshold = threshold
            high = compared.filter { $0.need! >= threshold }
        }
        let target = high.reduce(0) { $0 + $1.targetGroup }
        highNeedShareWithoutAccess = target > 0 ? Double(high.reduce(0) { $0 + $1.withoutAccess }) / Double(target) : nil
        gaps = high.filter { $0.access! < median }.sorted {
            ($0.need!, -$0.access!, $1.id) > ($1.need!, -$1.access!, $0.id)
        }
    }
}
