import QuartierBase
import QuartierTable

extension Table {
    /// The number in an indicator cell of area `area`; nil when absent (missing, suppressed, sentinel).
    ///
    /// A column with one non-numeric cell is read as text as a whole, so text cells are parsed again
    /// with the column's decimal style before they count as bad.
    /// - Throws: `InputError` naming the file, line, column, field and the area for a cell that is no number.
    public func areaNumber(row: Int, column: Int, area: String) throws -> Double? {
        switch cells[row][column] {
        case .number(let value): return value
        case .missing, .suppressed, .sentinel: return nil
        case .text(let text):
            if let value = NumberParser.parse(text, style: columns[column].decimalStyle) { return value }
            throw InputError(location(row: row, column: column), found: "\"\(text)\" for area \(area)", expected: "a number")
        }
    }
}
