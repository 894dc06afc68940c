/// One cell of a table as Quartier reads it: a number, text, or a value that is absent for a
/// stated reason. Absent values are never read as 0.
public enum Cell: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case text(String)
    /// An empty cell.
    case missing
    /// A suppression marker of official statistics (`.`, `-`, `*`, `x`, ...), kept as written.
    case suppressed(String)
    /// A declared sentinel such as `-9999` ("no valid value").
    case sentinel(Double)

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Whether the cell holds no value (missing, suppressed or sentinel).
    public var isAbsent: Bool {
        switch self {
        case .missing, .suppressed, .sentinel: true
        case .number, .text: false
        }
    }

    public var description: String {
        switch self {
        case .number(let value): "\(value)"
        case .text(let text): text
        case .missing: "(empty)"
        case .suppressed(let marker): "(suppressed \(marker))"
        case .sentinel(let value): "(sentinel \(value))"
        }
    }
}

/// The decimal separator of a column's numbers.
public enum DecimalStyle: String, Sendable, Hashable, CustomStringConvertible {
    /// `11.1`, thousands as `1,171` (only inside quotes in a comma-separated file) or `1 171`.
    case point
    /// `11,1`, thousands as `1.171` or `1 171` (German official statistics).
    case comma

    public var description: String { self == .point ? "decimal point" : "decimal comma" }
}
