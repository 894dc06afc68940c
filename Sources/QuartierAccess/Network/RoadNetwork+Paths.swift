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
    /// targets with their initial costs), settling only nodes with cost <= `bound`. Returns the settled
    /// nodes with their costs, in the order settled. Source: Dijkstra, E. W. (1959), "A note on two
    /// problems in connexion with graphs", Numerische Mathematik 1: 269–271, with a binary heap.
    /// - Complexity: O((V' + E') log V') over the nodes and edges within the bound.
    func costsTo(seeds: [(node: Int32, cost: Double)], bound: Double, scratch: inout DijkstraScratch) -> [(node: Int32, cost: Double)] {
        scratch.stamp &+= 1
        if scratch.stamp == 0 { scratch.seen = [UInt32](repeating: 0, count: nodes.count); scratch.stamp = 1 }
        let stamp = scratch.stamp
        var heap = scratch.heap
        heap.removeAll(keepingCapacity: true)
        for seed in seeds where seed.cost <= bound {
            let n = Int(seed.node)
            if scratch.seen[n] != stamp || seed.cost < scratch.dist[n] {
                scratch.seen[n] = stamp
                scratch.dist[n] = seed.cost
                heap.push(seed.cost, seed.node)
            }
        }
        var settled: [(node: Int32, cost: Double)] = []
        while let (d, n) = heap.pop() {
            let node = Int(n)
            if d > scratch.dist[node] || scratch.done[node] == stamp { continue }
            scratch.done[node] = stamp
            settled.append((n, d))
            for k in inOffsets[node]..<inOffsets[node + 1] {
                let m = Int(inSources[k])
                let nd = d + inCosts[k]
                if nd <= bound, scratch.seen[m] != stamp || nd < scratch.dist[m] {
                    scratch.seen[m] = stamp
                    scratch.dist[m] = nd
                    heap.push(nd, Int32(m))
                }
            }
        }
        scratch.heap = heap
        return settled
    }

    /// The cost from each demand position to each supply position, along the network, listed where it
    /// is <= `bound` (`maximumCost` of the catchments): snap distances are converted at the default speed
    /// and added at both ends. Demand points without a position (not snapped) get no pairs.
    ///
    /// One bounded reverse Dijkstra per supply point, in parallel over `threads` workers; the pairs are
    /// returned grouped by supply point in demand order (the same list whatever `threads`).
    public func costList(demand: [NetworkPosition?], supply: [NetworkPosition?], bound: Double, unit: String,
                         threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(AccessError) -> CostList {
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
        let byEdgeOffsets = offsets, byEdge = grouped, fromCosts = exitFrom, toCosts = exitTo, snapCosts = snapWalk
        let results = ResultSlots(count: supply.count)
        let workers = max(1, min(threads, supply.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var scratch = DijkstraScratch(nodeCount: nodes.count)
            var edgeStamp = [Int](repeating: -1, count: edges.count)
            var j = w
            while j < supply.count {
                defer { j += workers }
                guard let target = supply[j] else { results.set(j, []); continue }
                let e = edges[Int(target.edge)]
                // Reaching the offer from its edge's ends: from `from` forward, from `to` backward.
                let speed = e.forwardCost.isFinite ? e.length / e.forwardCost : e.length / e.backwardCost
                let fromSeed = target.along <= 0 ? 0 : (e.forwardCost.isFinite ? target.along / speed : .infinity)
                let toSeed = target.along >= e.length ? 0 : (e.backwardCost.isFinite ? (e.length - target.along) / speed : .infinity)
                let offerSnap = target.snapDistance / walking
                let inner = bound - offerSnap
                var pairs: [(Int32, Double)] = []
                guard inner >= 0 else { results.set(j, []); continue }
                let settled = costsTo(seeds: [(e.from, fromSeed), (e.to, toSeed)], bound: inner, scratch: &scratch)
                func visit(edge: Int) {
                    guard edgeStamp[edge] != j else { return }
                    edgeStamp[edge] = j
                    let lower = byEdgeOffsets[edge], upper = byEdgeOffsets[edge + 1]
                    guard lower < upper else { return }
                    let ed = edges[edge]
                    let fromNode = Int(ed.from), toNode = Int(ed.to)
                    let fromDone = scratch.done[fromNode] == scratch.stamp, toDone = scratch.done[toNode] == scratch.stamp
                    let fromDist = fromDone ? scratch.dist[fromNode] : 0, toDist = toDone ? scratch.dist[toNode] : 0
                    let onTargetEdge = edge == Int(target.edge)
                    for k in lower..<upper {
                        // The same sums in the same order as per pair before: identical costs.
                        var best = onTargetEdge ? sameEdgeCost(demand[Int(byEdge[k])]!, target) : .infinity
                        if fromDone { best = min(best, fromCosts[k] + fromDist) }
                        if toDone { best = min(best, toCosts[k] + toDist) }
                        let total = best + snapCosts[k] + offerSnap
                        if total <= bound { pairs.append((byEdge[k], total)) }
                    }
                }
                visit(edge: Int(target.edge))
                for (n, _) in settled {
                    for k in outOffsets[Int(n)]..<outOffsets[Int(n) + 1] { visit(edge: Int(outEdges[k])) }
                    for k in inOffsets[Int(n)]..<inOffsets[Int(n) + 1] { visit(edge: Int(inEdges[k])) }
                }
                pairs.sort { $0.0 < $1.0 }
                results.set(j, pairs)
            }
        }
        var entries: [CostList.Entry] = []
        for j in 0..<supply.count {
            for (i, c) in results.get(j) { entries.append(CostList.Entry(demand: Int(i), supply: j, cost: c)) }
        }
        return try CostList(demandCount: demand.count, supplyCount: supply.count, unit: unit, entries: entries)
    }
}

/// Per-worker arrays of a Dijkstra run, reused across runs (a stamp marks what is current).
struct DijkstraScratch {
    var dist: [Double]
    var seen: [UInt32]
    var done: [UInt32]
    var stamp: UInt32 = 0
    var heap = MinHeap()
    init(nodeCount: Int) {
        dist = [Double](repeating: 0, count: nodeCount)
        seen = [UInt32](repeating: 0, count: nodeCount)
        done = [UInt32](repeating: 0, count: nodeCount)
    }
}

/// A binary min-heap of (cost, node), ties by node (deterministic).
struct MinHeap {
    private var keys: [Double] = []
    private var values: [Int32] = []
    mutating func removeAll(keepingCapacity: Bool) { keys.removeAll(keepingCapacity: keepingCapacity); values.removeAll(keepingCapacity: keepingCapacity) }
    @inline(__always) private func less(_ a: Int, _ b: Int) -> Bool { keys[a] < keys[b] || (keys[a] == keys[b] && values[a] < values[b]) }
    mutating func push(_ key: Double, _ value: Int32) {
        keys.append(key); values.append(value)
        var k = keys.count - 1
        while k > 0 {
            let p = (k - 1) / 2
            guard less(k, p) else { break }
            keys.swapAt(k, p); values.swapAt(k, p); k = p
        }
    }
    mutating func pop() -> (Double, Int32)? {
        guard let top = keys.first, let value = values.first else { return nil }
        let last = keys.count - 1
        keys.swapAt(0, last); values.swapAt(0, last)
        keys.removeLast(); values.removeLast()
        var k = 0
        while true {
            let l = 2 * k + 1, r = l + 1
            var m = k
            if l < keys.count, less(l, m) { m = l }
            if r < keys.count, less(r, m) { m = r }
            if m == k { break }
            keys.swapAt(k, m); values.swapAt(k, m); k = m
        }
        return (top, value)
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
