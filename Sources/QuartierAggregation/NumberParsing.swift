import Foundation

/// Number parsing straight from CSV bytes, without a `String` per field.
///
/// `double` gives the correctly rounded `Double` (the value `strtod` gives): the fast path is
/// Clinger's (W. D. Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990) — a decimal
/// with at most 15 significant digits and a power of ten up to 10²² is one correctly rounded
/// multiplication or division of two exact doubles; anything longer goes to `strtod`. Coordinates must
/// be read exactly as GEOS's peers read them, or points on vertices would move.
public enum NumberParsing {
    @usableFromInline static let powersOfTen: [Double] = (0 ... 22).map { pow(10.0, Double($0)) }

    /// The field without surrounding spaces, double quotes and a trailing CR, its sign read: its start
    /// (the sign included), the index of its first digit, its end, and whether it is negative; nil
    /// when nothing is left.
    @inlinable @inline(__always)
    static func unsigned(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> (start: Int, first: Int, end: Int, negative: Bool)?
    {
        var s = start, e = end
        while s < e && (bytes[s] == 0x20 || bytes[s] == 0x22) { s += 1 }
        while e > s && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x22 || bytes[e - 1] == 0x0D) { e -= 1 }
        guard s < e else { return nil }
        if bytes[s] == 0x2D { return (s, s + 1, e, true) }
        return (s, bytes[s] == 0x2B ? s + 1 : s, e, false)
    }

    /// The `Double` spelled by `bytes[start ..< end]` (optional sign, digits, optional fraction and
    /// exponent; surrounding spaces and double quotes allowed), or nil.
    @inlinable
    public static func double(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        guard let (s, first, e, negative) = unsigned(bytes, start, end) else { return nil }
        var i = first
        // Fast path: at most 15 digits in all (leading zeros included), no exponent.
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < e {
            let d = bytes[i] &- 0x30
            if d >= 10 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        var digits = i - integerStart
        var fractionDigits = 0
        if i < e, bytes[i] == 0x2E {
            i += 1
            let fractionStart = i
            while i < e {
                let d = bytes[i] &- 0x30
                if d >= 10 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                i += 1
            }
            fractionDigits = i - fractionStart
            digits += fractionDigits
        }
        guard digits > 0 else { return nil }
        if i == e && digits <= 15 {
            let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // Longer numbers and exponents: strtod (after checking the rest is an exponent).
        if i < e {
            guard bytes[i] == 0x65 || bytes[i] == 0x45 else { return nil }
        }
        return slow(bytes, s, e)
    }

    /// `strtod` on a NUL-terminated copy; nil unless the whole field is consumed and finite.
    @usableFromInline
    static func slow(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let count = end - start
        guard count < 400 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            for k in 0 ..< count { buffer[k] = CChar(bitPattern: bytes[start + k]) }
            buffer[count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &endPointer)
            guard let endPointer, endPointer - buffer.baseAddress! == count, value.isFinite else { return nil }
            return value
        }
    }

    /// Fixed-point scale of sums: values are summed exactly as integers in millionths.
    public static let sumScale: Int64 = 1_000_000

    /// A decimal with at most six fractional digits, in millionths (`"12.5"` → 12_500_000), or nil.
    @inlinable
    public static func micros(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        guard let (_, first, e, negative) = unsigned(bytes, start, end) else { return nil }
        var i = first
        // Fast path: one digit ("0"/"1" flags).
        if i + 1 == e, bytes[i] &- 0x30 < 10 {
            let v = Int64(bytes[i] &- 0x30) * sumScale
            return negative ? -v : v
        }
        var whole: Int64 = 0
        var sawDigit = false
        while i < e, bytes[i] &- 0x30 < 10 {
            sawDigit = true
            guard whole < 9_000_000_000_000 else { return nil }
            whole = whole * 10 + Int64(bytes[i] &- 0x30)
            i += 1
        }
        var fraction: Int64 = 0
        var scale: Int64 = sumScale
        if i < e, bytes[i] == 0x2E {
            i += 1
            while i < e, bytes[i] &- 0x30 < 10 {
                sawDigit = true
                let d = Int64(bytes[i] &- 0x30)
                if scale > 1 {
                    scale /= 10
                    fraction += d * scale
                } else if d != 0 {
                    return nil // more than six decimals
                }
                i += 1
            }
        }
        guard sawDigit, i == e else { return nil }
        let v = whole * sumScale + fraction
        return negative ? -v : v
    }

    /// Millionths as a decimal text without trailing zeros (`12_500_000` → `"12.5"`).
    public static func formatMicros(_ value: Int64) -> String {
        let whole = value / sumScale
        let fraction = abs(value % sumScale)
        if fraction == 0 { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return (value < 0 && whole == 0 ? "-0" : String(whole)) + "." + digits
    }
}
