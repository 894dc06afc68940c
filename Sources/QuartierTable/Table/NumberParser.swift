/// Reads the numbers of municipal exports: `1171`, `-  23`, `11,1` or `11.1`, `1 171`, `1.171`,
/// `26 493` (space or no-break space as thousands separator), `−5` (Unicode minus).
///
/// Rules, by `DecimalStyle`:
/// - `.comma`: `,` is the decimal separator; `.` and spaces separate thousands, and only in groups of
///   exactly three digits (`1.171` = 1171; `1.17` is not a number).
/// - `.point`: `.` is the decimal separator; `,` and spaces separate thousands in groups of three.
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
        for scalar in scalars {
            switch scalar {
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
        if groupLength >= 0 && !inFraction && groupLength != 3 { return nil }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        guard let value = Double("\(integerDigits.isEmpty ? "0" : integerDigits).\(fractionDigits.isEmpty ? "0" : fractionDigits)") else {
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
