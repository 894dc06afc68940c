import Foundation

/// The union of polygons that form a coverage (they meet only along shared edges, vertex for vertex,
/// as the blocks of one cadastre do), by cancelling the shared edges and tracing what is left.
///
/// Method: every ring is oriented with the interior on its left (exteriors counter-clockwise, holes
/// clockwise) and cut into directed edges; an edge and its reverse cancel (the boundary of the sum
/// of the polygons' indicator functions, as in GEOS's `CoverageUnion`, M. Davis, JTS 1.17 / GEOS 3.8,
/// which drops segments that occur twice and polygonizes the rest). The remaining edges are traced
/// into rings, turning at a node where several meet to the first outgoing edge clockwise from the
/// edge just walked (so polygons that touch at a point stay apart); counter-clockwise rings are
/// exteriors, clockwise ones holes, each hole in the smallest exterior around it. Coordinates are
/// compared exactly; no vertex is moved, added or dropped.
///
/// Valid input is not checked here: polygons that overlap, or that share an edge without sharing its
/// vertices, give rings that cross or run along each other. The result is the union exactly when it
/// is a valid (OGC) multipolygon — then the winding number of its rings, the summed winding numbers
/// of the input, is 0 or 1 everywhere — so a caller checks its validity (GEOS `isValid`) and falls
/// back to an overlay union otherwise. `nil` when the input is visibly not a coverage (an edge
/// twice in one direction, a ring without area, a coordinate that is not finite).
/// - Complexity: O(n log n) for n vertices (hash maps, a sort of the remaining edges).
public enum CoverageUnion {
    public static func union(_ input: MultiPolygon) -> MultiPolygon? {
        var nodes: [Point: Int32] = [:]
        var points: [Point] = []
        func node(_ point: Point) -> Int32 {
            if let id = nodes[point] { return id }
            let id = Int32(points.count)
            nodes[point] = id
            points.append(point)
            return id
        }
        // Net count of each undirected edge (smaller id first): +1 per walk from smaller to larger.
        var net: [UInt64: Int32] = [:]
        for polygon in input.polygons where !polygon.isEmpty {
            for (k, ring) in polygon.rings.enumerated() {
                guard ring.count >= 4 else { return nil }
                for p in ring where !p.x.isFinite || !p.y.isFinite { return nil }
                let area = signedArea(ring)
                guard area != 0 else { return nil }
                let reversed = (k == 0) != (area > 0) // exteriors counter-clockwise, holes clockwise
                var previous = node(reversed ? ring[ring.count - 1] : ring[0])
                for i in 1 ..< ring.count {
                    let current = node(reversed ? ring[ring.count - 1 - i] : ring[i])
                    if current == previous { continue } // a repeated point
                    let (low, high) = previous < current ? (previous, current) : (current, previous)
                    net[UInt64(UInt32(low)) << 32 | UInt64(UInt32(high)), default: 0] += previous < current ? 1 : -1
                    previous = current
                }
            }
        }
        // The edges left, directed; each node's outgoing edges.
        var edges: [(from: Int32, to: Int32)] = []
        for (key, count) in net where count != 0 {
            guard count == 1 || count == -1 else { return nil } // one edge twice in one direction: overlap
            let low = Int32(truncatingIfNeeded: key >> 32), high = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            edges.append(count == 1 ? (low, high) : (high, low))
        }
        guard !edges.isEmpty else { return MultiPolygon.empty }
        edges.sort { $0.from != $1.from ? $0.from < $1.from : $0.to < $1.to } // deterministic, whatever the hash order
        var firstOut = [Int32](repeating: -1, count: points.count + 1)
        for (i, edge) in edges.enumerated().reversed() { firstOut[Int(edge.from)] = Int32(i) }
        var used = [Bool](repeating: false, count: edges.count)

        // Trace rings. A walk that comes back to a node it passed (a hole touching its exterior, an
        // exterior touching itself at a point) is cut there into two rings, as OGC validity wants.
        var exteriors: [(ring: [Point], area: Double)] = []
        var holes: [[Point]] = []
        func emit(_ ids: ArraySlice<Int32>, closingAt last: Int32) -> Bool {
            var ring = ids.map { points[Int($0)] }
            ring.append(points[Int(last)])
            let area = signedArea(ring)
            if area > 0 { exteriors.append((ring, area)) } else if area < 0 { holes.append(ring) } else { return false }
            return true
        }
        for start in edges.indices where !used[start] {
            var walk: [Int32] = [edges[start].from]
            var position: [Int32: Int] = [edges[start].from: 0]
            var current = start
            while true {
                used[current] = true
                let (from, to) = edges[current]
                if let p = position[to] {
                    guard emit(walk[p...], closingAt: to) else { return nil }
                    if p == 0 { break }
                    for n in walk[(p + 1)...] { position[n] = nil }
                    walk.removeSubrange((p + 1)...)
                } else {
                    position[to] = walk.count
                    walk.append(to)
                }
                // The first unused outgoing edge at `to`, clockwise from the way back to `from`.
                var next = -1
                var best = Double.infinity
                let back = angle(points[Int(to)], points[Int(from)])
                var i = Int(firstOut[Int(to)])
                while i >= 0, i < edges.count, edges[i].from == to {
                    if !used[i] {
                        var turn = back - angle(points[Int(to)], points[Int(edges[i].to)])
                        while turn <= 0 { turn += 2 * Double.pi }
                        while turn > 2 * Double.pi { turn -= 2 * Double.pi }
                        if turn < best { best = turn; next = i }
                    }
                    i += 1
                }
                guard next >= 0 else { return nil } // a dangling edge
                current = next
            }
        }
        guard !exteriors.isEmpty else { return nil }

        // Each hole in the smallest exterior around it, tested at the midpoint of its first edge (not a
        // vertex, which it may share with an exterior where they touch).
        var polygons = exteriors.map { Polygon(exterior: $0.ring) }
        for hole in holes {
            var owner = 0
            if exteriors.count > 1 {
                let probe = Point(x: (hole[0].x + hole[1].x) / 2, y: (hole[0].y + hole[1].y) / 2)
                var smallest = Double.infinity
                owner = -1
                for (k, exterior) in exteriors.enumerated() where exterior.area < smallest && contains(exterior.ring, probe) {
                    smallest = exterior.area
                    owner = k
                }
                guard owner >= 0 else { return nil }
            }
            polygons[owner].holes.append(hole)
        }
        return MultiPolygon(polygons)
    }

    /// Twice the signed area would do; this is the area (shoelace): positive counter-clockwise.
    static func signedArea(_ ring: [Point]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        let x0 = ring[0].x, y0 = ring[0].y // relative to the first point: fewer digits lost
        for i in 1 ..< ring.count - 1 {
            sum += (ring[i].x - x0) * (ring[i + 1].y - y0) - (ring[i + 1].x - x0) * (ring[i].y - y0)
        }
        return sum / 2
    }

    @inline(__always)
    static func angle(_ origin: Point, _ target: Point) -> Double { atan2(target.y - origin.y, target.x - origin.x) }

    /// Whether `point` lies inside `ring` (crossing number; a point on the ring counts either way).
    static func contains(_ ring: [Point], _ point: Point) -> Bool {
        var inside = false
        var j = ring.count - 2
        for i in 0 ..< ring.count - 1 {
            let a = ring[i], b = ring[j]
            if (a.y > point.y) != (b.y > point.y), point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }
}
