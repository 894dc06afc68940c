import Quartier
/// One indicator for one area, level and year: the counts, the rate and its interval.
public struct IndicatorValue: Sendable, Hashable {
    public var level: String
    public var areaID: String
    public var year: Int
    public var indicator: String
    /// The counts; nil for a published value.
    public var numerator: Int64?
    public var denominator: Int64?
    /// numerator / denominator × scale (nil when the denominator is 0), or the published value.
    public var value: Double?
    /// The 95 % Wilson score interval of the proportion, in the same scale; nil when undefined.
    public var low: Double?
    public var high: Double?
    /// Why there is no value although the area has counts: a numerator or denominator masked by
    /// its publisher (e.g. the BA's `*`), or a sum that includes such a cell. Nil otherwise.
    public var masked: String? = nil
}

/// The change of an indicator over `years` years, in scale units (percentage points for `%`).
public struct DynamicsValue: Sendable, Hashable {
    public var level: String
    public var areaID: String
    public var indicator: String
    public var fromYear: Int
    public var toYear: Int
    public var change: Double?
}
