import QuartierGeometry

/// Simplifies a polygon coverage for display without opening gaps between neighbours.
///
/// Method (the TopoJSON approach, M. Bostock, topojson-server `extract`/`join`/`cut`/`dedup`):
/// 1. a vertex is a junction when it is seen with different neighbouring vertices in different rings
///    (neighbours of a coverage share identical vertex runs along their common edge);
/// 2. every ring is cut at its junctions into arcs, and identical arcs (in either direction) are kept once;
/// 3. each arc is simplified once with Douglas–Peucker (Douglas & Peucker 1973, *Cartographica* 10(2))
///    keeping its end points, so junctions never move;
/// 4. rings are rebuilt from their simplified arcs: neighbours use the same points, so no gap or overlap.
/// Rings without a junction (islands, enclaves) are one closed arc starting at their smallest vertex.
/// Hand-written because GEOS 3.11 has no coverage simplification (`GEOSCoverageSimplifyVW` is 3.12).
public struct CoverageSimplifier: Sendable {
    /// Douglas–Peucker tolerance in the coverage's units.
    public var tolerance: Double

    public init(tolerance: Double) {
        self.tolerance = tolerance
    }

    /// The simplified coverage: per input geometry its polygons as closed rings (exterior first),
    /// the neighbours (areas sharing an arc) and the vertex counts before and after.
    public struct Result: Sendable {
        public var geometries: [[[[Point]]]]
        /// For each input index, the indices of the areas sharing an edge with it, ascending.
        public var neighbours: [[Int]]
        public var verticesBefore: Int
        public var verticesAfter: Int
        public var arcCount: Int
        /// The simplified arcs, each stored once (TopoJSON `arcs`), for encoders that keep the topology.
        public var arcs: [[Point]] = []
        /// Per kept ring: its area, polygon and ring index (0 = exterior) and its arcs in order, each as
        /// TopoJSON writes a reference: `i` forward, `~i` (−i − 1) reversed.
        public var ringArcs: [(area: Int, polygon: Int, ring: Int, arcs: [Int])] = []
    }

    struct Arc { var points: [Point]; var users: Set<Int> }

