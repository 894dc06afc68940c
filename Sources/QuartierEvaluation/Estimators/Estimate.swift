import QuartierMethods

/// One estimate with its standard error and its 95 % interval, and what it was computed from.
///
/// Intervals are normal-approximation intervals, estimate ± 1.96·SE (as statsmodels' `conf_int()`
/// with its default `use_t=False` for cluster-robust fits, and as the analytic intervals of
/// Callaway & Sant'Anna's `did`). With few funded areas they are too narrow; the statements of the
/// result say so.
public struct Estimate: Sendable, Hashable {
    public var value: Double
    public var standardError: Double
    /// Number of funded (treated) areas and of comparison areas the estimate rests on.
    public var treatedAreas: Int
    public var comparisonAreas: Int

    public init(value: Double, standardError: Double, treatedAreas: Int, comparisonAreas: Int) {
        self.value = value
        self.standardError = standardError
        self.treatedAreas = treatedAreas
        self.comparisonAreas = comparisonAreas
    }

    /// The two-sided 95 % normal quantile.
    public static let z95 = SpecialFunctions.normalQuantile(0.975)

    public var low: Double { value - Self.z95 * standardError }
    public var high: Double { value + Self.z95 * standardError }
    /// Whether the 95 % interval covers `x`.
    public func covers(_ x: Double) -> Bool { low <= x && x <= high }
}
