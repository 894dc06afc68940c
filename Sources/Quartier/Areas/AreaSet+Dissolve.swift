import QuartierBase
import QuartierGEOS
import QuartierGeometry

extension AreaSet {
    /// The areas of the next level up, formed from these areas by their first parent id column:
    /// one area per distinct parent id, its geometry the union of its children, its parent id (if
    /// `parentColumn` is given) the value of that property on its children.
    ///
    /// The union is GEOS's coverage union (GEOSCoverageUnion_r: children that share edges exactly, as
    /// blocks of one cadastre do, are merged by dropping the shared edges — linear, no overlay), kept
    /// only when the result is valid and its area equals the children's summed area to 10⁻⁹
    /// (relative); otherwise (children that overlap, or edges that do not match vertex for vertex)
    /// the full overlay union (GEOSUnaryUnion_r). Both give the same areas for a clean coverage.
    ///
    /// Planners often have only the lowest level's polygons, with the ids of every level above as
    /// columns (block → `quartier_id`, `stadtteil_id`); this builds the levels above from them.
    /// - Parameters:
    ///   - parentColumn: the property holding the new areas' own parent ids, if they have a parent.
    /// - Throws: `InputError` naming the first child without a parent id, or children of one area
    ///   that disagree on `parentColumn` (the hierarchy is then not nested).
    public func dissolved(parentColumn: String?) throws -> AreaSet {
        var children: [String: [Area]] = [:]
        var order: [String] = []
        for area in areas {
            guard let parent = area.parentIDs.first ?? nil, !parent.isEmpty else {
                throw InputError(location(of: area, field: parentColumns.first), found: "no parent id",
                                 expected: "the id of the area of the level above")
            }
            if children[parent] == nil { order.append(parent) }
            children[parent, default: []].append(area)
        }
        var dissolved: [Area] = []
        for (index, id) in order.sorted().enumerated() {
            let members = children[id]!
            var grandparent: String?
            if let parentColumn {
                for child in members {
                    let value = child.properties.first { $0.name == parentColumn }?.value.text
                    guard let value, !value.isEmpty else {
                        throw InputError(location(of: child, field: parentColumn), found: "no value",
                                         expected: "the id of the area two levels up")
                    }
                    if let grandparent, grandparent != value {
                        throw InputError(location(of: child, field: parentColumn),
                                         found: "\"\(value)\" where other areas of \(id) have \"\(grandparent)\"",
                                         expected: "one \(parentColumn) per \(parentColumns.first ?? "parent") (a nested hierarchy)")
                    }
                    grandparent = value
                }
            }
            let parts = MultiPolygon(members.flatMap(\.geometry.polygons))
            let union = try Self.union(of: parts)
            let geometry = union.areal ?? MultiPolygon.empty
            // Properties the children agree on travel up (so a level two up can be formed too).
            let shared = members[0].properties.filter { property in
                members.allSatisfy { member in member.properties.contains(property) }
            }
            dissolved.append(Area(id: id, name: nil, parentIDs: parentColumn == nil ? [] : [grandparent],
                                  geometry: geometry, properties: shared, featureIndex: index))
        }
        return AreaSet(source: "\(source) dissolved by \(parentColumns.first ?? "parent")", layer: layer, crs: crs,
                       crsSource: crsSource, idColumn: parentColumns.first ?? "parent", nameColumn: nil,
                       parentColumns: parentColumn.map { [$0] } ?? [], areas: dissolved, notes: notes)
    }

    /// The union of a level's children: the coverage union when it checks out, else the overlay union.
    static func union(of parts: MultiPolygon) throws -> Geometry {
        let handle = try GeometryHandle(parts)
        if let coverage = try? handle.coverageUnion(), try coverage.isValid {
            let summed = try parts.polygons.reduce(0.0) { try $0 + GeometryHandle(MultiPolygon([$1])).area }
            let area = try coverage.area
            if abs(area - summed) <= 1e-9 * max(summed, 1) { return try coverage.geometry() }
        }
        return try handle.unaryUnion().geometry()
    }
}
