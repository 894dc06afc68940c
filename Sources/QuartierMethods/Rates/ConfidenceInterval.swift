import Foundation

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    /// The nominal coverage, e.g. 0.95.
    public var level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The interval multiplied by a rate scale's factor (e.g. to per cent).
    public func scaled(by factor: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: lower * factor, upper: upper * factor, level: level)
    }
}

/// The Wilson score interval for a proportion.
///
/// Source: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
/// inference", JASA 22, 209–212. Without continuity correction. Stays inside [0, 1] and is not
/// degenerate at 0 or n successes, unlike the Wald interval. Convention: at 0 successes the lower
/// bound is exactly 0, at n successes the upper bound exactly 1 (no rounding residue).
public enum WilsonInterval {
    /// - Parameters:
    ///   - successes: the numerator (0 ≤ successes ≤ trials).
    ///   - trials: the denominator (> 0).
    ///   - level: the coverage, e.g. 0.95.
    /// - Returns: the interval for the proportion (multiply by a `RateScale.factor` for % or ‰).
    public static func interval(successes: Double, trials: Double, level: Double = 0.95) -> ConfidenceInterval {
        precondition(trials > 0 && successes >= 0 && successes <= trials, "need 0 ≤ successes ≤ trials, trials > 0")
        let z = SpecialFunctions.normalQuantile(1 - (1 - level) / 2)
        let p = successes / trials, z2 = z * z
        let centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
        let half = z / (1 + z2 / trials) * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot()
        // At 0 or n successes the bound is exactly 0 or 1 in theory (centre − half = 0 for p = 0); in
        // floating point it comes out as ±5.6e-15. Set it exactly, as a statistics office prints it.
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return ConfidenceInterval(lower: lower, upper: upper, level: level)
    }
}

/// The exact (central) Poisson interval for a count, for rare events.
///
/// Source: F. Garwood (1936), "Fiducial limits for the Poisson distribution", Biometrika 28,
/// 437–442: lower = χ²(α/2; 2k)/2 (0 for k = 0), upper = χ²(1 − α/2; 2k + 2)/2.
public enum GarwoodInterval {
    /// The interval for the expected count given an observed count `count`.
    public static func interval(count: Int, level: Double = 0.95) -> ConfidenceInterval {
        precondition(count >= 0, "count must be non-negative")
        let alpha = 1 - level
        let lower = count == 0 ? 0 : SpecialFunctions.chiSquaredQuantile(alpha / 2, degrees: Double(2 * count)) / 2
        let upper = SpecialFunctions.chiSquaredQuantile(1 - alpha / 2, degrees: Double(2 * count + 2)) / 2
        return ConfidenceInterval(lower: lower, upper: upper, level: level)
    }

    /// The interval for a rate count/exposure (e.g. cases per person-year), on the proportion scale.
    public static func interval(count: Int, exposure: Double, level: Double = 0.95) -> ConfidenceInterval {
        precondition(exposure > 0, "exposure must be positive")
        let counts = interval(count: count, level: level)
        return ConfidenceInterval(lower: counts.lower / exposure, upper: counts.upper / exposure, level: level)
    }
}
