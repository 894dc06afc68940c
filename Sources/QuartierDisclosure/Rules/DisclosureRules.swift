/// The named rules of disclosure control for one table.
///
/// Defaults follow German practice: areas under 300 inhabitants get no figures (Berlin MSS, Hamburg
/// Sozialmonitoring), counts 1 and 2 are suppressed (Statistik der Bundesagentur für Arbeit,
/// "Geheimhaltung": "Zahlenwerte von 1 oder 2 … werden anonymisiert"), 0 is published.
public struct DisclosureRules: Sendable, Hashable {
    /// Areas whose population is below this get every cell suppressed (rule `population`); `nil` = off.
    /// Applied only where the table gives populations.
    public var minimumPopulation: Double?
    /// Counts 1 … `smallCountLimit` are suppressed (rule `count`); e.g. 2 for social data, up to 5 for health data.
    public var smallCountLimit: Double
    /// Whether a count of 0 is suppressed too (rule `count`); off in BA practice.
    public var suppressZero: Bool
    /// How wide the attacker's interval around each suppressed cell must stay.
    public var protection: ProtectionLevels
    /// What secondary suppression minimises.
    public var cost: SuppressionCost
    /// Round published counts to a multiple of this after suppression; `nil` = no rounding.
    public var roundingBase: Double?
    /// The text written for a suppressed cell (never 0 or empty).
    public var marker: String

    public init(
        minimumPopulation: Double? = 300,
        smallCountLimit: Double = 2,
        suppressZero: Bool = false,
        protection: ProtectionLevels = ProtectionLevels(),
        cost: SuppressionCost = .cells,
        roundingBase: Double? = nil,
        marker: String = "."
    ) {
        self.minimumPopulation = minimumPopulation
        self.smallCountLimit = smallCountLimit
        self.suppressZero = suppressZero
        self.protection = protection
        self.cost = cost
        self.roundingBase = roundingBase
        self.marker = marker
    }
}

/// Protection levels (Hundepool et al. 2012, §4.2.3 "protection levels"; Fischetti & Salazar-González 2000):
/// an attacker's lower bound of a suppressed cell with value x must be at most x − lower (but never needs to go
/// below 0, since counts are ≥ 0), the upper bound at least x + upper. Each level is the larger of the absolute
/// amount and `relative` × x.
public struct ProtectionLevels: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    /// A fraction of the cell value (0.1 = 10 %); 0 = only the absolute levels.
    public var relative: Double

    /// The defaults (lower 1, upper 1) leave an attacker unable to pin any primary cell: its interval reaches
    /// at least one below (a count of 1: down to 0, so even presence is uncertain) and one above. Stricter
    /// levels cost more cells (see the README's figures).
    public init(lower: Double = 1, upper: Double = 1, relative: Double = 0) {
        self.lower = lower
        self.upper = upper
        self.relative = relative
    }

    /// How far below `value` the attacker's lower bound must reach (capped at `value`).
    public func lowerAmount(for value: Double) -> Double { min(value, max(lower, relative * value)) }

    /// How far above `value` the attacker's upper bound must reach.
    public func upperAmount(for value: Double) -> Double { max(upper, relative * value) }
}

/// The information loss that secondary suppression minimises (tau-Argus "cost function").
public enum SuppressionCost: String, Sendable, Hashable, CaseIterable {
    /// Each suppressed cell costs 1 (tau-Argus "unity"): fewest cells.
    case cells
    /// Each suppressed cell costs its value + 1 (tau-Argus "cell value"; the 1 keeps a 0 from being free):
    /// least suppressed total.
    case value

    func weight(of value: Double) -> Double {
        switch self {
        case .cells: return 1 + 0.01 / (1 + value)
        case .value: return value + 1
        }
    }
}

/// The publication status of a cell.
public enum CellStatus: String, Sendable, Hashable, CaseIterable {
    case published
    /// Suppressed by a rule (see ``SuppressionReason``).
    case primary
    /// Suppressed so that a primary cell cannot be recomputed.
    case secondary

    public var isSuppressed: Bool { self != .published }
}

/// The rule that suppressed a cell.
public enum SuppressionReason: String, Sendable, Hashable, CaseIterable {
    /// Its area's population is below the minimum.
    case population
    /// Its count is small (1 … limit, or 0 when zeros are suppressed).
    case count
    /// Secondary suppression.
    case secondary
}
