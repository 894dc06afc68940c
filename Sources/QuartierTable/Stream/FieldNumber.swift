#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses numbers straight from a field's bytes, without allocating: the fast path of big files.
///
/// Accepts the same texts as `NumberParser` (`361234.567`, `-  23`, `11,1`, `1 171`, `1.171` with a
/// decimal comma, a no-break space as thousands separator in UTF-8 `C2 A0`, Windows-1252 `A0` or
/// narrow `E2 80 AF`), plus an exponent (`1.5e-3`, `1,5E-03`). Thousands separators
/// must stand between groups of exactly three digits, so `1.17` is no number with a decimal comma.
///
/// Rounding: a value with at most 19 significant digits whose mantissa is below 2^53 and whose
/// power of ten is at most 22 is computed as one IEEE multiplication or division of two exact
/// doubles, which is correctly rounded (Clinger, "How to read floating point numbers accurately",
/// PLDI 1990: the "fast path"); every other value goes through the C library's `strtod` on a stack
/// buffer, which is correctly rounded too. So the result equals `Double(text)` for every input.
public enum FieldNumber {
    /// 10^exponent for 0 ... 22, the powers of ten a double holds exactly (literals: no lazy global
    /// and no bounds check on the hot path).
    @usableFromInline @inline(__always)
    static func power(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The number in `bytes`, or nil when they hold no number (empty, spaces only, text, markers).
    /// - Complexity: O(n) in the field's length; no allocation.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, style: DecimalStyle) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        return parse(base, bytes.count, style: style)
    }

    /// The number in `count` bytes at `start` (see `parse(_:style:)`).
    @inlinable
    public static func parse(_ start: UnsafePointer<UInt8>, _ count: Int, style: DecimalStyle) -> Double? {
        var index = 0
        var end = count
        // Spaces, tabs and no-break spaces around the number.
        @inline(__always) func spaceLength(_ at: Int) -> Int {
            let byte = start[at]
            if byte == 0x20 || byte == 0x09 || byte == 0xA0 { return 1 }
            if byte == 0xC2, at + 1 < end, start[at + 1] == 0xA0 { return 2 }
            if byte == 0xE2, at + 2 < end, start[at + 1] == 0x80, start[at + 2] == 0xAF { return 3 }
            return 0
        }
        while index < end { let n = spaceLength(index); if n == 0 { break }; index += n }
        while end > index {
            let byte = start[end - 1]
            if byte == 0xA0, end - index >= 2, start[end - 2] == 0xC2 { end -= 2; continue }
            if byte == 0x20 || byte == 0x09 || byte == 0xA0 { end -= 1; continue }
            break
        }
        guard index < end else { return nil }
        if let value = plain(start, from: index, to: end, decimal: style == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")) {
            return value
        }
        var negative = false
        let first = start[index]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index += 1
        } else if first == 0xE2, index + 2 < end, start[index + 1] == 0x88, start[index + 2] == 0x92 { // U+2212
            negative = true
            index += 3
        }
        if negative || first == UInt8(ascii: "+") {
            while index < end { let n = spaceLength(index); if n == 0 { break }; index += n }
        }
        let decimal = style == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let grouping = style == .comma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var mantissa: UInt64 = 0
        var significant = 0 // digits counted into the mantissa (after leading zeros)
        var dropped = 0 // integer digits beyond 19 significant ones
        var fractionDigits = 0
        var sawDigit = false
        var inFraction = false
        var groupLength = -1
        var exponent = 0
        var needsStrtod = false
        while index < end {
            let byte = start[index]
            if byte &- 48 < 10 {
                sawDigit = true
                if significant < 19 {
                    if mantissa != 0 || byte != 48 {
                        mantissa = mantissa &* 10 &+ UInt64(byte &- 48)
                        significant += 1
                    }
                    if inFraction { fractionDigits += 1 }
                } else if !inFraction {
                    dropped += 1
                } else {
                    // Fraction digits beyond 19 significant ones: strtod rounds them correctly.
                    needsStrtod = true
                }
                if !inFraction && groupLength >= 0 { groupLength += 1 }
                index += 1
            } else if byte == decimal {
                guard !inFraction, groupLength == -1 || groupLength == 3 else { return nil }
                inFraction = true
                index += 1
            } else if !inFraction, byte == grouping || spaceLength(index) > 0 {
                guard sawDigit, groupLength == -1 || groupLength == 3 else { return nil }
                groupLength = 0
                index += byte == grouping ? 1 : spaceLength(index)
            } else if (byte | 0x20) == UInt8(ascii: "e"), sawDigit, groupLength == -1 || inFraction || groupLength == 3 {
                index += 1
                var exponentNegative = false
                if index < end, start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
                    exponentNegative = start[index] == UInt8(ascii: "-")
                    index += 1
                }
                guard index < end else { return nil }
                while index < end {
                    let digit = start[index] &- 48
                    guard digit < 10 else { return nil }
                    if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                    index += 1
                }
                if exponentNegative { exponent = -exponent }
            } else {
                return nil
            }
        }
        guard sawDigit, groupLength == -1 || inFraction || groupLength == 3 else { return nil }
        let power = exponent + dropped - fractionDigits
        var value: Double
        if !needsStrtod, mantissa < (1 << 53), power >= -22, power <= 22 {
            value = Double(mantissa)
            if power < 0 { value /= Self.power(-power) } else if power > 0 { value *= Self.power(power) }
        } else if mantissa == 0, !needsStrtod {
            value = 0
        } else {
            return slowParse(start, count, style: style).map { negative ? -abs($0) : abs($0) }
        }
        return negative ? -value : value
    }

    /// The common case in one tight loop: `-`? digits (decimal digits)? with at most 15 digits and
    /// nothing else; nil hands the field to the general parser (which gives the same value).
    @inlinable @inline(__always)
    static func plain(_ start: UnsafePointer<UInt8>, from: Int, to end: Int, decimal: UInt8) -> Double? {
        var index = from
        let negative = start[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        let digitsStart = index
        while index < end, start[index] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(start[index] &- 48)
            index += 1
        }
        var digits = index - digitsStart
        var fraction = 0
        if index < end, start[index] == decimal {
            index += 1
            let fractionStart = index
            while index < end, start[index] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(start[index] &- 48)
                index += 1
            }
            fraction = index - fractionStart
            digits += fraction
        }
        // 15 digits stay below 2^53, and 10^fraction is exact: one correctly rounded division.
        guard index == end, digits > 0, digits <= 15 else { return nil }
        let value = fraction == 0 ? Double(mantissa) : Double(mantissa) / Self.power(fraction)
        return negative ? -value : value
    }

    /// `strtod` on the field's digits, normalised into a stack buffer (decimal point, no separators).
    @usableFromInline
    static func slowParse(_ start: UnsafePointer<UInt8>, _ count: Int, style: DecimalStyle) -> Double? {
        let decimal = style == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            var length = 0
            for index in 0..<count {
                let byte = start[index]
                if byte &- 48 < 10 || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                    buffer[length] = CChar(bitPattern: byte)
                    length += 1
                } else if byte == decimal {
                    buffer[length] = CChar(bitPattern: UInt8(ascii: "."))
                    length += 1
                }
            }
            buffer[length] = 0
            guard let base = buffer.baseAddress else { return nil }
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &endPointer)
            guard let endPointer, endPointer == base + length, length > 0 else { return nil }
            return value
        }
    }
}
