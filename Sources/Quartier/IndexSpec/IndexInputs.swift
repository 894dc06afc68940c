import Foundation
import QuartierBase
import QuartierMethods
import QuartierTable

/// The values an index is computed from, read and checked from a table (everything that can fail on
/// bad input happens here, so that `IndexComputation` only computes).
public struct IndexInputs: Sendable {
    public var ids: [String]
    /// The validity text of each row ("" without a validity filter).
    public var validityText: [String]
    public var valid: [Bool]
    /// Indicator values (indicator-major); nil = absent (missing, suppressed, sentinel).
    public var values: [[Double?]]
    /// Population weights (Carstairs).
    public var population: [Double?]

    /// Reads the spec's columns from a table.
    /// - Throws: `InputError` for a column the table lacks (listing the columns it has), a non-numeric
    ///   indicator cell (naming the area, line and column), an empty or duplicate area id.
    public init(spec: IndexSpec, table: Table) throws {
        let idColumn = try table.columnIndex(spec.id)
        let columns = try spec.indicators.map { try table.columnIndex($0.column) }
        let validityColumn = try spec.validity.map { try table.columnIndex($0.column) }
        let populationColumn = try spec.population.map { try table.columnIndex($0) }
        var ids: [String] = [], firstLine: [String: Int] = [:]
        ids.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            guard let id = table.text(row: row, column: idColumn), !id.isEmpty else {
                throw InputError(table.location(row: row, column: idColumn), found: "an empty id", expected: "an area id")
            }
            if let line = firstLine[id] {
                throw InputError(table.location(row: row, column: idColumn), found: "duplicate area id \"\(id)\" (first on line \(line))",
                                 expected: "one row per area")
            }
            firstLine[id] = table.lines[row]
            ids.append(id)
        }
        func number(_ row: Int, _ column: Int) throws -> Double? { try table.areaNumber(row: row, column: column, area: ids[row]) }
        self.ids = ids
        values = try columns.map { column in try (0..<table.rowCount).map { try number($0, column) } }
        population = try populationColumn.map { column in try (0..<table.rowCount).map { try number($0, column) } }
            ?? Array(repeating: nil, count: table.rowCount)
        if let validityColumn, let accepted = spec.validity?.valid {
            validityText = (0..<table.rowCount).map { table.text(row: $0, column: validityColumn) ?? "" }
            valid = validityText.map { accepted.contains($0) }
        } else {
            validityText = Array(repeating: "", count: table.rowCount)
            valid = Array(repeating: true, count: table.rowCount)
        }
    }

    /// Reads the spec's input table (`input`, else the spec's own `input` relative to the spec file).
    public static func read(spec: IndexSpec, specPath: String, input: String?) throws -> (IndexInputs, path: String) {
        guard let path = input ?? spec.input.map({ URL(fileURLWithPath: specPath).deletingLastPathComponent().appendingPathComponent($0).path }) else {
            throw InputError(InputLocation(file: specPath, field: "input"), found: "no input", expected: "`input` in the spec or --input")
        }
        var textColumns: Set<String> = [spec.id]
        if let validity = spec.validity { textColumns.insert(validity.column) }
        let options = TableOptions(sentinels: spec.sentinels.map { ["*": $0] } ?? [:], textColumns: textColumns)
        let table = try Table.read(path: path, options: options)
        return (try IndexInputs(spec: spec, table: table), path)
    }
}
