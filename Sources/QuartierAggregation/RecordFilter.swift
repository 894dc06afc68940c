import QuartierTable

/// The filter of a `count` column: QuartierTable's filter language (`FilterExpression`,
/// docs/expressions.md), the one language of `table scan`, `aggregate` and `run`.
public typealias RecordFilter = FilterExpression

extension FilterExpression {
    /// Parses `source` (`FilterExpression.parse`).
    /// - Throws: `FilterError` with the position and what was expected.
    public init(_ source: String) throws {
        self = try FilterExpression.parse(source)
    }
}
