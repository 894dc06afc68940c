import QuartierMethods
import Foundation
import QuartierGeometry

/// A deterministic synthetic city: areas (blocks with a Quartier → Stadtteil hierarchy) and persons
/// at geocoded addresses, with the traits of `shared/peers/gen_city.py`.
///
/// Traits: a gap- and overlap-free coverage of wiggly cells (a jittered lattice whose shared edges
/// are densified and wiggled identically for both neighbours), a meandering river that belongs to
/// no area (some blocks on both banks form one MultiPolygon area), ~1 % of blocks with a hole that
/// belongs to nobody, ~0.5 % of blocks owning an exclave (an island filling a hole of a non-adjacent
/// block), an irregular outline; persons in households (German household-size mix), households at
/// shared addresses (~1.8 per address), 97 % of addresses clustered inside the city, 3 % uniform in
/// the padded bounding box (outside, in the river, in holes), and a few exactly on an area vertex.
/// Everything on a 1 mm grid, EPSG:25832 around (361000, 5645000). Same seed and sizes, same city
/// (QuartierMethods' SeededGenerator, SplitMix64; no system randomness, no parallelism in generation).
public struct SynthCity: Sendable {
    public struct Area: Sendable {
        public var id: Int
        public var name: String
        public var quartierID: Int
        public var stadtteilID: Int
        public var geometry: MultiPolygon
    }

    public var areas: [Area]
    public var crs: CRS
    /// The lattice spacing (metres).
    public var blockSize: Double
    public var holes: Int
    public var exclaves: Int
    public var riverMultiPolygons: Int

    static let centreX = 361_000.0, centreY = 5_645_000.0

    /// Rounds to the 1 mm grid.
    @inline(__always) static func mm(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }

