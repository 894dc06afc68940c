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

/// Rates from counts.
enum RateComputation {
    /// The Wilson score interval for a proportion x/n at 95 % (z = 1.959963984540054).
    ///
    /// Source: Wilson, E. B. (1927) "Probable inference, the law of succession, and statistical
    /// inference", JASA 22, 209–212. Returns nil for n = 0.
    static func wilson(_ x: Int64, _ n: Int64, z: Double = 1.959963984540054) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let n = Double(n)
        let p = Double(x) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * ((p * (1 - p) / n + z2 / (4 * n * n))).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
