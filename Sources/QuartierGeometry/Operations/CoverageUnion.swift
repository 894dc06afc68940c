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
        let vertexCount = input.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } }
        var nodes = PointIDs(capacity: vertexCount)
        var points: [Point] = []
        points.reserveCapacity(vertexCount)
        func node(_ point: Point) -> Int32 {
            let (id, isNew) = nodes.id(of: point, next: Int32(points.count))
            if isNew { points.append(point) }
            return id
        }
        // Net count of each undirected edge (smaller id first): +1 per walk from smaller to larger.
        var net = EdgeCounts(capacity: vertexCount)
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
                    net.add(UInt64(UInt32(low)) << 32 | UInt64(UInt32(high)), previous < current ? 1 : -1)
                    previous = current
                }
            }
        }
        // The edges left, directed; each node's outgoing edges.
        var edges: [(from: Int32, to: Int32)] = []
        for (key, count) in net.entries where count != 0 {
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
        // Each node's position in the current walk (-1: not on it); reset after each walk.
        var position = [Int](repeating: -1, count: points.count)
        for start in edges.indices where !used[start] {
            var walk: [Int32] = [edges[start].from]
            position[Int(edges[start].from)] = 0
            var current = start
            while true {
                used[current] = true
                let (from, to) = edges[current]
                let p = position[Int(to)]
                if p >= 0 {
                    guard emit(walk[p...], closingAt: to) else { return nil }
                    if p == 0 { break }
                    for n in walk[(p + 1)...] { position[Int(n)] = -1 }
                    walk.removeSubrange((p + 1)...)
                } else {
                    position[Int(to)] = walk.count
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
            for n in walk { position[Int(n)] = -1 }
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

/// The union's vertex ids: open addressing with linear probing on the coordinates' bits (the
/// standard library's Dictionary hashes every key with SipHash, which was most of a union's time).
/// 0.0 and -0.0 are one vertex, as `Point`'s equality has them.
private struct PointIDs {
    private var xs: [UInt64]
    private var ys: [UInt64]
    private var ids: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity + 1 { size <<= 1 }
        xs = [UInt64](repeating: 0, count: size)
        ys = [UInt64](repeating: 0, count: size)
        ids = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The id of `point`, or `next` (then `isNew`) when it is new.
    mutating func id(of point: Point, next: Int32) -> (id: Int32, isNew: Bool) {
        let x = point.x == 0 ? 0 : point.x.bitPattern, y = point.y == 0 ? 0 : point.y.bitPattern
        var hash = (x &* 0x9E37_79B9_7F4A_7C15) ^ (y &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 29
        var slot = Int(truncatingIfNeeded: hash) & mask
        while ids[slot] >= 0 {
            if xs[slot] == x && ys[slot] == y { return (ids[slot], false) }
            slot = (slot + 1) & mask
        }
        xs[slot] = x
        ys[slot] = y
        ids[slot] = next
        return (next, true)
    }
}

/// The union's net count per undirected edge key (open addressing, linear probing; `UInt64.max`
/// marks a free slot: a key of two 31-bit ids never is).
private struct EdgeCounts {
    private var keys: [UInt64]
    private var counts: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity + 1 { size <<= 1 }
        keys = [UInt64](repeating: .max, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func add(_ key: UInt64, _ delta: Int32) {
        var hash = key &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
        var slot = Int(truncatingIfNeeded: hash) & mask
        while keys[slot] != .max && keys[slot] != key { slot = (slot + 1) & mask }
        keys[slot] = key
        counts[slot] += delta
    }

    /// The edges' keys and net counts (in slot order).
    var entries: [(key: UInt64, count: Int32)] {
        keys.indices.compactMap { keys[$0] == .max ? nil : (keys[$0], counts[$0]) }
    }
}
