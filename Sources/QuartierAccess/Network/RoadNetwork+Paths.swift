import Foundation

extension RoadNetwork {
    /// The cost from `position` to the first and last node of its edge along the edge (plus nothing for
    /// the snap distance): `(toFrom, toTo)`, infinity where the direction forbids it. A position at a
    /// node reaches that node at cost 0 whatever the direction.
    @inline(__always)
    func exitCosts(_ position: NetworkPosition) -> (Double, Double) {
        let e = edges[Int(position.edge)]
        let speed = e.length > 0 ? (e.forwardCost.isFinite ? e.length / e.forwardCost : e.length / e.backwardCost) : 1
        let back = position.along <= 0 ? 0 : (e.backwardCost.isFinite ? position.along / speed : .infinity)
        let ahead = position.along >= e.length ? 0 : (e.forwardCost.isFinite ? (e.length - position.along) / speed : .infinity)
        return (back, ahead)
    }

    /// The cost from `a` to `b` along their common edge, infinity if they are on different edges or the
    /// direction forbids it.
    @inline(__always)
    func sameEdgeCost(_ a: NetworkPosition, _ b: NetworkPosition) -> Double {
        guard a.edge == b.edge else { return .infinity }
        let e = edges[Int(a.edge)]
        let speed = e.forwardCost.isFinite ? e.length / e.forwardCost : e.length / e.backwardCost
        if b.along >= a.along { return e.forwardCost.isFinite || b.along == a.along ? (b.along - a.along) / speed : .infinity }
        return e.backwardCost.isFinite ? (a.along - b.along) / speed : .infinity
    }

