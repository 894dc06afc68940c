import QuartierBase
import QuartierGEOS
import QuartierGeometry

extension ArealInterpolation {
    /// A weight point: an address with its number of dwellings, a person (weight 1), a building.
    public struct WeightPoint: Hashable, Sendable {
        public var location: Point
        public var weight: Double

        public init(_ location: Point, weight: Double = 1) {
            self.location = location
            self.weight = weight
        }
    }

    /// Point-weighted (dasymetric) interpolation: the weight of a source–target pair is the total weight
    /// of the points lying in both, so values follow where people live rather than the area.
    ///
    /// Source: the dasymetric refinement of areal interpolation (Mennis 2003; Goodchild & Lam 1980 for the
    /// allocation). Boundary rule: a point is in the first area (input order) that covers it, so a point
    /// on a shared boundary counts once. Sources without weight points allocate nothing (listed in
    /// `unallocatedSources`; their loss shows in the totals) — use area weights for them if needed.
    /// - Throws: `InputError` for a negative or non-finite weight (naming the point) or unreadable geometry.
    public static func pointWeighted(sources: [Zone], targets: [Zone], points: [WeightPoint], variables: [Variable],
                                     denominator: ExtensiveDenominator = .coveredPart) throws(InputError) -> Result {
        if let bad = points.firstIndex(where: { !($0.weight.isFinite && $0.weight >= 0) }) {
            throw InputError(InputLocation(file: "points", feature: String(bad), field: "weight"), found: "\(points[bad].weight)",
                             expected: "a finite weight ≥ 0")
        }
        let inSource = try locate(points, in: sources, role: "sources")
        let inTarget = try locate(points, in: targets, role: "targets")
        var pairWeights: [Int: Double] = [:]
        var sourceWeights = [Double](repeating: 0, count: sources.count)
        var outside = 0
        for (p, point) in points.enumerated() {
            if let s = inSource[p] { sourceWeights[s] += point.weight }
            guard let s = inSource[p], let t = inTarget[p] else { outside += 1; continue }
            pairWeights[s * targets.count + t, default: 0] += point.weight
        }
        let entries = pairWeights.keys.sorted().compactMap { key -> (source: Int, target: Int, weight: Double)? in
            let w = pairWeights[key]!
            return w > 0 ? (key / targets.count, key % targets.count, w) : nil
        }
        var sourceTotals = [Double](repeating: 0, count: sources.count)
        for e in entries { sourceTotals[e.source] += e.weight }
        let table = WeightTable(sourceCount: sources.count, targetCount: targets.count, entries: entries,
                                sourceTotals: sourceTotals, sourceWeights: sourceWeights)
        var result = try allocate(table, sources: sources, targets: targets, variables: variables, denominator: denominator,
                                  method: "point-weighted (\(points.count) points), extensive denominator: \(denominator == .coveredPart ? "weight of the source's points inside targets (total preserved)" : "weight of all the source's points")")
        if outside > 0 { result.notes.append("\(outside) point(s) lie outside every source or every target and carry no weight") }
        return result
    }

    /// The index of the first zone covering each point (nil outside all), via an STRtree and prepared covers.
    static func locate(_ points: [WeightPoint], in zones: [Zone], role: String) throws(InputError) -> [Int?] {
        let context = GEOSContext.current
        do {
            let boxes = zones.map { $0.geometry.boundingBox ?? BoundingBox(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan) }
            let tree = try STRtree(boxes: boxes)
            var prepared: [Int: PreparedGeometry] = [:]
            var result = [Int?](repeating: nil, count: points.count)
            for (p, point) in points.enumerated() {
                let here = BoundingBox(minX: point.location.x, minY: point.location.y, maxX: point.location.x, maxY: point.location.y)
                let pointHandle = try GeometryHandle(.point(point.location), context: context)
                for z in try tree.query(here, context: context) {
                    if prepared[z] == nil { prepared[z] = try GeometryHandle(zones[z].geometry, context: context).makePrepared() }
                    if try prepared[z]!.covers(pointHandle) { result[p] = z; break }
                }
            }
            return result
        } catch {
            throw InputError(InputLocation(file: role, field: "geometry"), found: "GEOS: \(error.description)", expected: "polygons GEOS can read")
        }
    }
}
