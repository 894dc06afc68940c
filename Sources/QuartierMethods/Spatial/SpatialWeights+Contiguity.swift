import QuartierGeometry

extension SpatialWeights {
    /// Contiguity weights from area polygons.
    ///
    /// Without `snap`, queen neighbours share a vertex with exactly equal coordinates and rook
    /// neighbours share an edge, a pair of consecutive vertices (in either direction) — the rule of
    /// libpysal's `Queen`/`Rook.from_dataframe` (its `ContiguityWeightsLists`), which this reproduces.
    /// The vertices are hashed (sorted) rather than the polygons compared pairwise. With `snap`, a vertex
    /// within that distance of another area's vertex counts as shared (spdep's `poly2nb(snap =)`;
    /// Bivand, Pebesma & Gómez-Rubio 2013, ch. 9), so areas separated by a digitising sliver or gap are
    /// still neighbours; the vertices are put in a grid of cell size `snap` and only the 3×3 cells around
    /// each vertex are searched. All rings count (exteriors, holes, every part of a multipolygon).
    ///
    /// - Parameters:
    ///   - polygons: one (multi)polygon per area, in a projected CRS when `snap` is given (metres).
    ///   - ids: the area ids, parallel to `polygons`.
    ///   - rule: queen (shared point) or rook (shared edge of positive length).
    ///   - snap: the snapping distance in CRS units; nil for exact coordinate matches.
    ///   - transform: binary or row-standardised weights.
    /// - Throws: `SpatialError` when the counts differ, ids repeat, or `snap` is negative or not finite.
    /// - Complexity: O(V log V) for V vertices (plus the pairs found).
    public static func contiguity(_ polygons: [MultiPolygon], ids: [String], rule: ContiguityRule, snap: Double? = nil,
                                  transform: WeightsTransform = .binary) throws(SpatialError) -> SpatialWeights {
        guard polygons.count == ids.count else {
            throw SpatialError("\(polygons.count) polygons but \(ids.count) ids: expected one id per polygon")
        }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw SpatialError("area id \"\(id)\" occurs more than once: expected unique ids")
        }
        if let snap, !(snap.isFinite && snap >= 0) {
            throw SpatialError("snapping distance \(snap): expected a finite number ≥ 0")
        }
        let pairs: [UInt64]
        if let snap, snap > 0 {
            pairs = snappedPairs(polygons, rule: rule, distance: snap)
        } else {
            pairs = rule == .queen ? sharedVertexPairs(polygons) : sharedEdgePairs(polygons)
        }
        var neighbours = [[Int]](repeating: [], count: polygons.count)
        for pair in pairs {
            let a = Int(pair >> 32), b = Int(pair & 0xFFFF_FFFF)
            neighbours[a].append(b)
            neighbours[b].append(a)
        }
        for i in neighbours.indices { neighbours[i].sort() }
        return SpatialWeights(ids: ids, neighbours: neighbours, transform: transform)
    }

    /// Sorted unique pairs (a < b, packed a << 32 | b) from runs of equal keys.
    private static func pairsFromRuns(_ count: Int, sameKey: (Int, Int) -> Bool, owner: (Int) -> Int32) -> [UInt64] {
        var pairs: [UInt64] = []
        var start = 0
        var owners: [Int32] = []
        while start < count {
            var end = start + 1
            while end < count && sameKey(start, end) { end += 1 }
            if end - start > 1 {
                owners.removeAll(keepingCapacity: true)
                for t in start..<end where owners.last != owner(t) { owners.append(owner(t)) }
                if owners.count > 1 {
                    for a in 0..<owners.count { for b in (a + 1)..<owners.count {
                        pairs.append(UInt64(owners[a]) << 32 | UInt64(owners[b]))
                    } }
                }
            }
            start = end
        }
        pairs.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(pairs.count)
        for p in pairs where unique.last != p { unique.append(p) }
        return unique
    }

    private struct Vertex {
        var x: Double
        var y: Double
        var owner: Int32
    }

    private static func sharedVertexPairs(_ polygons: [MultiPolygon]) -> [UInt64] {
        var vertices: [Vertex] = []
        vertices.reserveCapacity(polygons.reduce(0) { $0 + $1.pointCount })
        for (index, multi) in polygons.enumerated() {
            for polygon in multi.polygons { for ring in polygon.rings { for p in ring {
                // + 0 turns −0.0 into 0.0, equal as coordinates.
                vertices.append(Vertex(x: p.x + 0, y: p.y + 0, owner: Int32(index)))
            } } }
        }
        vertices.sort { ($0.x, $0.y, $0.owner) < ($1.x, $1.y, $1.owner) }
        return vertices.withUnsafeBufferPointer { v in
            pairsFromRuns(v.count, sameKey: { v[$0].x == v[$1].x && v[$0].y == v[$1].y }, owner: { v[$0].owner })
        }
    }

    private struct Edge {
        var x0: Double, y0: Double, x1: Double, y1: Double
        var owner: Int32
    }

    private static func sharedEdgePairs(_ polygons: [MultiPolygon]) -> [UInt64] {
        var edges: [Edge] = []
        edges.reserveCapacity(polygons.reduce(0) { $0 + $1.pointCount })
        for (index, multi) in polygons.enumerated() {
            for polygon in multi.polygons { for ring in polygon.rings where ring.count > 1 {
                for t in 1..<ring.count {
                    var a = ring[t - 1], b = ring[t]
                    a.x += 0; a.y += 0; b.x += 0; b.y += 0
                    if a == b { continue } // no length: not an edge
                    if (b.x, b.y) < (a.x, a.y) { swap(&a, &b) }
                    edges.append(Edge(x0: a.x, y0: a.y, x1: b.x, y1: b.y, owner: Int32(index)))
                }
            } }
        }
        edges.sort { ($0.x0, $0.y0, $0.x1, $0.y1, $0.owner) < ($1.x0, $1.y0, $1.x1, $1.y1, $1.owner) }
        return edges.withUnsafeBufferPointer { e in
            pairsFromRuns(e.count, sameKey: { e[$0].x0 == e[$1].x0 && e[$0].y0 == e[$1].y0 && e[$0].x1 == e[$1].x1 && e[$0].y1 == e[$1].y1 },
                          owner: { e[$0].owner })
        }
    }

    private struct RingVertex {
        var point: Point
        var owner: Int32
        var ring: Int32
        var position: Int32
        var ringLength: Int32
        var cellX: Int
        var cellY: Int
    }

    private struct Cell: Hashable { var x: Int; var y: Int }

    /// Neighbour pairs when vertices within `distance` count as shared (grid hash of cell size `distance`).
    private static func snappedPairs(_ polygons: [MultiPolygon], rule: ContiguityRule, distance: Double) -> [UInt64] {
        var vertices: [RingVertex] = []
        var ringCount: Int32 = 0
        for (index, multi) in polygons.enumerated() {
            for polygon in multi.polygons { for ring in polygon.rings where ring.count > 1 {
                // The closing vertex repeats the first: positions run over the distinct vertices.
                let length = ring.first == ring.last ? ring.count - 1 : ring.count
                for t in 0..<length {
                    let p = ring[t]
                    vertices.append(RingVertex(point: p, owner: Int32(index), ring: ringCount, position: Int32(t), ringLength: Int32(length),
                                               cellX: Int((p.x / distance).rounded(.down)), cellY: Int((p.y / distance).rounded(.down))))
                }
                ringCount += 1
            } }
        }
        var cells: [Cell: [Int32]] = [:]
        for (i, v) in vertices.enumerated() { cells[Cell(x: v.cellX, y: v.cellY), default: []].append(Int32(i)) }
        let limit = distance * distance
        /// The vertices of other areas within `distance` of vertex i.
        func near(_ i: Int, into result: inout [Int32]) {
            result.removeAll(keepingCapacity: true)
            let v = vertices[i]
            for dx in -1...1 { for dy in -1...1 {
                guard let bucket = cells[Cell(x: v.cellX + dx, y: v.cellY + dy)] else { continue }
                for j in bucket where vertices[Int(j)].owner != v.owner {
                    let w = vertices[Int(j)].point
                    let ddx = w.x - v.point.x, ddy = w.y - v.point.y
                    if ddx * ddx + ddy * ddy <= limit { result.append(j) }
                }
            } }
        }
        var pairs: [UInt64] = []
        func add(_ a: Int32, _ b: Int32) {
            pairs.append(a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a))
        }
        var nearA: [Int32] = [], nearB: [Int32] = []
        switch rule {
        case .queen:
            for i in vertices.indices {
                near(i, into: &nearA)
                for j in nearA { add(vertices[i].owner, vertices[Int(j)].owner) }
            }
        case .rook:
            // Edge (i, next of i) matches when i is near u and next(i) near w, u and w consecutive in one ring.
            var start = 0
            while start < vertices.count {
                let length = Int(vertices[start].ringLength)
                for t in 0..<length {
                    let i = start + t, next = start + (t + 1) % length
                    if vertices[i].point == vertices[next].point { continue }
                    near(i, into: &nearA)
                    if nearA.isEmpty { continue }
                    near(next, into: &nearB)
                    for u in nearA {
                        let vu = vertices[Int(u)]
                        for w in nearB {
                            let vw = vertices[Int(w)]
                            guard vw.ring == vu.ring, u != w else { continue }
                            let d = abs(Int(vu.position) - Int(vw.position))
                            if d == 1 || d == Int(vu.ringLength) - 1 { add(vertices[i].owner, vu.owner) }
                        }
                    }
                }
                start += length
            }
        }
        pairs.sort()
        var unique: [UInt64] = []
        for p in pairs where unique.last != p { unique.append(p) }
        return unique
    }
}
