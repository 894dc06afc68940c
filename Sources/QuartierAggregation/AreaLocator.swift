import QuartierGeometry
import QuartierBase

/// A spatial index over a set of areas that locates points exactly: interior of which area, on a
/// boundary, or outside all of them.
///
/// Hand-written rather than a GEOS STRtree + prepared `contains` per point because GEOS 3.11 needs a
/// point geometry per query (no `GEOSPreparedContainsXY`); measured on the synthetic cities this
/// index is several times faster (see Benchmarks/compare-peers.sh) and gives identical results.
///
/// Structure:
/// - a uniform grid over the areas' bounding box. A cell that no edge touches is *pure*: every point
///   in it has the same answer, computed once when the index is built. A cell that edges touch holds
///   its candidate areas (areas with an edge in it, and areas that contain the whole cell);
/// - per area, its edges (all rings of all parts) bucketed into horizontal bands, so a point is
///   tested against the few edges whose y-range holds it.
///
/// The point-in-area test is the ray-crossing count of GEOS's `RayCrossingCounter` (which follows
/// the crossing-number rule of Haines, "Point in Polygon Strategies", Graphics Gems IV, 1994) over
/// the edges of all rings of the area, with GEOS's conventions for vertices and horizontal edges,
/// and exact orientation signs (`ExactOrientation`). It is orientation-independent (clockwise or
/// counter-clockwise rings), and holes, islands and exclaves need no special case.
///
/// The index is immutable after construction and `Sendable`: share one across threads.
public struct AreaLocator: Sendable {
    @usableFromInline struct Edge: Sendable {
        @usableFromInline var x0, y0, x1, y1: Double
    }

    @usableFromInline struct AreaBands: Sendable {
        @usableFromInline var minX, minY, maxX, maxY: Double
        @usableFromInline var inverseBandHeight: Double
        @usableFromInline var bandCount: Int32
        /// Offset of band 0 in `bandOffsets`.
        @usableFromInline var firstBand: Int32
    }

    /// Number of areas.
    public let count: Int
    @usableFromInline let areas: [AreaBands]
    /// For band k (global numbering) its edges are `bandEdges[bandOffsets[k] ..< bandOffsets[k + 1]]`,
    /// copied (an edge spanning several bands is in each), so a test reads one contiguous run.
    @usableFromInline let bandOffsets: [UInt32]
    @usableFromInline let bandEdges: [Edge]

    // The grid.
    @usableFromInline let gridMinX, gridMinY, gridMaxX, gridMaxY: Double
    @usableFromInline let inverseCellWidth, inverseCellHeight: Double
    @usableFromInline let columns, rows: Int
    /// Per cell: ≥ 0 pure interior of that area; -1 pure exterior; ≤ -2 mixed, candidates at
    /// `candidateOffsets[-2 - code]`.
    @usableFromInline let cells: [Int32]
    @usableFromInline let candidateOffsets: [UInt32]
    /// Candidate area indexes in ascending order; the top bit marks an area that contains the whole cell.
    @usableFromInline let candidates: [UInt32]

    @usableFromInline static let containsCellFlag: UInt32 = 1 << 31

    /// Statistics of the built index (for `--verbose` and the benchmarks).
    public let cellCount: Int
    public let pureCellCount: Int
    public let edgeCount: Int
    /// Number of mixed cells (the codes ≤ -2 are -2 - 0 ..< mixedCellCount).
    public var mixedCellCount: Int { candidateOffsets.count - 1 }

    /// Builds the index.
    /// - Parameters:
    ///   - areas: the areas; the index of an area in this array is what `locate` returns. Empty
    ///     geometries are allowed (they contain nothing).
    ///   - cellsPerEdge: grid cells per area edge (the grid resolution); about 1 is a good default.
    /// - Complexity: O(E + C + Σ cells under each area's bounding box × edges per band) for E edges
    ///   and C grid cells.
    /// The first vertex of `geometry` with a coordinate `Aggregator.acceptsCoordinate` refuses:
    /// (polygon, ring, vertex), 0-based; nil when all are good.
    public static func firstBadVertex(_ geometry: MultiPolygon) -> (polygon: Int, ring: Int, vertex: Int, point: Point)? {
        for (p, polygon) in geometry.polygons.enumerated() {
            for (r, ring) in polygon.rings.enumerated() {
                for (v, point) in ring.enumerated() where !(Aggregator.acceptsCoordinate(point.x) && Aggregator.acceptsCoordinate(point.y)) {
                    return (p, r, v, point)
                }
            }
        }
        return nil
    }