    /// Builds the areas of a city with `areaCount` blocks.
    public init(areaCount: Int, seed: UInt64, blockSize: Double = 180) {
        precondition(areaCount >= 1)
        var rng = SeededGenerator(seed: seed ^ 0xA5EA_5EED_0000_0000 ^ UInt64(areaCount))
        self.blockSize = blockSize
        crs = .epsg(25832)
        let s = blockSize
        // Lattice big enough for the city and the river.
        let side = Int((Double(areaCount) * 1.6).squareRoot().rounded(.up)) + 4
        let columns = side, rows = side
        let riverColumn = columns / 2          // the river runs between cell columns riverColumn-1 and riverColumn
        let originX = SynthCity.centreX - Double(columns) * s / 2
        let originY = SynthCity.centreY - Double(rows) * s / 2
        let phase1 = rng.uniform(0, 2 * .pi), phase2 = rng.uniform(0, 2 * .pi)
        func riverWidth(_ j: Int) -> Double { s * (0.35 + 0.12 * sin(Double(j) * 0.45 + phase1)) }
        func riverShift(_ j: Int) -> Double { s * 0.25 * sin(Double(j) * 0.21 + phase2) }

        // Jittered nodes (shared by all cells around them).
        var jitter = [Point](repeating: Point(x: 0, y: 0), count: (columns + 1) * (rows + 1))
        for k in jitter.indices { jitter[k] = Point(x: rng.uniform(-0.15, 0.15) * s, y: rng.uniform(-0.15, 0.15) * s) }
        /// Node (i, j); `right` selects the right bank copy of the river column.
        func node(_ i: Int, _ j: Int, right: Bool) -> Point {
            let jit = jitter[j * (columns + 1) + i]
            var x = originX + Double(i) * s + riverShift(j)
            if i != riverColumn { x += jit.x } // the banks move only with the river
            if i > riverColumn || (i == riverColumn && right) { x += riverWidth(j) }
            return Point(x: SynthCity.mm(x), y: SynthCity.mm(originY + Double(j) * s + jit.y))
        }

        // Wiggly edges, one per lattice edge and bank: key (i0, j0, i1, j1, right).
        var edgeCache: [EdgeKey: [Point]] = [:]
        func edge(_ a: (Int, Int), _ b: (Int, Int), right: Bool) -> [Point] {
            let forward = (a.1, a.0) < (b.1, b.0)
            let (p, q) = forward ? (a, b) : (b, a)
            let onBank = p.0 == riverColumn && q.0 == riverColumn
            let key = EdgeKey(i0: p.0, j0: p.1, i1: q.0, j1: q.1, right: onBank && right)
            if edgeCache[key] == nil {
                var local = SeededGenerator(seed: seed &+ UInt64(bitPattern: Int64(key.hashValueStable)))
                let start = node(p.0, p.1, right: right), end = node(q.0, q.1, right: right)
                let dx = end.x - start.x, dy = end.y - start.y
                let length = (dx * dx + dy * dy).squareRoot()
                let count = 14
                let f = Double(1 + local.below(2)), ph0 = local.uniform(0, 2 * .pi), ph1 = local.uniform(0, 2 * .pi)
                let amplitude = 0.06 * length
                var points: [Point] = []
                for k in 1 ... count {
                    let t = Double(k) / Double(count + 1)
                    let off = amplitude * sin(.pi * t) * (0.7 * sin(2 * .pi * f * t + ph0) + 0.3 * sin(6 * .pi * f * t + ph1))
                    points.append(Point(x: SynthCity.mm(start.x + t * dx - off * dy / length),
                                        y: SynthCity.mm(start.y + t * dy + off * dx / length)))
                }
                edgeCache[key] = points
            }
            return forward ? edgeCache[key]! : edgeCache[key]!.reversed()
        }
        /// The closed counter-clockwise ring of cell (i, j).
        func cellRing(_ i: Int, _ j: Int) -> [Point] {
            let right = i >= riverColumn // cells right of the river use the right bank copy
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
            var ring: [Point] = []
            for k in 0 ..< 4 {
                let a = corners[k], b = corners[(k + 1) % 4]
                ring.append(node(a.0, a.1, right: right))
                ring += edge(a, b, right: right)
            }
            ring.append(ring[0])
            return ring
        }

        // Which cells: nearest the centre under a wiggly radius, until there are `areaCount` areas.
        let wiggle = (0 ..< 6).map { _ in (rng.uniform(0, 0.12), rng.uniform(0, 2 * .pi)) }
        var order: [(score: Double, i: Int, j: Int)] = []
        for j in 0 ..< rows {
            for i in 0 ..< columns {
                let dx = Double(i) + 0.5 - Double(columns) / 2, dy = Double(j) + 0.5 - Double(rows) / 2
                let angle = atan2(dy, dx)
                var r = 1.0
                for (k, (a, ph)) in wiggle.enumerated() { r += a * sin(Double(k + 2) * angle + ph) }
                order.append(((dx * dx + dy * dy).squareRoot() / r, i, j))
            }
        }
        order.sort { ($0.score, $0.j, $0.i) < ($1.score, $1.j, $1.i) }
        var selected = Set<Int>()
        func isPairRow(_ j: Int) -> Bool { j % 4 == 1 }
        var areaTotal = 0
        for cell in order where areaTotal < areaCount {
            selected.insert(cell.j * columns + cell.i)
            areaTotal += 1
            // A river pair: the cells left and right of the river in a pair row form one area.
            if isPairRow(cell.j), cell.i == riverColumn - 1 || cell.i == riverColumn {
                let other = cell.i == riverColumn ? riverColumn - 1 : riverColumn
                if selected.contains(cell.j * columns + other) { areaTotal -= 1 }
            }
        }

        // Areas in row-major order of their (first) cell.
        var areas: [Area] = []
        var quartierIDs: [Int: Int] = [:], stadtteilIDs: [Int: Int] = [:]
        var riverPairs = 0
        for j in 0 ..< rows {
            for i in 0 ..< columns where selected.contains(j * columns + i) {
                var parts = [Polygon(exterior: cellRing(i, j))]
                if isPairRow(j) && i == riverColumn { if selected.contains(j * columns + riverColumn - 1) { continue } }
                if isPairRow(j) && i == riverColumn - 1 && selected.contains(j * columns + riverColumn) {
                    parts.append(Polygon(exterior: cellRing(riverColumn, j)))
                    riverPairs += 1
                }
                let quartierKey = (j / 3) * 10_000 + i / 3, stadtteilKey = (j / 9) * 10_000 + i / 9
                let q = quartierIDs[quartierKey] ?? (quartierIDs.count + 1)
                quartierIDs[quartierKey] = q
                let t = stadtteilIDs[stadtteilKey] ?? (stadtteilIDs.count + 1)
                stadtteilIDs[stadtteilKey] = t
                let id = areas.count + 1
                areas.append(Area(id: id, name: String(format: "Block %05d", id), quartierID: q, stadtteilID: t,
                                  geometry: MultiPolygon(parts)))
            }
        }

        // Holes (~1 %) and exclaves (~0.5 %) in single-part blocks.
        func blob(_ centre: Point, _ radius: Double, _ rotation: Double, clockwise: Bool) -> [Point] {
            var ring: [Point] = []
            for k in 0 ..< 16 {
                let a = 2 * Double.pi * Double(k) / 16 * (clockwise ? -1 : 1)
                let ex = radius * cos(a), ey = 0.7 * radius * sin(a)
                ring.append(Point(x: SynthCity.mm(centre.x + ex * cos(rotation) - ey * sin(rotation)),
                                  y: SynthCity.mm(centre.y + ex * sin(rotation) + ey * cos(rotation))))
            }
            ring.append(ring[0])
            return ring
        }
        func centre(of ring: [Point]) -> Point {
            let n = Double(ring.count - 1)
            return Point(x: ring.dropLast().reduce(0) { $0 + $1.x } / n, y: ring.dropLast().reduce(0) { $0 + $1.y } / n)
        }
        let wantedHoles = max(2, areaCount / 100), wantedExclaves = max(3, areaCount / 200)
        var candidates = areas.indices.filter { areas[$0].geometry.polygons.count == 1 }
        for k in stride(from: candidates.count - 1, to: 0, by: -1) { candidates.swapAt(k, rng.below(k + 1)) }
        var holes = 0, exclaves = 0
        var used = Set<Int>()
        for b in candidates {
            if holes == wantedHoles && exclaves == wantedExclaves { break }
            guard !used.contains(b) else { continue }
            let exterior = areas[b].geometry.polygons[0].exterior
            let c = centre(of: exterior)
            let rotation = rng.uniform(0, .pi)
            if holes < wantedHoles {
                areas[b].geometry.polygons[0].holes.append(blob(c, 0.13 * s, rotation, clockwise: true))
                used.insert(b)
                holes += 1
                continue
            }
            // An exclave: a block two or more cells away owns the island.
            let owner = candidates.first { a in
                a != b && !used.contains(a) && {
                    let d = centre(of: areas[a].geometry.polygons[0].exterior)
                    let dist = ((d.x - c.x) * (d.x - c.x) + (d.y - c.y) * (d.y - c.y)).squareRoot()
                    return dist > 2.2 * s && dist < 4 * s
                }()
            }
            guard let owner else { continue }
            let island = blob(c, 0.13 * s, rotation, clockwise: false)
            areas[b].geometry.polygons[0].holes.append(Array(island.reversed()))
            areas[owner].geometry.polygons.append(Polygon(exterior: island))
            used.insert(b)
            used.insert(owner)
            exclaves += 1
        }
        self.areas = areas
        self.holes = holes
        self.exclaves = exclaves
        riverMultiPolygons = riverPairs
    }
}

struct EdgeKey: Hashable {
    var i0, j0, i1, j1: Int
    var right: Bool

    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var h: UInt64 = 1469598103934665603
        for v in [i0, j0, i1, j1, right ? 1 : 0] {
            h = (h ^ UInt64(bitPattern: Int64(v))) &* 1099511628211
        }
        return Int(bitPattern: UInt(h >> 1))
    }
}