    /// Simplifies `geometries` (one per area) as one coverage.
    /// - Complexity: O(n log n) in the number of vertices n (Douglas–Peucker's expected case).
    public func simplify(_ geometries: [MultiPolygon]) -> Result {
        // Open rings (without the closing point) of every area.
        var rings: [(area: Int, polygon: Int, ring: Int, points: [Point])] = []
        var before = 0
        for (areaIndex, geometry) in geometries.enumerated() {
            for (polygonIndex, polygon) in geometry.polygons.enumerated() {
                for (ringIndex, ring) in polygon.rings.enumerated() {
                    before += ring.count
                    var open = ring
                    if open.count > 1 && open.first == open.last { open.removeLast() }
                    var cleaned: [Point] = []
                    cleaned.reserveCapacity(open.count)
                    for point in open where cleaned.last != point { cleaned.append(point) }
                    while cleaned.count > 1 && cleaned.first == cleaned.last { cleaned.removeLast() }
                    if cleaned.count >= 3 { rings.append((areaIndex, polygonIndex, ringIndex, cleaned)) }
                }
            }
        }
        // 1. Junctions.
        var seen: [Point: (Point, Point)] = [:]
        var junctions = Set<Point>()
        for ring in rings {
            let points = ring.points
            let n = points.count
            for i in 0..<n {
                let p = points[i], previous = points[(i + n - 1) % n], next = points[(i + 1) % n]
                if let known = seen[p] {
                    if !((known.0 == previous && known.1 == next) || (known.0 == next && known.1 == previous)) {
                        junctions.insert(p)
                    }
                } else {
                    seen[p] = (previous, next)
                }
            }
        }
        // 2. Cut into arcs and deduplicate.
        var arcIndex: [[Point]: Int] = [:]
        var arcs: [Arc] = []
        var ringArcs: [[(arc: Int, reversed: Bool)]] = []
        for ring in rings {
            var points = ring.points
            let n = points.count
            var start = points.firstIndex(where: junctions.contains)
            if start == nil {
                start = points.indices.min { less(points[$0], points[$1]) }
            }
            points = Array(points[start!...] + points[..<start!])
            points.append(points[0])
            var pieces: [[Point]] = []
            var current: [Point] = [points[0]]
            for i in 1...n {
                current.append(points[i])
                if i == n || junctions.contains(points[i]) {
                    pieces.append(current)
                    current = [points[i]]
                }
            }
            var refs: [(Int, Bool)] = []
            for piece in pieces {
                let reversed = Array(piece.reversed())
                let forward = canonicalIsForward(piece)
                let key = forward ? piece : reversed
                if let index = arcIndex[key] {
                    arcs[index].users.insert(ring.area)
                    refs.append((index, !forward))
                } else {
                    arcIndex[key] = arcs.count
                    arcs.append(Arc(points: key, users: [ring.area]))
                    refs.append((arcs.count - 1, !forward))
                }
            }
            ringArcs.append(refs)
        }
        // 3. Simplify each arc once.
        let simplified = arcs.map { simplifyArc($0.points) }
        // 4. Rebuild rings.
        var output: [[[[Point]]]] = geometries.map { $0.polygons.map { _ in [] } }
        var after = 0
        var keptRings: [(area: Int, polygon: Int, ring: Int, arcs: [Int])] = []
        for (ringNumber, ring) in rings.enumerated() {
            var points: [Point] = []
            for ref in ringArcs[ringNumber] {
                let arc = ref.reversed ? Array(simplified[ref.arc].reversed()) : simplified[ref.arc]
                for point in arc where points.last != point { points.append(point) }
            }
            if points.first != points.last, let first = points.first { points.append(first) }
            guard points.count >= 4 else { continue }
            keptRings.append((ring.area, ring.polygon, ring.ring, ringArcs[ringNumber].map { $0.reversed ? ~$0.arc : $0.arc }))
            after += points.count
            if ring.ring == 0 {
                output[ring.area][ring.polygon].insert(points, at: 0)
            } else {
                output[ring.area][ring.polygon].append(points)
            }
        }
        var neighbourSets = Array(repeating: Set<Int>(), count: geometries.count)
        for arc in arcs where arc.users.count > 1 {
            for a in arc.users { for b in arc.users where a != b { neighbourSets[a].insert(b) } }
        }
        return Result(geometries: output, neighbours: neighbourSets.map { $0.sorted() },
                      verticesBefore: before, verticesAfter: after, arcCount: arcs.count,
                      arcs: simplified, ringArcs: keptRings)
    }

    func less(_ a: Point, _ b: Point) -> Bool { a.x < b.x || (a.x == b.x && a.y < b.y) }

    /// Whether the arc's canonical orientation is the given one (first point < last point; closed
    /// arcs compare their second and second-to-last points).
    func canonicalIsForward(_ arc: [Point]) -> Bool {
        if arc.first! != arc.last! { return less(arc.first!, arc.last!) }
        guard arc.count > 2 else { return true }
        return !less(arc[arc.count - 2], arc[1])
    }

    func simplifyArc(_ points: [Point]) -> [Point] {
        guard points.count > 2 else { return points }
        if points.first == points.last {
            // Closed: split at the point farthest from the start so the loop keeps an area.
            var far = 1
            var best = -1.0
            for i in 1..<(points.count - 1) {
                let d = squaredDistance(points[i], points[0])
                if d > best { best = d; far = i }
            }
            let first = douglasPeucker(Array(points[...far]))
            let second = douglasPeucker(Array(points[far...]))
            var loop = first + second.dropFirst()
            if loop.count < 4 {
                // Keep a triangle: add the point farthest from the chord.
                loop = Array(points[...far].prefix(1)) + [points[max(1, far / 2)], points[far]] + [points[0]]
            }
            return loop
        }
        return douglasPeucker(points)
    }

    /// Douglas–Peucker with an explicit stack (no recursion depth limit); keeps both end points.
    func douglasPeucker(_ points: [Point]) -> [Point] {
        guard points.count > 2 else { return points }
        var keep = Array(repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        let limit = tolerance * tolerance
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var index = first
            var maximum = -1.0
            for i in (first + 1)..<last {
                let d = segmentDistanceSquared(points[i], points[first], points[last])
                if d > maximum { maximum = d; index = i }
            }
            if maximum > limit {
                keep[index] = true
                stack.append((first, index))
                stack.append((index, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    func squaredDistance(_ a: Point, _ b: Point) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    func segmentDistanceSquared(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return squaredDistance(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        return squaredDistance(p, Point(x: a.x + t * dx, y: a.y + t * dy))
    }
}
