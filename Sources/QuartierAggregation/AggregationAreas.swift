import QuartierBase
import QuartierGeometry

/// The areas of an aggregation: ids (as read, under the id column's name), geometries and CRS,
/// sorted by id (numerically when every id is an integer, else by the id's text).
public struct AggregationAreas: Sendable {
    /// The id column's name (the first column of the output).
    public var idColumn: String
    /// The ids as text, as they are written.
    public var ids: [String]
    public var geometries: [MultiPolygon]
    public var crs: CRS?

    /// Sorts the areas by id; refuses duplicate ids, empty geometries and vertices the locator cannot
    /// answer for (`AreaLocator.check`).
    /// - Throws: `InputError` naming the duplicated id, or the area and its vertex.
    public init(idColumn: String, ids: [String], geometries: [MultiPolygon], crs: CRS?, source: String) throws {
        precondition(ids.count == geometries.count)
        try AreaLocator.check(geometries, ids: ids, idColumn: idColumn, source: source)
        let numeric = ids.map { Int64($0) }
        let allNumeric = numeric.allSatisfy { $0 != nil }
        let order = ids.indices.sorted { a, b in
            allNumeric ? numeric[a]! < numeric[b]! : Array(ids[a].utf8).lexicographicallyPrecedes(Array(ids[b].utf8))
        }
        for (a, b) in zip(order, order.dropFirst()) where ids[a] == ids[b] || (allNumeric && numeric[a] == numeric[b]) {
            throw InputError(InputLocation(file: source, feature: ids[b], field: idColumn), found: "the id \(ids[b]) twice",
                             expected: "a unique id per area")
        }
        self.idColumn = idColumn
        self.ids = order.map { ids[$0] }
        self.geometries = order.map { geometries[$0] }
        self.crs = crs
    }

    public var count: Int { ids.count }
}
