/// Colour-blind-safe fills for class maps.
///
/// Source: Cynthia A. Brewer, Mark Harrower and The Pennsylvania State University, ColorBrewer 2.0
/// (colorbrewer2.org, Apache License 2.0). `orangeRed` is the sequential scheme "OrRd" and `purpleOrange`
/// the diverging "PuOr" reversed (purple = improving, orange = worsening); both are marked colour-blind
/// safe on colorbrewer2.org for the class counts used here (3–7).
public enum ReportPalette: String, Sendable, Hashable {
    /// Sequential, light (least disadvantaged) to dark (most).
    case orangeRed
    /// Diverging, purple (improving) – light (stable) – orange (worsening).
    case purpleOrange

    /// `count` colours (3...7), light to dark / improving to worsening.
    public func colours(count: Int) -> [String] {
        let n = min(max(count, 3), 7)
        let table: [Int: [String]]
        switch self {
        case .orangeRed:
            table = [
                3: ["#fee8c8", "#fdbb84", "#e34a33"],
                4: ["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
                5: ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
                6: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
                7: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
            ]
        case .purpleOrange:
            table = [
                3: ["#998ec3", "#f7f7f7", "#f1a340"],
                4: ["#5e3c99", "#b2abd2", "#fdb863", "#e66101"],
                5: ["#5e3c99", "#b2abd2", "#f7f7f7", "#fdb863", "#e66101"],
                6: ["#542788", "#998ec3", "#d8daeb", "#fee0b6", "#f1a340", "#b35806"],
                7: ["#542788", "#998ec3", "#d8daeb", "#f7f7f7", "#fee0b6", "#f1a340", "#b35806"],
            ]
        }
        let colours = table[n]!
        return count < 3 ? Array(colours.prefix(count)) : colours
    }

    /// Whether text drawn on `colour` should be white (dark fills).
    public static func needsLightText(_ colour: String) -> Bool {
        let hex = colour.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return false }
        let r = Double((value >> 16) & 0xff), g = Double((value >> 8) & 0xff), b = Double(value & 0xff)
        return 0.299 * r + 0.587 * g + 0.114 * b < 140
    }
}
