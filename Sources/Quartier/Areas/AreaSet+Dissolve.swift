import Dispatch
import Foundation
import QuartierBase
import QuartierGEOS
import QuartierGeometry
import Synchronization

extension AreaSet {
    /// The areas of the next level up, formed from these areas by their first parent id column:
    /// one area per distinct parent id, its geometry the union of its children, its parent id (if
    /// `parentColumn` is given) the value of that property on its children.
    ///
    /// The union is a coverage union (QuartierGeometry's `CoverageUnion`: children that share edges
    /// exactly, as blocks of one cadastre do, are merged by dropping the shared edges — no overlay),
    /// kept when GEOS finds the result valid, which makes it the union exactly; otherwise (children
    /// that overlap, or edges that do not match vertex for vertex) GEOS's coverage union when valid
    /// with the children's summed area, else the full overlay union (GEOSUnaryUnion_r). Each parent's
    /// union is independent: they are formed on all cores, the result in id order.
    ///
    /// Planners often have only the lowest level's polygons, with the ids of every level above as
    /// columns (block → `quartier_id`, `stadtteil_id`); this builds the levels above from them.
    /// - Parameters:
    ///   - parentColumn: the property holding the new areas' own parent ids, if they have a parent.
    /// - Throws: `InputError` naming the first child without a parent id, or children of one area
    ///   that disagree on `parentColumn` (the hierarchy is then not nested).
    ///   - threads: how many threads form the unions (each parent's union is independent).
    public func dissolved(parentColumn: String?, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> AreaSet {
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
        // Check the hierarchy first (in id order, so that the first error is always the same one).
        let ids = order.sorted()
        var grandparents: [String?] = []
        grandparents.reserveCapacity(ids.count)
        for id in ids {
            var grandparent: String?
            if let parentColumn {
                for child in children[id]! {
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
            grandparents.append(grandparent)
        }
        // The unions, on every core (each parent's union is independent; each thread its own GEOS
        // context); the results in id order whatever the threads' timing.
        let groups = ids.map { children[$0]! }
        let unions = Mutex([Result<MultiPolygon, GEOSError>?](repeating: nil, count: ids.count))
        let workers = max(1, min(threads, ids.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < groups.count {
                let parts = MultiPolygon(groups[i].flatMap(\.geometry.polygons))
                let result = Result { () throws(GEOSError) -> MultiPolygon in try Self.union(of: parts).areal ?? MultiPolygon.empty }
                unions.withLock { $0[i] = result }
                i += workers
            }
        }
        var dissolved: [Area] = []
        dissolved.reserveCapacity(ids.count)
        let results = unions.withLock { $0 }
        for (index, id) in ids.enumerated() {
            let members = groups[index]
            let geometry = try results[index]!.get()
            // Properties the children agree on travel up (so a level two up can be formed too).
            let shared = members[0].properties.filter { property in
                members.allSatisfy { member in member.properties.contains(property) }
            }
            dissolved.append(Area(id: id, name: nil, parentIDs: parentColumn == nil ? [] : [grandparents[index]],
                                  geometry: geometry, properties: shared, featureIndex: index))
        }
        return AreaSet(source: "\(source) dissolved by \(parentColumns.first ?? "parent")", layer: layer, crs: crs,
                       crsSource: crsSource, idColumn: parentColumns.first ?? "parent", nameColumn: nil,
                       parentColumns: parentColumn.map { [$0] } ?? [], areas: dissolved, notes: notes)
    }

    /// The union of a level's children: QuartierGeometry's `CoverageUnion` (shared edges cancelled)
    /// when its result is a valid polygon set (then it is the union exactly); else GEOS's coverage
    /// union when it checks out (valid, and the children's summed area); else the overlay union.
    static func union(of parts: MultiPolygon) throws(GEOSError) -> Geometry {
        if let coverage = CoverageUnion.union(parts), try GeometryHandle(coverage).isValid { return .multiPolygon(coverage) }
        let handle = try GeometryHandle(parts)
        if let coverage = try? handle.coverageUnion(), try coverage.isValid {
            var summed = 0.0
            for polygon in parts.polygons { summed += try GeometryHandle(MultiPolygon([polygon])).area }
            let area = try coverage.area
            if abs(area - summed) <= 1e-9 * max(summed, 1) { return try coverage.geometry() }
        }
        return try handle.unaryUnion().geometry()
    }
}
