import QuartierGeometry

/// A compact road/path graph: nodes where line ends meet (within a snapping tolerance), one edge per
/// line (its interior vertices give its length and shape, not nodes: lines are not split where they
/// cross), adjacency in compressed sparse rows both ways, and the connected parts.
///
/// Costs are `length / speed` in the caller's unit (metres at speed 1; minutes with speeds in metres per
/// minute). One-way lines have no edge against their direction unless the network is built undirected.
/// - Complexity: building is O(vertices) expected (a hash grid of cell size `tolerance` for the ends).
public struct RoadNetwork: Sendable {
    public struct Options: Sendable, Hashable {
        /// Line ends closer than this (in coordinate units) are one node; 0 = equal coordinates only.
        public var snapTolerance: Double
        /// Speed of a line without its own, in length units per cost unit (> 0).
        public var defaultSpeed: Double
        /// false: every line both ways (pgRouting `directed := false`).
        public var directed: Bool

        public init(snapTolerance: Double = 0.01, defaultSpeed: Double = 1, directed: Bool = true) {
            self.snapTolerance = snapTolerance
            self.defaultSpeed = defaultSpeed
            self.directed = directed
        }
    }

    public struct Edge: Sendable, Hashable {
        public var from: Int32
        public var to: Int32
        public var length: Double
        /// Cost from `from` to `to`, infinity where the direction is not allowed; likewise `backwardCost`.
        public var forwardCost: Double
        public var backwardCost: Double
        /// Index of the first vertex of this edge in `vertices`; the edge's vertices run to the next edge's.
        public var firstVertex: Int
    }

    public let options: Options
    public let nodes: [Point]
    public let edges: [Edge]
    /// The shapes of all edges, one after the other.
    public let vertices: [Point]
    /// Outgoing half-edges per node (CSR): `(edge, other node, cost)`; incoming likewise.
    public let outOffsets: [Int], outEdges: [Int32], outTargets: [Int32], outCosts: [Double]
    public let inOffsets: [Int], inEdges: [Int32], inSources: [Int32], inCosts: [Double]
    /// `inSources` and `inCosts` side by side (one cache line per node's arcs, for Dijkstra).
    let inArcs: [Arc]
    /// Connected part of each node (ignoring direction), numbered from 0 in order of first node.
    public let component: [Int32]
    public let componentCount: Int
    /// Lines dropped because their length is 0 (with their source), so every line is accounted for.
    public let droppedLines: [String]

    /// Coordinates Quartier accepts anywhere (README, "Records"): 0 or 1e-100 … 1e15 in magnitude.
    public static func usable(_ p: Point) -> Bool {
        func ok(_ v: Double) -> Bool { v == 0 || (abs(v) >= 1e-100 && abs(v) <= 1e15) }
        return ok(p.x) && ok(p.y)
    }

    /// The vertices of edge `e`.
    public func shape(_ e: Int) -> ArraySlice<Point> {
        let end = e + 1 < edges.count ? edges[e + 1].firstVertex : vertices.count
        return vertices[edges[e].firstVertex..<end]
    }

    /// Builds the graph; refuses a negative or zero speed (naming the line) and bad options.
    public init(lines: [NetworkLine], options: Options = Options()) throws(AccessError) {
        try self.init(lines: NetworkLines(lines), options: options)
    }

