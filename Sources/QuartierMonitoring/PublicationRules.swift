/// The primary disclosure rules a monitoring applies before anything is published (report, CSV, XLSX,
/// GeoJSON), as German statistics offices and the Bundesagentur für Arbeit practise them (METHODS.md,
/// "Disclosure control"). Every rule is on by default; a spec's `[disclosure]` table can loosen a rule
/// only by naming it with a smaller value.
///
/// - `population`: areas with fewer than `minimumPopulation` records publish nothing. Default 300, the
///   threshold of the Berlin Monitoring Soziale Stadtentwicklung and the Hamburg Sozialmonitoring for
///   publishing an area's figures; blocks are usually below it, so a spec that publishes blocks must
///   lower it explicitly (and the lower level's secondary suppression then protects them).
/// - `small count`: numerators 1 … `smallCountLimit` (default 2: Statistik der Bundesagentur für Arbeit,
///   "Statistische Geheimhaltung": values of 1 or 2 are anonymised).
/// - `small denominator`: a rate over 1 … `smallCountLimit` persons ("0 of 1") is suppressed; it tells
///   the attribute of one or two identifiable persons.
/// - `small complement`: denominator − numerator in 1 … `smallCountLimit` ("3 of 5": the 2 not in SGB II)
///   is a small count of the complement, suppressed like a small count (Hundepool et al. 2012,
///   *Statistical Disclosure Control*, §4.2: the threshold rule applies to every cell a reader can derive).
/// - `extreme share`: a rate of 0 % or 100 % over fewer than `extremeShareMinimumDenominator` persons
///   (default 10) says that every member of a small group has (or lacks) the attribute — group
///   disclosure (Hundepool et al. 2012, §4.2.1).
///
/// What the primary rules suppress is then protected by secondary suppression across the hierarchy
/// (`PublishedResults`), and every rate, interval, change and index of a suppressed count goes with it.
/// Suppressed cells show `marker`, never 0.
public struct PublicationRules: Sendable, Hashable {
    /// The default minimum population (Berlin MSS, Hamburg Sozialmonitoring).
    public static let defaultMinimumPopulation = 300
    /// The default: 0 % and 100 % are published only over at least 10 persons.
    public static let defaultExtremeShareMinimumDenominator = 10

    /// Areas with fewer records (or inhabitants) than this publish nothing (0: no such rule).
    public var minimumPopulation: Int
    /// Numerators, denominators and complements 1 … this are suppressed (0: none). Default 2.
    public var smallCountLimit: Int
    /// Rates of 0 % or 100 % over fewer persons than this are suppressed (0: none). Default 10.
    public var extremeShareMinimumDenominator: Int
    public var marker: String
    /// The keys the spec set explicitly (a loosened rule is named as such in the footnote).
    public var explicitKeys: Set<String>

    public init(minimumPopulation: Int = PublicationRules.defaultMinimumPopulation, smallCountLimit: Int = 2,
                extremeShareMinimumDenominator: Int = PublicationRules.defaultExtremeShareMinimumDenominator,
                marker: String = ".", explicitKeys: Set<String> = []) {
        self.minimumPopulation = minimumPopulation
        self.smallCountLimit = smallCountLimit
        self.extremeShareMinimumDenominator = extremeShareMinimumDenominator
        self.marker = marker
        self.explicitKeys = explicitKeys
    }

    /// Rules that suppress nothing: the internal, unprotected view (`quartier export --internal`).
    public static let none = PublicationRules(minimumPopulation: 0, smallCountLimit: 0, extremeShareMinimumDenominator: 0)

    /// A rule of publication, named in the outputs' footnotes and in the `suppressed` column.
    public enum Rule: String, Sendable, Hashable, CaseIterable, Comparable {
        case population = "minimum population"
        case smallCount = "small count"
        case smallDenominator = "small denominator"
        case smallComplement = "small complement"
        case extremeShare = "0 % or 100 % of a small group"
        case secondary = "secondary suppression"
        case dependent = "derived from a suppressed figure"

        public static func < (a: Rule, b: Rule) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// The first primary rule that suppresses a rate of an area with `population` records, `numerator`
    /// over `denominator`; nil when the rules let it be published. Also which count must be protected:
    /// the numerator (small count, complement, extreme share) or the denominator (small denominator).
    public func suppression(population: Int64?, numerator: Int64?, denominator: Int64?) -> Rule? {
        if minimumPopulation > 0, let population, population < Int64(minimumPopulation) { return .population }
        let limit = Int64(smallCountLimit)
        if let denominator, denominator >= 1, denominator <= limit { return .smallDenominator }
        if let numerator, numerator >= 1, numerator <= limit { return .smallCount }
        if let numerator, let denominator, denominator - numerator >= 1, denominator - numerator <= limit { return .smallComplement }
        if let numerator, let denominator, denominator > 0, numerator == 0 || numerator == denominator,
           denominator < Int64(extremeShareMinimumDenominator) { return .extremeShare }
        return nil
    }

    /// The footnote naming every rule (German or English).
    public func footnote(german: Bool) -> String {
        let limit = smallCountLimit
        var parts: [String] = []
        if german {
            parts.append("\(marker) = aus Gründen der statistischen Geheimhaltung gesperrt.")
            if minimumPopulation > 0 {
                parts.append("Mindestbevölkerung: Gebiete mit weniger als \(minimumPopulation) Einwohnerinnen und Einwohnern erhalten keine Werte\(explicitKeys.contains("min_population") && minimumPopulation < Self.defaultMinimumPopulation ? " (in der Spezifikation ausdrücklich von \(Self.defaultMinimumPopulation) gesenkt)" : "").")
            }
            if limit > 0 {
                parts.append("Kleine Fallzahlen: Zähler von 1 bis \(limit) gesperrt. Kleine Nenner: Anteile an 1 bis \(limit) Personen gesperrt. Kleines Komplement: Anteile, bei denen Nenner − Zähler 1 bis \(limit) beträgt, gesperrt.")
            }
            if extremeShareMinimumDenominator > 0 {
                parts.append("Anteile von 0 % oder 100 % an weniger als \(extremeShareMinimumDenominator) Personen gesperrt.")
            }
            parts.append("Sekundäre Sperrung: weitere Werte sind gesperrt, damit gesperrte Werte nicht aus übergeordneten Summen (Baublock → Quartier → Stadtteil → Stadt) errechnet werden können; Anteile, Konfidenzintervalle, Veränderungen und Indexwerte gesperrter Zahlen sind mitgesperrt.")
        } else {
            parts.append("\(marker) = suppressed for statistical confidentiality.")
            if minimumPopulation > 0 {
                parts.append("Minimum population: areas with fewer than \(minimumPopulation) inhabitants get no figures\(explicitKeys.contains("min_population") && minimumPopulation < Self.defaultMinimumPopulation ? " (lowered explicitly by the spec from \(Self.defaultMinimumPopulation))" : "").")
            }
            if limit > 0 {
                parts.append("Small counts: numerators of 1 to \(limit) suppressed. Small denominators: shares of 1 to \(limit) persons suppressed. Small complement: shares where denominator − numerator is 1 to \(limit) suppressed.")
            }
            if extremeShareMinimumDenominator > 0 {
                parts.append("Shares of 0 % or 100 % of fewer than \(extremeShareMinimumDenominator) persons suppressed.")
            }
            parts.append("Secondary suppression: further figures are suppressed so that no suppressed figure can be recomputed from totals of the levels above (block → Quartier → Stadtteil → city); rates, confidence intervals, changes and index values of suppressed counts are suppressed with them.")
        }
        return parts.joined(separator: " ")
    }
}