    /// Shortest path costs from every node to the given targets (a reverse Dijkstra seeded at the
    /// targets with their initial costs), settling only nodes with cost <= `bound`, calling
    /// `settle(node, cost)` for each node in the order settled; the costs stay in `scratch.state`.
    /// Source: Dijkstra, E. W. (1959), "A note on two problems in connexion with graphs", Numerische
    /// Mathematik 1: 269–271, with a binary heap (lazy deletion: a node is pushed again when its cost
    /// drops, stale entries skipped).
    /// - Complexity: O((V' + E') log V') over the nodes and edges within the bound.
    @inline(__always)
    func costsTo(seeds: [(node: Int32, cost: Double)], bound: Double, scratch: inout DijkstraScratch, settle: (Int32, Double) -> Void) {
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            scratch.state = [NodeState](repeating: NodeState(), count: nodes.count)
            scratch.stamp = 1
        }
        let stamp = scratch.stamp
        let heap = scratch.heap
        heap.removeAll()
        inOffsets.withUnsafeBufferPointer { offsets in
        inArcs.withUnsafeBufferPointer { arcs in
        scratch.state.withUnsafeMutableBufferPointer { state in
            for seed in seeds where seed.cost <= bound {
                let n = Int(seed.node)
                if state[n].seen != stamp || seed.cost < state[n].dist {
                    state[n].seen = stamp
                    state[n].dist = seed.cost
                    heap.push(seed.cost, seed.node)
                }
            }
            while let (d, n) = heap.pop() {
                let node = Int(n)
                if d > state[node].dist || state[node].done == stamp { continue }
                state[node].done = stamp
                settle(n, d)
                for k in offsets[node]..<offsets[node + 1] {
                    let arc = arcs[k]
                    let m = Int(arc.node)
                    let nd = d + arc.cost
                    if nd <= bound, state[m].seen != stamp || nd < state[m].dist {
                        state[m].seen = stamp
                        state[m].dist = nd
                        heap.push(nd, arc.node)
                    }
                }
            }
        } } }
    }

    /// The cost from each demand position to each supply position, along the network, listed where it
    /// is <= `bound` (`maximumCost` of the catchments): snap distances are converted at the default speed
    /// and added at both ends. Demand points without a position (not snapped) get no pairs.
    ///
    /// One bounded reverse Dijkstra per supply point, in parallel over `threads` workers; the pairs are
    /// returned grouped by supply point in demand order (the same list whatever `threads`).
    public func costList(demand: [NetworkPosition?], supply: [NetworkPosition?], bound: Double, unit: String,
                         threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(AccessError) -> CostList {
        try CostList(demandCount: demand.count, supplyCount: supply.count, unit: unit,
                     grouped: costPairs(demand: demand, supply: supply, bound: bound, threads: threads))
    }

    /// `costList`'s pairs, per supply point in demand order, before they are checked into a `CostList`.
    public func costPairs(demand: [NetworkPosition?], supply: [NetworkPosition?], bound: Double,
                          threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [[(Int32, Double)]] {
        // Demand positions grouped by edge.
        var offsets = [Int](repeating: 0, count: edges.count + 1)
        for p in demand { if let p { offsets[Int(p.edge) + 1] += 1 } }
        for e in 0..<edges.count { offsets[e + 1] += offsets[e] }
        var next = offsets
        var grouped = [Int32](repeating: 0, count: offsets[edges.count])
        for (i, p) in demand.enumerated() { if let p { grouped[next[Int(p.edge)]] = Int32(i); next[Int(p.edge)] += 1 } }
        let walking = options.defaultSpeed
        // Per grouped demand point, computed once (not once per offer reaching it): the costs to its
        // edge's ends and its snap walk, contiguous in edge order.
        var exitFrom = [Double](repeating: 0, count: grouped.count), exitTo = exitFrom, snapWalk = exitFrom
        for k in grouped.indices {
            let p = demand[Int(grouped[k])]!
            (exitFrom[k], exitTo[k]) = exitCosts(p)
            snapWalk[k] = p.snapDistance / walking
        }
        // Per node, the edges at it that hold demand points (each edge under both its ends, once).
        var atNode = [Int](repeating: 0, count: nodes.count + 1)
        for (e, edge) in edges.enumerated() where offsets[e] < offsets[e + 1] {
            atNode[Int(edge.from) + 1] += 1
            if edge.to != edge.from { atNode[Int(edge.to) + 1] += 1 }
        }
        for n in 0..<nodes.count { atNode[n + 1] += atNode[n] }
        var nextAt = atNode
        var demandEdges = [DemandEdge](repeating: DemandEdge(edge: 0, from: 0, to: 0), count: atNode[nodes.count])
        for (e, edge) in edges.enumerated() where offsets[e] < offsets[e + 1] {
            let entry = DemandEdge(edge: Int32(e), from: edge.from, to: edge.to)
            demandEdges[nextAt[Int(edge.from)]] = entry; nextAt[Int(edge.from)] += 1
            if edge.to != edge.from { demandEdges[nextAt[Int(edge.to)]] = entry; nextAt[Int(edge.to)] += 1 }
        }
        let byEdgeOffsets = offsets, byEdge = grouped, fromCosts = exitFrom, toCosts = exitTo, snapCosts = snapWalk
        let edgesAtOffsets = atNode, edgesAt = demandEdges
        var demandBits = 0
        while (1 << demandBits) < demand.count { demandBits += 1 }
        let sortBits = demandBits
        let results = ResultSlots(count: supply.count)
        let workers = max(1, min(threads, supply.count))
        let spatialOrder = spatialOrder(supply)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var scratch = DijkstraScratch(nodeCount: nodes.count)
            var settled: [Int32] = []
            // Pairs found, as (demand << 32 | position) keys sorted into demand order, and their costs.
            // At most one pair per demand point: buffers of that size, no checks per append.
            var keys = [UInt64](repeating: 0, count: demand.count), found = [Double](repeating: 0, count: demand.count)
            var sorter = RadixSorter()
            // Blocks of offers near each other in turn: one catchment's nodes and arcs are still in
            // the cache for the next (results go to each offer's own slot: the order is unchanged).
            for block in stride(from: w * Self.offerBlock, to: supply.count, by: workers * Self.offerBlock) {
            for position in block..<min(block + Self.offerBlock, supply.count) {
                let j = spatialOrder[position]
                guard let target = supply[j] else { results.set(j, []); continue }
                let e = edges[Int(target.edge)]
                // Reaching the offer from its edge's ends: from `from` forward, from `to` backward.
                let speed = e.forwardCost.isFinite ? e.length / e.forwardCost : e.length / e.backwardCost
                let fromSeed = target.along <= 0 ? 0 : (e.forwardCost.isFinite ? target.along / speed : .infinity)
                let toSeed = target.along >= e.length ? 0 : (e.backwardCost.isFinite ? (e.length - target.along) / speed : .infinity)
                let offerSnap = target.snapDistance / walking
                let inner = bound - offerSnap
                guard inner >= 0 else { results.set(j, []); continue }
                settled.removeAll(keepingCapacity: true)
                costsTo(seeds: [(e.from, fromSeed), (e.to, toSeed)], bound: inner, scratch: &scratch) { n, _ in settled.append(n) }
                var pairCount = 0
                let stamp = scratch.stamp
                let targetEdge = Int(target.edge)
                byEdgeOffsets.withUnsafeBufferPointer { byEdgeOffsets in
                byEdge.withUnsafeBufferPointer { byEdge in
                fromCosts.withUnsafeBufferPointer { fromCosts in
                toCosts.withUnsafeBufferPointer { toCosts in
                snapCosts.withUnsafeBufferPointer { snapCosts in
                keys.withUnsafeMutableBufferPointer { keys in
                found.withUnsafeMutableBufferPointer { found in
                scratch.state.withUnsafeBufferPointer { state in
                    func visit(edge: Int, from fromNode: Int, to toNode: Int) {
                        let lower = byEdgeOffsets[edge], upper = byEdgeOffsets[edge + 1]
                        guard lower < upper else { return }
                        let fromDone = state[fromNode].done == stamp, toDone = state[toNode].done == stamp
                        let fromDist = fromDone ? state[fromNode].dist : 0, toDist = toDone ? state[toNode].dist : 0
                        let onTargetEdge = edge == targetEdge
                        for k in lower..<upper {
                            // The same sums in the same order as per pair before: identical costs.
                            var best = onTargetEdge ? sameEdgeCost(demand[Int(byEdge[k])]!, target) : .infinity
                            if fromDone { best = min(best, fromCosts[k] + fromDist) }
                            if toDone { best = min(best, toCosts[k] + toDist) }
                            let total = best + snapCosts[k] + offerSnap
                            if total <= bound {
                                keys[pairCount] = UInt64(UInt32(bitPattern: byEdge[k])) << 32 | UInt64(pairCount)
                                found[pairCount] = total
                                pairCount += 1
                            }
                        }
                    }
                    // Every edge once: the offer's own, then each other edge at a settled node from its
                    // first end if that is settled, else from its last end.
                    visit(edge: targetEdge, from: Int(e.from), to: Int(e.to))
                    edgesAtOffsets.withUnsafeBufferPointer { edgesAtOffsets in
                    edgesAt.withUnsafeBufferPointer { edgesAt in
                        for n in settled {
                            for k in edgesAtOffsets[Int(n)]..<edgesAtOffsets[Int(n) + 1] {
                                let at = edgesAt[k]
                                guard Int(at.edge) != targetEdge, at.from == n || state[Int(at.from)].done != stamp else { continue }
                                visit(edge: Int(at.edge), from: Int(at.from), to: Int(at.to))
                            }
                        }
                    } }
                } } } } } } } }
                // Each demand point lies on one edge and each edge is visited once: demands are distinct,
                // so ordering the keys by their upper half orders the pairs by demand point.
                sorter.sortByUpperHalf(&keys, count: pairCount, bits: sortBits)
                var pairs: [(Int32, Double)] = []
                pairs.reserveCapacity(pairCount)
                for key in keys[0..<pairCount] { pairs.append((Int32(truncatingIfNeeded: key >> 32), found[Int(key & 0xFFFF_FFFF)])) }
                results.set(j, pairs)
            }
            }
        }
        return (0..<supply.count).map { results.get($0) }
    }
}