    /// Builds the graph from flat lines; refuses a negative or zero speed (naming the line) and bad options.
    public init(lines: NetworkLines, options: Options = Options()) throws(AccessError) {
        guard options.snapTolerance >= 0, options.snapTolerance.isFinite else {
            throw AccessError("network: found snapping tolerance \(options.snapTolerance), expected a finite tolerance >= 0")
        }
        guard options.defaultSpeed > 0, options.defaultSpeed.isFinite else {
            throw AccessError("network: found default speed \(options.defaultSpeed), expected a speed > 0")
        }
        self.options = options
        var nodes: [Point] = []
        nodes.reserveCapacity(lines.count)
        var grid = NodeGrid(expected: 2 * lines.count)
        let cell = options.snapTolerance > 0 ? options.snapTolerance : 1
        // The first node within the tolerance in the order nodes were made, cell by cell (3 x 3 cells
        // around the point's), else a new node: the same nodes whatever the grid's layout.
        func node(_ p: Point) -> Int32 {
            let key = GridKey(p, cell: cell)
            if options.snapTolerance == 0 {
                var n = grid.first(key)
                while n >= 0 {
                    if nodes[Int(n)] == p { return n }
                    n = grid.next[Int(n)]
                }
            } else {
                var best: Int32 = -1, bestDistance = Double.infinity
                for dx in -1...1 { for dy in -1...1 {
                    var n = grid.first(GridKey(x: key.x &+ Int64(dx), y: key.y &+ Int64(dy)))
                    while n >= 0 {
                        let q = nodes[Int(n)]
                        let d = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
                        if d <= options.snapTolerance, d < bestDistance { best = n; bestDistance = d }
                        n = grid.next[Int(n)]
                    }
                } }
                if best >= 0 { return best }
            }
            let n = Int32(nodes.count)
            nodes.append(p)
            grid.append(n, at: key)
            return n
        }
        var edges: [Edge] = []
        edges.reserveCapacity(lines.count)
        var vertices: [Point] = []
        vertices.reserveCapacity(lines.parts.points.count)
        var dropped: [String] = []
        for k in 0..<lines.count {
            let speed = lines.speeds[k] ?? options.defaultSpeed
            guard speed > 0, speed.isFinite else {
                let source = lines.source(k)
                throw AccessError("\(source.isEmpty ? "a line" : source): found speed \(speed), expected a speed > 0")
            }
            let points = lines.parts[k]
            if let bad = points.first(where: { !Self.usable($0) }) {
                let source = lines.source(k)
                throw AccessError("\(source.isEmpty ? "a line" : source): found the vertex \(bad), expected coordinates 0 or between 1e-100 and 1e15 in magnitude")
            }
            var length = 0.0
            for i in (points.startIndex + 1)..<points.endIndex {
                let a = points[i - 1], b = points[i]
                length += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            }
            guard length > 0, length.isFinite else { dropped.append(lines.source(k)); continue }
            let from = node(points[points.startIndex]), to = node(points[points.endIndex - 1])
            let cost = length / speed
            let forward = !options.directed || lines.directions[k] != .backward
            let backward = !options.directed || lines.directions[k] != .forward
            edges.append(Edge(from: from, to: to, length: length, forwardCost: forward ? cost : .infinity,
                              backwardCost: backward ? cost : .infinity, firstVertex: vertices.count))
            vertices.append(contentsOf: points)
        }
        // Adjacency both ways.
        var outCount = [Int](repeating: 0, count: nodes.count + 1), inCount = outCount
        for e in edges {
            if e.forwardCost.isFinite { outCount[Int(e.from) + 1] += 1; inCount[Int(e.to) + 1] += 1 }
            if e.backwardCost.isFinite { outCount[Int(e.to) + 1] += 1; inCount[Int(e.from) + 1] += 1 }
        }
        for n in 0..<nodes.count { outCount[n + 1] += outCount[n]; inCount[n + 1] += inCount[n] }
        let half = outCount[nodes.count]
        var outNext = outCount, inNext = inCount
        var outEdges = [Int32](repeating: 0, count: half), outTargets = outEdges, outCosts = [Double](repeating: 0, count: half)
        var inEdges = outEdges, inSources = outEdges, inCosts = outCosts
        for (k, e) in edges.enumerated() {
            for (a, b, c) in [(e.from, e.to, e.forwardCost), (e.to, e.from, e.backwardCost)] where c.isFinite {
                let o = outNext[Int(a)]; outNext[Int(a)] += 1
                outEdges[o] = Int32(k); outTargets[o] = b; outCosts[o] = c
                let i = inNext[Int(b)]; inNext[Int(b)] += 1
                inEdges[i] = Int32(k); inSources[i] = a; inCosts[i] = c
            }
        }
        // Connected parts, ignoring direction (union-find over the edges).
        var parent = (0..<Int32(nodes.count)).map { $0 }
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x { parent[Int(x)] = parent[Int(parent[Int(x)])]; x = parent[Int(x)] }
            return x
        }
        for e in edges {
            let a = find(e.from), b = find(e.to)
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var label = [Int32](repeating: -1, count: nodes.count)
        var component = [Int32](repeating: 0, count: nodes.count)
        var count: Int32 = 0
        for n in 0..<Int32(nodes.count) {
            let root = Int(find(n))
            if label[root] < 0 { label[root] = count; count += 1 }
            component[Int(n)] = label[root]
        }
        self.nodes = nodes
        self.edges = edges
        self.vertices = vertices
        self.outOffsets = outCount; self.outEdges = outEdges; self.outTargets = outTargets; self.outCosts = outCosts
        self.inOffsets = inCount; self.inEdges = inEdges; self.inSources = inSources; self.inCosts = inCosts
        inArcs = zip(inSources, inCosts).map { Arc(cost: $1, node: $0) }
        self.component = component
        componentCount = Int(count)
        droppedLines = dropped
    }
}

/// An arc of the adjacency: the node at its other end and its cost.
struct Arc: Sendable {
    var cost: Double
    var node: Int32
}

/// A cell of a uniform grid.
struct GridKey: Hashable, Sendable {
    var x: Int64
    var y: Int64
    init(x: Int64, y: Int64) { self.x = x; self.y = y }
    /// The cell of `p`; coordinates beyond ±4e18 cells are clamped (no trap on a huge coordinate).
    init(_ p: Point, cell: Double) {
        x = Int64(max(-4e18, min(4e18, (p.x / cell).rounded(.down))))
        y = Int64(max(-4e18, min(4e18, (p.y / cell).rounded(.down))))
    }
}