    /// Refuses areas the locator cannot answer for: an empty geometry, or a vertex that is not a
    /// number `Aggregator.acceptsCoordinate` accepts (the range in which `ExactOrientation` is exact).
    /// - Throws: `InputError` naming the file, the area's id and the vertex.
    public static func check(_ geometries: [MultiPolygon], ids: [String], idColumn: String, source: String) throws {
        for (geometry, id) in zip(geometries, ids) {
            if geometry.polygons.allSatisfy(\.isEmpty) {
                throw InputError(InputLocation(file: source, feature: InputError.excerpt(id), field: idColumn),
                                 found: "an empty polygon", expected: "an area with at least one ring")
            }
            if let bad = firstBadVertex(geometry) {
                throw InputError(InputLocation(file: source, feature: InputError.excerpt(id), field: idColumn),
                                 found: "vertex \(bad.vertex + 1) of ring \(bad.ring + 1) of polygon \(bad.polygon + 1) at (\(bad.point.x) \(bad.point.y))",
                                 expected: "finite coordinates, 0 or between 1e-100 and 1e15 in absolute value")
            }
        }
    }

    public init(areas geometries: [MultiPolygon], cellsPerEdge: Double = 1.0) {
        count = geometries.count
        var edges: [Edge] = []
        var areaEdgeRanges: [Range<Int>] = []
        var boxes: [BoundingBox?] = []
        for geometry in geometries {
            let start = edges.count
            // An area with a vertex that is not finite or beyond `Aggregator.coordinateLimit` is located
            // nowhere (callers refuse it first: `AreaLocator.check`); this only keeps the index safe.
            guard AreaLocator.firstBadVertex(geometry) == nil else {
                areaEdgeRanges.append(start ..< start)
                boxes.append(nil)
                continue
            }
            for polygon in geometry.polygons where !polygon.isEmpty {
                for ring in polygon.rings where ring.count >= 2 {
                    for i in 0 ..< ring.count - 1 {
                        let a = ring[i], b = ring[i + 1]
                        edges.append(Edge(x0: a.x, y0: a.y, x1: b.x, y1: b.y))
                    }
                    // Close an unclosed ring (Polygon's rings are closed; this guards other sources).
                    if let first = ring.first, let last = ring.last, first != last {
                        edges.append(Edge(x0: last.x, y0: last.y, x1: first.x, y1: first.y))
                    }
                }
            }
            areaEdgeRanges.append(start ..< edges.count)
            boxes.append(geometry.boundingBox)
        }
        edgeCount = edges.count

        // Per-area bands: about three edges per band.
        var areas: [AreaBands] = []
        var bandOffsets: [UInt32] = [0]
        var bandEdges: [Edge] = []
        for (index, range) in areaEdgeRanges.enumerated() {
            guard let box = boxes[index], !range.isEmpty else {
                areas.append(AreaBands(minX: 1, minY: 1, maxX: 0, maxY: 0, inverseBandHeight: 0,
                                       bandCount: 1, firstBand: Int32(bandOffsets.count - 1)))
                bandOffsets.append(UInt32(bandEdges.count))
                continue
            }
            let bandCount = max(1, min(4096, range.count / 3))
            let height = box.maxY - box.minY
            let inverse = height > 0 ? Double(bandCount) / height : 0
            let area = AreaBands(minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY,
                                 inverseBandHeight: inverse, bandCount: Int32(bandCount),
                                 firstBand: Int32(bandOffsets.count - 1))
            // Two passes (count, then fill) instead of an array per band: no small allocations.
            // bandOffsets[firstBand + 1 + k] is the end of band k (its start is the entry before).
            let firstEnd = bandOffsets.count
            var cursor = [UInt32](repeating: 0, count: bandCount)
            for e in range {
                let edge = edges[e]
                let lo = AreaLocator.band(min(edge.y0, edge.y1), in: area)
                let hi = AreaLocator.band(max(edge.y0, edge.y1), in: area)
                for k in lo ... hi { cursor[k] += 1 }
            }
            var running = UInt32(bandEdges.count)
            for k in 0 ..< bandCount {
                running += cursor[k]
                cursor[k] = running
                bandOffsets.append(running)
            }
            let placeholder = edges[range.lowerBound]
            for _ in bandEdges.count ..< Int(running) { bandEdges.append(placeholder) } // overwritten below
            for e in range.reversed() { // filled from the back: each band keeps the ring order
                let edge = edges[e]
                let lo = AreaLocator.band(min(edge.y0, edge.y1), in: area)
                let hi = AreaLocator.band(max(edge.y0, edge.y1), in: area)
                for k in lo ... hi {
                    cursor[k] -= 1
                    bandEdges[Int(cursor[k])] = edge
                }
            }
            assert(bandOffsets.count == firstEnd + bandCount)
            areas.append(area)
        }
        self.areas = areas
        self.bandOffsets = bandOffsets
        self.bandEdges = bandEdges

        // The grid over all areas.
        let total = boxes.compactMap { $0 }.reduce(nil as BoundingBox?) { partial, box in
            guard var partial else { return box }
            partial.expand(toInclude: box)
            return partial
        } ?? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let width = max(total.width, 1e-9), height = max(total.height, 1e-9)
        let targetCells = max(1.0, min(Double(edges.count) * cellsPerEdge, 64_000_000))
        let cellSize = (width * height / targetCells).squareRoot()
        let columns = max(1, min(1 << 15, Int((width / cellSize).rounded(.up))))
        let rows = max(1, min(1 << 15, Int((height / cellSize).rounded(.up))))
        gridMinX = total.minX
        gridMinY = total.minY
        gridMaxX = total.maxX
        gridMaxY = total.maxY
        inverseCellWidth = Double(columns) / width
        inverseCellHeight = Double(rows) / height
        self.columns = columns
        self.rows = rows
        cellCount = columns * rows
        let (minX, minY, invW, invH) = (total.minX, total.minY, Double(columns) / width, Double(rows) / height)

        // Which areas have edges in which cells (each (area, cell) pair once, areas ascending).
        var lastArea = [Int32](repeating: -1, count: columns * rows)
        var pairs: [(cell: Int32, area: Int32)] = []
        for (area, range) in areaEdgeRanges.enumerated() {
            for e in range {
                let edge = edges[e]
                let c0 = AreaLocator.cell(min(edge.x0, edge.x1), minX, invW, columns)
                let c1 = AreaLocator.cell(max(edge.x0, edge.x1), minX, invW, columns)
                let r0 = AreaLocator.cell(min(edge.y0, edge.y1), minY, invH, rows)
                let r1 = AreaLocator.cell(max(edge.y0, edge.y1), minY, invH, rows)
                for r in r0 ... r1 {
                    for c in c0 ... c1 {
                        let cell = r * columns + c
                        if lastArea[cell] != Int32(area) {
                            lastArea[cell] = Int32(area)
                            pairs.append((Int32(cell), Int32(area)))
                        }
                    }
                }
            }
        }
        // Areas that contain a whole cell without an edge in it: test the cell's centre.
        let partial = Partial(areas: areas, bandOffsets: bandOffsets, bandEdges: bandEdges)
        /// A centre point of a cell that maps back to the cell, or nil (degenerate grids).
        func cellCentre(column: Int, row: Int) -> Point? {
            let x = minX + (Double(column) + 0.5) / invW
            let y = minY + (Double(row) + 0.5) / invH
            guard AreaLocator.cell(x, minX, invW, columns) == column,
                  AreaLocator.cell(y, minY, invH, rows) == row else { return nil }
            return Point(x: x, y: y)
        }
        var containing: [(cell: Int32, area: Int32)] = []
        var edgeFree = [Bool](repeating: false, count: columns * rows)
        for (area, box) in boxes.enumerated() {
            guard let box else { continue }
            let c0 = AreaLocator.cell(box.minX, minX, invW, columns)
            let c1 = AreaLocator.cell(box.maxX, minX, invW, columns)
            let r0 = AreaLocator.cell(box.minY, minY, invH, rows)
            let r1 = AreaLocator.cell(box.maxY, minY, invH, rows)
            // Mark this area's edge cells.
            for r in r0 ... r1 { for c in c0 ... c1 { edgeFree[r * columns + c] = true } }
            for e in areaEdgeRanges[area] {
                let edge = edges[e]
                let ec0 = AreaLocator.cell(min(edge.x0, edge.x1), minX, invW, columns)
                let ec1 = AreaLocator.cell(max(edge.x0, edge.x1), minX, invW, columns)
                let er0 = AreaLocator.cell(min(edge.y0, edge.y1), minY, invH, rows)
                let er1 = AreaLocator.cell(max(edge.y0, edge.y1), minY, invH, rows)
                for r in er0 ... er1 { for c in ec0 ... ec1 { edgeFree[r * columns + c] = false } }
            }
            for r in r0 ... r1 {
                for c in c0 ... c1 where edgeFree[r * columns + c] {
                    guard let centre = cellCentre(column: c, row: r) else {
                        pairs.append((Int32(r * columns + c), Int32(area))) // cannot sample: test every point
                        continue
                    }
                    if partial.location(of: area, x: centre.x, y: centre.y) == 1 {
                        containing.append((Int32(r * columns + c), Int32(area)))
                    }
                }
            }
        }
        // Assemble the cells.
        // Entries by cell (a counting sort), areas ascending within a cell (insertion sort: few per cell).
        var cellEnd = [Int32](repeating: 0, count: columns * rows + 1)
        for pair in pairs { cellEnd[Int(pair.cell) + 1] += 1 }
        for pair in containing { cellEnd[Int(pair.cell) + 1] += 1 }
        for k in 0 ..< columns * rows { cellEnd[k + 1] += cellEnd[k] }
        var all = [(cell: Int32, area: Int32, whole: Bool)](repeating: (0, 0, false), count: pairs.count + containing.count)
        do {
            var cursor = cellEnd
            for pair in pairs { all[Int(cursor[Int(pair.cell)])] = (pair.cell, pair.area, false); cursor[Int(pair.cell)] += 1 }
            for pair in containing { all[Int(cursor[Int(pair.cell)])] = (pair.cell, pair.area, true); cursor[Int(pair.cell)] += 1 }
            for cell in 0 ..< columns * rows where cellEnd[cell + 1] - cellEnd[cell] > 1 {
                let start = Int(cellEnd[cell]), end = Int(cellEnd[cell + 1])
                for m in start + 1 ..< end {
                    let entry = all[m]
                    var n = m
                    while n > start && all[n - 1].area > entry.area { all[n] = all[n - 1]; n -= 1 }
                    all[n] = entry
                }
            }
        }
        var cells = [Int32](repeating: -1, count: columns * rows)
        var candidateOffsets: [UInt32] = []
        var candidates: [UInt32] = []
        var pure = 0
        var i = 0
        while i < all.count {
            let cell = Int(all[i].cell)
            var j = i
            var hasEdges = false
            while j < all.count && Int(all[j].cell) == cell {
                if !all[j].whole { hasEdges = true }
                j += 1
            }
            if !hasEdges {
                cells[cell] = all[i].area // pure interior of the smallest containing area
            } else {
                cells[cell] = -2 - Int32(candidateOffsets.count)
                candidateOffsets.append(UInt32(candidates.count))
                for k in i ..< j {
                    candidates.append(UInt32(all[k].area) | (all[k].whole ? AreaLocator.containsCellFlag : 0))
                }
            }
            i = j
        }
        candidateOffsets.append(UInt32(candidates.count))
        for code in cells where code >= -1 { pure += 1 }
        self.cells = cells
        self.candidateOffsets = candidateOffsets
        self.candidates = candidates
        pureCellCount = pure
        // Read at random per point: backed by huge pages where the kernel allows.
        HugePages.collapse(self.cells)
        HugePages.collapse(self.candidates)
        HugePages.collapse(self.candidateOffsets)
        HugePages.collapse(self.bandEdges)
        HugePages.collapse(self.bandOffsets)
        HugePages.collapse(self.areas)
    }

