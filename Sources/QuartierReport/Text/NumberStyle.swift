import Foundation

/// Numbers in the report's language, deterministic (no system locale): German `12,3 %`, `1.234`,
/// English `12.3%`, `1,234`; negative numbers with the minus sign U+2212.
///
/// Conventions: DIN 5008 / Duden for German (decimal comma, `.` as thousands separator, a space before
/// `%`), the Chicago Manual of Style for English. Rounding is half away from zero (DIN 1333,
/// "kaufmännisches Runden") on the value scaled by 10^decimals, so 1.25 shows as 1.3 with one decimal.
public struct NumberStyle: Sendable, Hashable {
    public var language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    var decimalSeparator: String { language == .de ? "," : "." }
    var groupSeparator: String { language == .de ? "." : "," }

    /// A number with `decimals` fixed digits and thousands grouping.
    public func decimal(_ value: Double, _ decimals: Int, signed: Bool = false) -> String {
        guard value.isFinite else { return "–" }
        let digits = max(decimals, 0)
        let factor = pow(10, Double(digits))
        let scaled = abs(value) * factor
        let rounded = scaled < 1e15 ? scaled.rounded(.toNearestOrAwayFromZero) / factor : abs(value)
        var text = String(format: "%.\(digits)f", rounded)
        let isZero = Double(text) == 0
        var integer = text
        var fraction = ""
        if let dot = text.firstIndex(of: ".") {
            integer = String(text[..<dot])
            fraction = String(text[text.index(after: dot)...])
        }
        var grouped = ""
        for (offset, digit) in integer.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { grouped.append(contentsOf: groupSeparator.reversed()) }
            grouped.append(digit)
        }
        text = String(grouped.reversed()) + (fraction.isEmpty ? "" : decimalSeparator + fraction)
        if value < 0 && !isZero { return "\u{2212}" + text }
        if signed && value > 0 && !isZero { return "+" + text }
        return text
    }

    /// An integer with grouping: `1.234` / `1,234`.
    public func integer(_ value: Int) -> String { decimal(Double(value), 0) }

    /// A value in its unit: `12,3 %`, `+1,2 Pp.`, `4,5 ‰`, `1.234`, `−0,33`.
    public func value(_ value: Double, unit: ReportUnit, decimals: Int) -> String {
        switch unit {
        case .percent: return decimal(value, decimals) + (language == .de ? "\u{a0}%" : "%")
        case .percentagePoints: return decimal(value, decimals, signed: true) + (language == .de ? "\u{a0}Pp." : "\u{a0}pp")
        case .perThousand: return decimal(value, decimals) + "\u{a0}‰"
        case .count: return decimal(value, decimals)
        case .score: return decimal(value, decimals)
        }
    }

    /// An interval `[low; high]` (de) or `[low, high]` (en).
    public func interval(_ interval: ReportInterval, decimals: Int) -> String {
        let separator = language == .de ? "; " : ", "
        return "[" + decimal(interval.low, decimals) + separator + decimal(interval.high, decimals) + "]"
    }

    /// The bounds of a class as an interval with its closure: `(−1; 1]`, `(1,5; ∞)`.
    public func bounds(_ definition: ReportClass, decimals: Int) -> String {
        let separator = language == .de ? "; " : ", "
        let low = definition.lower.map { decimal($0, decimals) } ?? "\u{2212}∞"
        let high = definition.upper.map { decimal($0, decimals) } ?? "∞"
        let open = definition.lower != nil && definition.lowerClosed ? "[" : "("
        let close = definition.upper != nil && definition.upperClosed ? "]" : ")"
        return open + low + separator + high + close
    }
}
