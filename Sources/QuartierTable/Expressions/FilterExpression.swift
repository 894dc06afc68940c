/// A record filter such as `age < 15 and sgb2 == 1`, as `--count NAME=FILTER` takes it.
///
/// Grammar (keywords case-insensitive; spaces between tokens are free):
///
///     filter     := or
///     or         := and ( "or" and )*
///     and        := unary ( "and" unary )*
///     unary      := "not" unary | "(" or ")" | comparison
///     comparison := operand op operand
///                 | operand "in" number ".." number       (both ends included)
///     op         := "<" | "<=" | ">" | ">=" | "==" | "!=" | "="   ("=" means "==")
///     operand    := number | field | text
///     text       := '"' any text but '"' '"' | "'" any text but "'" "'"   (with == and != only)
///     number     := "-"? digits ( "." digits )? ( ("e" | "E") ("+" | "-")? digits )?
///     field      := letter ( letter | digit | "_" )*     (letters include ä, ö, ü, ß, ...)
///                 | "`" any text but "`" "`"              (a column name with spaces or signs)
///
/// `and` binds tighter than `or`; `not` tighter than both; `age in 0..14` is
/// `age >= 0 and age <= 14`.
///
/// Missing values (an empty cell, a suppression marker, a sentinel; NaN in the evaluator) follow
/// SQL's NULL (ISO/IEC 9075, three-valued logic after Kleene): a comparison with a missing value is
/// *unknown*; `not unknown` is unknown; `false and unknown` is false, `true or unknown` is true, and
/// other combinations with unknown are unknown. A record counts only when the whole filter is true,
/// so a comparison with a missing value acts as false — also under `not`: a person with a missing
/// age is counted neither by `age < 15` nor by `not (age < 15)`.
///
/// ```swift
/// let filter = try FilterExpression.parse("age >= 15 and age < 65 or not (sgb2 == 0)")
/// let compiled = try filter.compile(header: ["id", "x", "y", "hh_id", "age", "sgb2"])
/// compiled.evaluate([1, 0, 0, 7, 40, 0])   // true
/// ```
public indirect enum FilterExpression: Sendable, Hashable, CustomStringConvertible {
    case comparison(FilterOperand, FilterComparison, FilterOperand)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)

    /// The fields the filter reads, in order of first appearance.
    public var fieldNames: [String] {
        var names: [String] = []
        func visit(_ expression: FilterExpression) {
            switch expression {
            case let .comparison(left, _, right):
                for case let .field(name, _) in [left, right] where !names.contains(name) { names.append(name) }
            case let .and(a, b), let .or(a, b):
                visit(a)
                visit(b)
            case let .not(a):
                visit(a)
            }
        }
        visit(self)
        return names
    }

    /// A fully parenthesised form (for messages and tests).
    public var description: String {
        switch self {
        case let .comparison(left, op, right): "\(left) \(op.rawValue) \(right)"
        case let .and(a, b): "(\(a) and \(b))"
        case let .or(a, b): "(\(a) or \(b))"
        case let .not(a): "not (\(a))"
        }
    }
}

/// One side of a comparison.
public enum FilterOperand: Sendable, Hashable, CustomStringConvertible {
    /// A field name and its position (1-based character) in the filter text.
    case field(String, position: Int)
    case number(Double)
    /// A text in quotes (`"A"` or `'A'`), compared with a field's text by `==` and `!=` only.
    case text(String)

    public var description: String {
        switch self {
        case let .field(name, _):
            // Bare only where the parser reads it back as the same field: a letter or `_` first, then
            // letters, digits and `_`, and no keyword; else in backticks.
            Self.isBareField(name) ? name : "`\(name)`"
        case let .number(value):
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case let .text(text):
            // A text never holds both quote signs (the parser has no escapes), so one of them encloses it.
            text.contains("\"") ? "'\(text)'" : "\"\(text)\""
        }
    }

    /// Whether `c` begins with a combining mark (general category Mn, Mc or Me).
    static func startsWithMark(_ c: Character) -> Bool {
        switch c.unicodeScalars.first!.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    static func isBareField(_ name: String) -> Bool {
        guard let first = name.first, (first.isLetter && !startsWithMark(first)) || first == "_" else { return false }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        return !["and", "or", "not", "in"].contains(name.lowercased())
    }
}

/// A numeric comparison.
public enum FilterComparison: String, Sendable, Hashable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    /// `a op b` ⇔ `b mirrored a`.
    public var mirrored: FilterComparison {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .equal, .notEqual: self
        }
    }

    @inlinable
    public func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .equal: a == b
        case .notEqual: a != b
        }
    }
}

/// A filter that cannot be parsed or compiled, with the position (1-based character) in its text.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The filter text.
    public var filter: String
    public var position: Int
    /// What the parser expected, e.g. "a number or field name".
    public var expected: String
    /// What it found, e.g. "end of input", "'<'", "field \"agee\"".
    public var found: String
    /// The count's name when the filter came as `NAME=FILTER`.
    public var name: String?

    public init(filter: String, position: Int, expected: String, found: String, name: String? = nil) {
        self.name = name
        self.filter = filter
        self.position = position
        self.expected = expected
        self.found = found
    }

    /// `kinder='age < ': position 7: expected a number or field name, found end of input`
    /// (without `kinder=` when the filter has no name).
    public var description: String { "\(name.map { "\($0)=" } ?? "")'\(filter)': \(message)" }

    /// `position 7: expected a number or field name, found end of input`.
    public var message: String { "position \(position): expected \(expected), found \(found)" }
}