    private struct Partial {
        let areas: [AreaBands]
        let bandOffsets: [UInt32]
        let bandEdges: [Edge]

        func location(of area: Int, x: Double, y: Double) -> Int {
            bandOffsets.withUnsafeBufferPointer { o in
                bandEdges.withUnsafeBufferPointer { b in
                    AreaLocator.location(area: areas[area], x: x, y: y, offsets: o, bandEdges: b)
                }
            }
        }
    }

    @inlinable @inline(__always)
    static func cell(_ v: Double, _ origin: Double, _ inverse: Double, _ count: Int) -> Int {
        let t = (v - origin) * inverse
        if !(t > 0) { return 0 }
        let i = Int(t)
        return i < count ? i : count - 1
    }

    @inlinable @inline(__always)
    static func band(_ y: Double, in area: AreaBands) -> Int {
        let t = (y - area.minY) * area.inverseBandHeight
        if !(t > 0) { return 0 }
        let i = Int(t)
        return i < Int(area.bandCount) ? i : Int(area.bandCount) - 1
    }

    /// 0 exterior, 1 interior, 2 boundary of one area, by GEOS's ray-crossing rules.
    @inlinable @inline(__always)
    static func location(area: AreaBands, x: Double, y: Double,
                         offsets: UnsafeBufferPointer<UInt32>, bandEdges: UnsafeBufferPointer<Edge>) -> Int {
        if x < area.minX || x > area.maxX || y < area.minY || y > area.maxY { return 0 }
        let k = Int(area.firstBand) + band(y, in: area)
        var crossings = 0
        var i = Int(offsets[k])
        let end = Int(offsets[k + 1])
        while i < end {
            let edge = bandEdges[i]
            i += 1
            // GEOS RayCrossingCounter::countSegment, p1 = (x0, y0), p2 = (x1, y1).
            if edge.x0 < x && edge.x1 < x { continue }
            if x == edge.x1 && y == edge.y1 { return 2 }
            if edge.y0 == y && edge.y1 == y {
                if x >= min(edge.x0, edge.x1) && x <= max(edge.x0, edge.x1) { return 2 }
                continue
            }
            if (edge.y0 > y && edge.y1 <= y) || (edge.y1 > y && edge.y0 <= y) {
                var orientation = ExactOrientation.sign(ax: edge.x0, ay: edge.y0, bx: edge.x1, by: edge.y1, cx: x, cy: y)
                if orientation == 0 { return 2 }
                if edge.y1 < edge.y0 { orientation = -orientation }
                if orientation > 0 { crossings += 1 }
            }
        }
        return crossings & 1
    }

