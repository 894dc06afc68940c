/// Sums in fixed-point millionths: exact, so the per-area sums do not depend on the order in which
/// threads add them (same bytes out whatever `--threads`).
public enum Micros {
    /// Millionths per unit.
    public static let scale: Int64 = 1_000_000

    /// The largest magnitude a sum's field may have.
    public static let limit = 1e9

    /// `value` in millionths when it has at most six decimals (as parsed by `FieldNumber`, whose
    /// double is the nearest to the text): the nearest integer to value × 10⁶. Exact for |value| < 10⁹:
    /// the double's error (half an ulp, ≤ 2⁻²⁴ there) times 10⁶ plus the product's rounding stays
    /// below 0.2, so the nearest integer is the text's millionths. A value further than 10⁻³ + 10⁶·ulp
    /// from a millionth has more than six decimals: nil (below 1,000 that catches every seventh
    /// decimal; above, the double cannot tell them). nil for |value| ≥ 10⁹ and non-finite values.
    @inline(__always)
    public static func from(_ value: Double) -> Int64? {
        guard value.isFinite, abs(value) < limit else { return nil }
        let scaled = value * 1e6
        let rounded = scaled.rounded()
        guard abs(scaled - rounded) <= 1e-3 + 1e6 * value.ulp else { return nil }
        return Int64(rounded)
    }

    /// `12.5`, `-0.000001`, `3` (no trailing zeros).
    public static func format(_ value: Int64) -> String {
        let whole = value / scale
        let fraction = abs(value % scale)
        if fraction == 0 { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return (value < 0 && whole == 0 ? "-0" : String(whole)) + "." + digits
    }
}
