/// Reads the numbers of municipal exports: `1171`, `-  23`, `11,1` or `11.1`, `1 171`, `1.171`,
/// `26 493` (space or no-break space as thousands separator), `−5` (Unicode minus).
///
/// Rules, by `DecimalStyle`:
/// - `.comma`: `,` is the decimal separator; `.` and spaces separate thousands, and only in groups of
///   exactly three digits (`1.171` = 1171; `1.17` is not a number).
/// - `.point`: `.` is the decimal separator; `,` and spaces separate thousands in groups of three.
/// An exponent (`1.5e-05`, `1,5E-05`) may follow the digits in either style.
/// A sign may be followed by spaces (`-  23` as Statistikamt Nord writes it). Surrounding spaces are
/// ignored. Anything else (units, `%`, letters) is not a number.
public enum NumberParser {
    public static func parse(_ text: String, style: DecimalStyle) -> Double? {
        var scalars = Substring(text).unicodeScalars.drop { $0 == " " || $0 == "\u{A0}" || $0 == "\t" }
        while let last = scalars.last, last == " " || last == "\u{A0}" || last == "\t" { scalars = scalars.dropLast() }
        guard !scalars.isEmpty else { return nil }
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            scalars = scalars.dropFirst().drop { $0 == " " || $0 == "\u{A0}" }
        }
        let decimal: Unicode.Scalar = style == .comma ? "," : "."
        let grouping: Unicode.Scalar = style == .comma ? "." : ","
        var integerDigits = ""
        var fractionDigits = ""
        var inFraction = false
        var groupLength = -1 // digits since the last group separator; -1 = no separator seen
        var sawDigit = false
        var exponent = ""
        var inExponent = false
        for scalar in scalars {
            if inExponent {
                guard ("0"..."9").contains(scalar) || ((scalar == "-" || scalar == "+") && exponent.isEmpty) else { return nil }
                exponent.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "e", "E":
                guard sawDigit, groupLength == -1 || inFraction || groupLength == 3 else { return nil }
                inExponent = true
            case "0"..."9":
                sawDigit = true
                if inFraction {
                    fractionDigits.unicodeScalars.append(scalar)
                } else {
                    integerDigits.unicodeScalars.append(scalar)
                    if groupLength >= 0 { groupLength += 1 }
                }
            case decimal:
                guard !inFraction else { return nil }
                if groupLength >= 0 && groupLength != 3 { return nil }
                inFraction = true
            case grouping, " ", "\u{A0}", "\u{202F}":
                guard !inFraction, sawDigit, groupLength == -1 || groupLength == 3 else { return nil }
                groupLength = 0
            default:
                return nil
            }
        }
        if groupLength >= 0 && !inFraction && !inExponent && groupLength != 3 { return nil }
        if inExponent && Int(exponent) == nil { return nil }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        guard let value = Double("\(integerDigits.isEmpty ? "0" : integerDigits).\(fractionDigits.isEmpty ? "0" : fractionDigits)\(inExponent ? "e" + exponent : "")") else {
            return nil
        }
        return negative ? -value : value
    }

    /// Evidence for a column's style: `1,5` speaks for `.comma`; `1.5` or `0.25` (a point followed by
    /// other than three digits) for `.point`; `1.171` or `1,171` alone decide nothing.
    static func evidence(_ text: String) -> DecimalStyle? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (separator, style) in [(Character(","), DecimalStyle.comma), (Character("."), DecimalStyle.point)] {
            guard let position = trimmed.lastIndex(of: separator) else { continue }
            let fraction = trimmed[trimmed.index(after: position)...]
            let other: Character = separator == "," ? "." : ","
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit), !fraction.contains(other) else { continue }
            let integer = trimmed[..<position].drop { $0 == "-" || $0 == "+" || $0 == "\u{2212}" || $0 == " " }
            guard integer.allSatisfy({ $0.isASCIIDigit || $0 == other || $0 == " " || $0 == "\u{A0}" }) else { continue }
            if fraction.count != 3 || trimmed.contains(other) || integer.isEmpty || integer == "0" { return style }
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

import Foundation

extension NumberParser {
    /// `evidence(_:)` on a field's bytes (UTF-8 or Windows-1252), without making a `String`.
    static func evidence(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalStyle? {
        var low = 0, high = bytes.count
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        let comma = UInt8(ascii: ","), point = UInt8(ascii: ".")
        for (separator, other, style) in [(comma, point, DecimalStyle.comma), (point, comma, DecimalStyle.point)] {
            var position = high - 1
            while position >= low, bytes[position] != separator { position -= 1 }
            guard position >= low, position + 1 < high else { continue }
            var digitsOnly = true
            for index in (position + 1)..<high where bytes[index] &- 48 >= 10 { digitsOnly = false; break }
            guard digitsOnly else { continue }
            var integerStart = low
            while integerStart < position {
                let byte = bytes[integerStart]
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == 0x20 { integerStart += 1; continue }
                if byte == 0xE2, integerStart + 2 < position, bytes[integerStart + 1] == 0x88, bytes[integerStart + 2] == 0x92 {
                    integerStart += 3
                    continue
                }
                break
            }
            var integerOK = true
            var index = integerStart
            while index < position {
                let byte = bytes[index]
                if byte &- 48 < 10 || byte == other || byte == 0x20 || byte == 0xA0 {
                    index += 1
                } else if byte == 0xC2, index + 1 < position, bytes[index + 1] == 0xA0 {
                    index += 2
                } else {
                    integerOK = false
                    break
                }
            }
            guard integerOK else { continue }
            var containsOther = false
            for index in low..<high where bytes[index] == other { containsOther = true; break }
            let integerEmpty = integerStart == position
            let integerZero = position - integerStart == 1 && bytes[integerStart] == UInt8(ascii: "0")
            if high - position - 1 != 3 || containsOther || integerEmpty || integerZero { return style }
        }
        return nil
    }
}