    /// The grid code of a point's cell: ≥ 0 the point is in the interior of that area (a pure cell),
    /// -1 it is in no area and on no boundary, ≤ -2 the cell is mixed (pass the code to `locate(x:y:code:)`).
    /// Points of one mixed cell share their candidate areas and edges: handling them together
    /// keeps those in cache.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func cellCode(x: Double, y: Double) -> Int32 {
        if !(x >= gridMinX && x <= gridMaxX && y >= gridMinY && y <= gridMaxY) { return -1 }
        let c = AreaLocator.cell(x, gridMinX, inverseCellWidth, columns)
        let r = AreaLocator.cell(y, gridMinY, inverseCellHeight, rows)
        return cells[r * columns + c]
    }

    /// Where a point lies.
    /// - Complexity: O(1) for points in pure cells; otherwise the edges of the point's band of each
    ///   candidate area.
    @inlinable
    public func locate(x: Double, y: Double) -> PointLocation {
        locate(x: x, y: y, code: cellCode(x: x, y: y))
    }

    /// Where a point lies, given its `cellCode`.
    @inlinable
    public func locate(x: Double, y: Double, code: Int32) -> PointLocation {
        if code >= 0 { return .interior(Int(code)) }
        if code == -1 { return .exterior }
        let slot = Int(-2 - code)
        return bandOffsets.withUnsafeBufferPointer { o in
            bandEdges.withUnsafeBufferPointer { b in
                var boundary = -1
                for k in Int(candidateOffsets[slot]) ..< Int(candidateOffsets[slot + 1]) {
                    let entry = candidates[k]
                    let area = Int(entry & ~AreaLocator.containsCellFlag)
                    if entry & AreaLocator.containsCellFlag != 0 { return .interior(area) }
                    let where_ = AreaLocator.location(area: areas[area], x: x, y: y, offsets: o, bandEdges: b)
                    if where_ == 1 { return .interior(area) }
                    if where_ == 2 && boundary < 0 { boundary = area }
                }
                return boundary >= 0 ? .boundary(boundary) : .exterior
            }
        }
    }

    /// The area a point is assigned to under `rule`, or nil; `onBoundary` tells why it is nil.
    @inlinable @inline(__always)
    public func assign(x: Double, y: Double, code: Int32, rule: BoundaryRule) -> (area: Int?, onBoundary: Bool) {
        switch locate(x: x, y: y, code: code) {
        case .interior(let area): return (area, false)
        case .boundary(let area): return rule == .lowestID ? (area, false) : (nil, true)
        case .exterior: return (nil, false)
        }
    }
}
