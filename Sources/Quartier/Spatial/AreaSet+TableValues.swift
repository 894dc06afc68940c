import QuartierBase
import QuartierTable
import QuartierGeometry

extension AreaSet {
    /// The numeric column `field` of a table, joined to the areas by id (`idColumn` of the table against
    /// the areas' ids, compared as text, so "01100101" keeps its leading zero).
    ///
    /// Areas without a row, and rows whose cell is missing, suppressed or a sentinel, give nil.
    /// - Returns: one value per area, and the table ids that match no area (reported, not dropped silently).
    /// - Throws: `InputError` for an unknown column, a repeated id (naming both lines) or a text cell.
    public func numbers(from table: Table, idColumn: String, field: String) throws -> (values: [Double?], unmatched: [String]) {
        let idIndex = try table.columnIndex(idColumn)
        let valueIndex = try table.columnIndex(field)
        var byID: [String: (row: Int, value: Double?)] = [:]
        for row in 0..<table.rowCount {
            guard let id = table.text(row: row, column: idIndex) else { continue }
            if let previous = byID[id] {
                throw InputError(table.location(row: row, column: idIndex), found: "id \(id) again (first on line \(table.lines[previous.row]))",
                                 expected: "one row per area")
            }
            byID[id] = (row, try table.number(row: row, column: valueIndex))
        }
        let areaIDs = Set(areas.map(\.id))
        let unmatched = byID.keys.filter { !areaIDs.contains($0) }.sorted()
        return (areas.map { byID[$0.id]?.value ?? nil }, unmatched)
    }

    /// A copy whose areas carry `values` as the property `field` (replacing one of that name).
    public func withProperty(_ field: String, values: [Double?]) -> AreaSet {
        var copy = self
        for i in copy.areas.indices {
            copy.areas[i].properties.removeAll { $0.name == field }
            copy.areas[i].properties.append(Property(field, values[i].map { .number($0) } ?? .null))
        }
        return copy
    }
}
