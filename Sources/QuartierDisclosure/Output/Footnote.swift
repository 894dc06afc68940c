/// The footnote that explains suppression to readers of a report.
public enum Footnote {
    public enum Language: String, Sendable, CaseIterable { case german = "de", english = "en" }

    /// The footnote for tables published under `rules`.
    ///
    /// German wording after the Statistik der Bundesagentur für Arbeit's standard note ("Aus Gründen der
    /// statistischen Geheimhaltung werden Zahlenwerte von 1 oder 2 … anonymisiert").
    public static func text(for rules: DisclosureRules, language: Language) -> String {
        let marker = rules.marker
        let limit = formatValue(rules.smallCountLimit)
        var parts: [String] = []
        switch language {
        case .german:
            let counts = rules.smallCountLimit >= 2 ? "Zahlenwerte von 1 bis \(limit)" : "Zahlenwerte von 1"
            parts.append("\(marker) = aus Gründen der statistischen Geheimhaltung gesperrt.")
            parts.append("Gesperrt sind \(counts)\(rules.suppressZero ? " sowie 0" : "")"
                + (rules.minimumPopulation.map { " und alle Werte von Gebieten mit weniger als \(formatValue($0)) Einwohnerinnen und Einwohnern" } ?? "")
                + "; weitere Werte sind gesperrt, damit gesperrte Werte nicht aus Summen errechnet werden können.")
            if let base = rules.roundingBase {
                parts.append("Werte auf ein Vielfaches von \(formatValue(base)) gerundet; Summen können daher von der Summe der Einzelwerte abweichen.")
            }
        case .english:
            let counts = rules.smallCountLimit >= 2 ? "counts from 1 to \(limit)" : "counts of 1"
            parts.append("\(marker) = suppressed for statistical confidentiality.")
            parts.append("Suppressed are \(counts)\(rules.suppressZero ? " and 0" : "")"
                + (rules.minimumPopulation.map { " and all figures for areas with fewer than \(formatValue($0)) inhabitants" } ?? "")
                + "; further figures are suppressed so that suppressed values cannot be recomputed from totals.")
            if let base = rules.roundingBase {
                parts.append("Figures rounded to a multiple of \(formatValue(base)); totals may differ from the sum of their parts.")
            }
        }
        return parts.joined(separator: " ")
    }

    /// A count as text: integers without a decimal point, others in Swift's shortest round-trip form.
    public static func formatValue(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
