/// How published counts are rounded after suppression.
///
/// Rounding comes after suppression (METHODS.md; Hundepool et al. 2012, §5.3 "rounding"): the pattern is
/// chosen and audited on the exact values, and rounding only widens what an attacker can know. Rounded
/// tables need not add up; the footnote says so.
public enum Rounding {
    /// Rounds `value` to the nearest multiple of `base`, halves away from zero (conventional rounding).
    public static func round(_ value: Double, toMultipleOf base: Double) -> Double {
        precondition(base > 0)
        return (value / base).rounded(.toNearestOrAwayFromZero) * base
    }
}