extension RoadNetwork {
    /// Offers per block of `costPairs`' spatial order.
    static let offerBlock = 8

    /// The supply points in Z order (Morton order) of their edge's first node over the nodes' bounding
    /// box (ties and points without a position by index): neighbours in the list are near each other.
    func spatialOrder(_ supply: [NetworkPosition?]) -> [Int] {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in nodes { minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y) }
        func spread(_ v: UInt64) -> UInt64 {
            var v = v & 0xFFFF
            v = (v | (v << 8)) & 0x00FF_00FF
            v = (v | (v << 4)) & 0x0F0F_0F0F
            v = (v | (v << 2)) & 0x3333_3333
            v = (v | (v << 1)) & 0x5555_5555
            return v
        }
        func cell(_ v: Double, _ lower: Double, _ upper: Double) -> UInt64 {
            guard upper > lower else { return 0 }
            return UInt64(max(0, min(65_535, ((v - lower) / (upper - lower) * 65_535).rounded(.down))))
        }
        let keys = supply.map { position -> UInt64 in
            guard let position else { return .max }
            let p = nodes[Int(edges[Int(position.edge)].from)]
            return spread(cell(p.x, minX, maxX)) | spread(cell(p.y, minY, maxY)) << 1
        }
        return supply.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }
}

/// A node's state in a Dijkstra run: its tentative cost, and the stamps of the run that reached
/// (`seen`) and settled (`done`) it; one cache line holds four nodes.
struct NodeState {
    var dist = 0.0
    var seen: UInt32 = 0
    var done: UInt32 = 0
}

