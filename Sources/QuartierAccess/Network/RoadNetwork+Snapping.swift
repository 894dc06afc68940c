import QuartierGeometry

/// A point's place on the network: an edge, the distance along it from its first vertex, and the
/// straight-line distance from the point to the edge (the snap distance, added to every cost).
public struct NetworkPosition: Sendable, Hashable {
    public var edge: Int32
    public var along: Double
    public var snapDistance: Double

    public init(edge: Int32, along: Double, snapDistance: Double) {
        self.edge = edge
        self.along = along
        self.snapDistance = snapDistance
    }
}

/// A grid of the network's segments, for snapping many points.
/// - Complexity: building O(segments); a query looks at the cells ring by ring until the best distance
///   found is within the rings searched, at most up to the snapping limit.
public struct SegmentIndex: Sendable {
    let network: RoadNetwork
    let cell: Double
    let minX: Double, minY: Double
    let columns: Int, rows: Int
    let offsets: [Int]
    /// Per cell entry: the index into `network.vertices` of the segment's first vertex.
    let segments: [Int32]
    /// Edge of each vertex (the edge whose shape holds it).
    let edgeOfVertex: [Int32]
    /// Distance along the edge at each vertex.
    let alongAtVertex: [Double]

    public init(_ network: RoadNetwork) {
        self.network = network
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in network.vertices { minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y) }
        if network.vertices.isEmpty { minX = 0; minY = 0; maxX = 1; maxY = 1 }
        let segmentCount = max(1, network.vertices.count - network.edges.count)
        // About two segments per cell on average over the bounding box.
        let area = max((maxX - minX) * (maxY - minY), 1e-12)
        var cell = (2 * area / Double(segmentCount)).squareRoot()
        if !(cell > 0) || !cell.isFinite { cell = 1 }
        let columns = min(Int((maxX - minX) / cell) + 1, 1 << 14), rows = min(Int((maxY - minY) / cell) + 1, 1 << 14)
        cell = max((maxX - minX) / Double(columns), (maxY - minY) / Double(rows), cell * 1e-9)
        var edgeOfVertex = [Int32](repeating: 0, count: network.vertices.count)
        var alongAtVertex = [Double](repeating: 0, count: network.vertices.count)
        var cellsOf: [(Int, Int32)] = []
        for e in 0..<network.edges.count {
            let shape = network.shape(e)
            var along = 0.0
            for v in shape.indices {
                edgeOfVertex[v] = Int32(e)
                if v > shape.startIndex {
                    let a = network.vertices[v - 1], b = network.vertices[v]
                    along += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    let c0 = max(0, min(columns - 1, Int((min(a.x, b.x) - minX) / cell))), c1 = max(0, min(columns - 1, Int((max(a.x, b.x) - minX) / cell)))
                    let r0 = max(0, min(rows - 1, Int((min(a.y, b.y) - minY) / cell))), r1 = max(0, min(rows - 1, Int((max(a.y, b.y) - minY) / cell)))
                    for r in r0...r1 { for c in c0...c1 { cellsOf.append((r * columns + c, Int32(v - 1))) } }
                }
                alongAtVertex[v] = along
            }
        }
        var offsets = [Int](repeating: 0, count: columns * rows + 1)
        for (c, _) in cellsOf { offsets[c + 1] += 1 }
        for c in 0..<(columns * rows) { offsets[c + 1] += offsets[c] }
        var next = offsets
        var segments = [Int32](repeating: 0, count: cellsOf.count)
        for (c, s) in cellsOf { segments[next[c]] = s; next[c] += 1 }
        self.cell = cell; self.minX = minX; self.minY = minY; self.columns = columns; self.rows = rows
        self.offsets = offsets; self.segments = segments; self.edgeOfVertex = edgeOfVertex; self.alongAtVertex = alongAtVertex
    }

    /// The nearest place on the network within `limit` (distance <= limit), or nil. Ties go to the
    /// segment with the lower index (deterministic).
    public func snap(_ p: Point, limit: Double) -> NetworkPosition? {
        guard !network.edges.isEmpty, p.x.isFinite, p.y.isFinite else { return nil }
        // Far outside the grid the ring search gives way to a scan (ring > 64); clamp before converting.
        let cx = Int(max(-1e6, min(1e6, ((p.x - minX) / cell).rounded(.down))))
        let cy = Int(max(-1e6, min(1e6, ((p.y - minY) / cell).rounded(.down))))
        var best: (d2: Double, segment: Int32, t: Double) = (.infinity, -1, 0)
        var ring = 0
        let limit2 = limit * limit
        func consider(_ v: Int) {
            let a = network.vertices[v], b = network.vertices[v + 1]
            let dx = b.x - a.x, dy = b.y - a.y
            let len2 = dx * dx + dy * dy
            var t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0
            t = min(1, max(0, t))
            let qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y
            let d2 = qx * qx + qy * qy
            if d2 < best.d2 || (d2 == best.d2 && Int32(v) < best.segment) { best = (d2, Int32(v), t) }
        }
        while true {
            if ring > 64 {
                // Far from the grid (or a very large limit): every segment once, in order.
                best = (.infinity, -1, 0)
                for e in 0..<network.edges.count {
                    let shape = network.shape(e)
                    for v in shape.startIndex..<(shape.endIndex - 1) { consider(v) }
                }
                break
            }
            // Cells at Chebyshev distance `ring` from (cx, cy).
            for r in (cy - ring)...(cy + ring) where r >= 0 && r < rows {
                let edgeRow = r == cy - ring || r == cy + ring
                var c = cx - ring
                while c <= cx + ring {
                    if c >= 0 && c < columns {
                        let k = r * columns + c
                        for s in offsets[k]..<offsets[k + 1] { consider(Int(segments[s])) }
                    }
                    if ring == 0 { break }
                    c += edgeRow ? 1 : 2 * ring
                }
            }
            // Every segment closer than `ring · cell` has been seen once rings 0...ring are done.
            let searched = Double(ring) * cell
            if best.d2 <= searched * searched || searched > limit { break }
            ring += 1
        }
        guard best.segment >= 0, best.d2 <= limit2 else { return nil }
        let v = Int(best.segment)
        let a = network.vertices[v], b = network.vertices[v + 1]
        let seg = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        return NetworkPosition(edge: edgeOfVertex[v], along: alongAtVertex[v] + best.t * seg, snapDistance: best.d2.squareRoot())
    }

    /// The distance to the nearest segment without a limit (for reporting points beyond the limit).
    public func distance(_ p: Point) -> Double? {
        snap(p, limit: .infinity)?.snapDistance
    }
}
