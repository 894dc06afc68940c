import Foundation
import QuartierBase

/// A table from a CSV file: header, cells parsed by column, and where every row came from.
///
/// ```swift
/// let table = try Table.read(path: "stadtteilprofile.csv")
/// let population = try table.columnIndex("Bevölkerung")
/// let value = table.cells[0][population].number   // 1675
/// ```
public struct Table: Sendable {
    /// The file, as given.
    public var source: String
    public var dialect: CSVDialect
    /// Column names (trimmed).
    public var header: [String]
    /// `cells[row][column]`.
    public var cells: [[Cell]]
    /// The line each row starts on (1-based, the header is line 1 unless blank lines precede it).
    public var lines: [Int]
    /// What each column holds.
    public var columns: [ColumnSummary]

    public var rowCount: Int { cells.count }

    /// The index of the column `name`.
    /// - Throws: `InputError` listing the columns that exist.
    public func columnIndex(_ name: String) throws -> Int {
        if let index = header.firstIndex(of: name) { return index }
        throw InputError(InputLocation(file: source, line: 1, field: name), found: "no column \"\(InputError.excerpt(name))\"",
                         expected: InputError.expectedColumn(name, header: header))
    }

    /// The number in a cell; nil when absent (missing, suppressed, sentinel).
    /// - Throws: `InputError` naming line, column and field when the cell holds text.
    public func number(row: Int, column: Int) throws -> Double? {
        switch cells[row][column] {
        case .number(let value): return value
        case .missing, .suppressed, .sentinel: return nil
        case .text(let text):
            throw InputError(location(row: row, column: column), found: "\"\(text)\"", expected: "a number")
        }
    }

    /// The text of a cell (numbers as written in the file are not kept: ids are read as text).
    public func text(row: Int, column: Int) -> String? {
        switch cells[row][column] {
        case .text(let text): return text
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .missing, .suppressed, .sentinel: return nil
        }
    }

    /// The place of a cell, for messages.
    public func location(row: Int, column: Int) -> InputLocation {
        InputLocation(file: source, line: lines[row], column: column + 1, field: header[column])
    }
}

/// What a column holds, as `quartier table info` shows it.
public struct ColumnSummary: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case integer, decimal, text, empty
    }

    public var name: String
    public var kind: Kind
    /// The decimal style the column's numbers were read with.
    public var decimalStyle: DecimalStyle
    public var values: Int
    public var missing: Int
    public var suppressed: Int
    public var sentinels: Int
}
