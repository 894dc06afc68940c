/// Primary suppression by the named rules of ``DisclosureRules``.
///
/// Source: Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley, §4.2 (threshold rule);
/// Statistik der Bundesagentur für Arbeit, "Statistische Geheimhaltung" (values 1 and 2 anonymised;
/// minimum population of areas as in Berlin MSS and Hamburg Sozialmonitoring: 300).
public enum PrimarySuppression {
    /// The reason each cell is suppressed by a rule, or `nil` when the rules let it be published.
    /// The population rule comes first (it suppresses all of an area's cells, large ones too).
    public static func reasons(for table: DisclosureTable, rules: DisclosureRules) -> [SuppressionReason?] {
        table.cells.map { cell in
            if let minimum = rules.minimumPopulation, let population = cell.population, population < minimum {
                return .population
            }
            if cell.value > 0 && cell.value <= rules.smallCountLimit { return .count }
            if cell.value == 0 && rules.suppressZero { return .count }
            return nil
        }
    }

    /// Whether any cell carries a population, i.e. whether the population rule could apply.
    public static func hasPopulation(_ table: DisclosureTable) -> Bool {
        table.cells.contains { $0.population != nil }
    }
}