/// An edge holding demand points, listed under each of its ends.
struct DemandEdge {
    var edge: Int32
    var from: Int32
    var to: Int32
}

/// Per-worker arrays of a Dijkstra run, reused across runs (a stamp marks what is current).
struct DijkstraScratch {
    var state: [NodeState]
    var stamp: UInt32 = 0
    let heap: MinHeap
    init(nodeCount: Int) {
        state = [NodeState](repeating: NodeState(), count: nodeCount)
        heap = MinHeap(capacity: nodeCount)
    }
}

/// A binary min-heap of (cost, node), ties by node (deterministic): the pairs in one buffer of its
/// own (no array checks per push), sifted with a hole (one write per level); it grows when full.
final class MinHeap {
    struct Item {
        var key: Double
        var value: Int32
        @inline(__always) func less(_ other: Item) -> Bool { key < other.key || (key == other.key && value < other.value) }
    }
    private var items: UnsafeMutablePointer<Item>
    private var capacity: Int
    private var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        items = .allocate(capacity: self.capacity)
    }

    deinit { items.deallocate() }

    func removeAll() { count = 0 }

    @inline(__always)
    func push(_ key: Double, _ value: Int32) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Item>.allocate(capacity: 2 * capacity)
            bigger.moveInitialize(from: items, count: count)
            items.deallocate()
            items = bigger
            capacity *= 2
        }
        let item = Item(key: key, value: value)
        var k = count
        count += 1
        while k > 0 {
            let p = (k - 1) / 2
            guard item.less(items[p]) else { break }
            items[k] = items[p]; k = p
        }
        items[k] = item
    }

    @inline(__always)
    func pop() -> (Double, Int32)? {
        guard count > 0 else { return nil }
        let top = items[0]
        count -= 1
        let last = items[count]
        if count > 0 {
            let n = count
            var k = 0
            while true {
                let l = 2 * k + 1
                guard l < n else { break }
                var m = l
                if l + 1 < n, items[l + 1].less(items[l]) { m = l + 1 }
                guard items[m].less(last) else { break }
                items[k] = items[m]; k = m
            }
            items[k] = last
        }
        return (top.key, top.value)
    }
}

/// Results of the workers, one slot per supply point, each written by exactly one worker.
final class ResultSlots: @unchecked Sendable {  // disjoint slots, guarded by the lock
    private var slots: [[(Int32, Double)]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ j: Int, _ pairs: [(Int32, Double)]) { lock.lock(); slots[j] = pairs; lock.unlock() }
    func get(_ j: Int) -> [(Int32, Double)] { lock.lock(); defer { lock.unlock() }; return slots[j] }
}
