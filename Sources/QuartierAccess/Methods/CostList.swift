/// A sparse list of travel costs between demand points (origins, `i`) and supply points (offers,
/// destinations, `j`), grouped by supply point: the input of every floating catchment method.
///
/// Conventions: costs are in one unit named by the caller (`unit`: metres of straight-line or network
/// distance, minutes of travel); a pair that is not listed is unreachable (never cost 0); each pair is
/// listed at most once; costs are finite and >= 0. Costs are direction-free here: the caller decides
/// whether a cost is from the person to the offer (the usual choice) or back.
///
/// - Complexity: building is O(n + supplyCount) (a counting sort by supply point).
public struct CostList: Sendable, Hashable {
    /// One listed pair.
    public struct Entry: Sendable, Hashable {
        public var demand: Int
        public var supply: Int
        public var cost: Double
        public init(demand: Int, supply: Int, cost: Double) {
            self.demand = demand
            self.supply = supply
            self.cost = cost
        }
    }

    public let demandCount: Int
    public let supplyCount: Int
    /// The unit of the costs, for messages and output headers ("m", "min").
    public let unit: String
    /// `offsets[j] ..< offsets[j + 1]` index the pairs of supply point `j` in `demands` and `costs`.
    public let offsets: [Int]
    public let demands: [Int32]
    public let costs: [Double]

    public var count: Int { costs.count }

    /// Groups `entries` by supply point; refuses an index out of range, a negative or non-finite cost
    /// and a pair listed twice, each with the entry's position.
    public init(demandCount: Int, supplyCount: Int, unit: String, entries: [Entry]) throws(AccessError) {
        guard demandCount >= 0, supplyCount >= 0, demandCount <= Int(Int32.max) else {
            throw AccessError("cost list: found \(demandCount) demand and \(supplyCount) supply points, expected counts between 0 and \(Int32.max)")
        }
        var counts = [Int](repeating: 0, count: supplyCount + 1)
        for (k, e) in entries.enumerated() {
            guard (0..<demandCount).contains(e.demand), (0..<supplyCount).contains(e.supply) else {
                throw AccessError("cost list entry \(k + 1): found demand \(e.demand), supply \(e.supply), expected demand in 0..<\(demandCount) and supply in 0..<\(supplyCount)")
            }
            guard e.cost.isFinite, e.cost >= 0 else {
                throw AccessError("cost list entry \(k + 1) (demand \(e.demand), supply \(e.supply)): found cost \(e.cost), expected a finite cost >= 0 \(unit)")
            }
            counts[e.supply + 1] += 1
        }
        for j in 0..<supplyCount { counts[j + 1] += counts[j] }
        var next = counts
        var demands = [Int32](repeating: 0, count: entries.count)
        var costs = [Double](repeating: 0, count: entries.count)
        for e in entries {
            let at = next[e.supply]
            demands[at] = Int32(e.demand)
            costs[at] = e.cost
            next[e.supply] += 1
        }
        try Self.checkPairsOnce(demandCount: demandCount, offsets: counts, demands: demands)
        self.demandCount = demandCount
        self.supplyCount = supplyCount
        self.unit = unit
        offsets = counts
        self.demands = demands
        self.costs = costs
    }

    /// Pairs already grouped by supply point: `pairs[j]` lists supply point `j`'s (demand, cost) pairs
    /// in the order they are kept. Checked as `init(entries:)` checks (an entry's number counts through
    /// the groups in order); no sorting.
    public init(demandCount: Int, supplyCount: Int, unit: String, grouped pairs: [[(Int32, Double)]]) throws(AccessError) {
        guard demandCount >= 0, supplyCount >= 0, demandCount <= Int(Int32.max), pairs.count == supplyCount else {
            throw AccessError("cost list: found \(demandCount) demand and \(supplyCount) supply points (\(pairs.count) groups), expected counts between 0 and \(Int32.max), one group per supply point")
        }
        var offsets = [Int](repeating: 0, count: supplyCount + 1)
        for j in 0..<supplyCount { offsets[j + 1] = offsets[j] + pairs[j].count }
        var demands = [Int32](repeating: 0, count: offsets[supplyCount])
        var costs = [Double](repeating: 0, count: offsets[supplyCount])
        var k = 0
        for (j, group) in pairs.enumerated() {
            for (i, cost) in group {
                guard (0..<demandCount).contains(Int(i)) else {
                    throw AccessError("cost list entry \(k + 1): found demand \(i), supply \(j), expected demand in 0..<\(demandCount) and supply in 0..<\(supplyCount)")
                }
                guard cost.isFinite, cost >= 0 else {
                    throw AccessError("cost list entry \(k + 1) (demand \(i), supply \(j)): found cost \(cost), expected a finite cost >= 0 \(unit)")
                }
                demands[k] = i
                costs[k] = cost
                k += 1
            }
        }
        try Self.checkPairsOnce(demandCount: demandCount, offsets: offsets, demands: demands)
        self.demandCount = demandCount
        self.supplyCount = supplyCount
        self.unit = unit
        self.offsets = offsets
        self.demands = demands
        self.costs = costs
    }

    /// A pair listed twice is an error (which cost would count?): checked per supply point.
    static func checkPairsOnce(demandCount: Int, offsets: [Int], demands: [Int32]) throws(AccessError) {
        var seen = [Int](repeating: -1, count: demandCount)
        for j in 0..<(offsets.count - 1) {
            for k in offsets[j]..<offsets[j + 1] {
                let i = Int(demands[k])
                if seen[i] == j { throw AccessError("cost list: found the pair (demand \(i), supply \(j)) twice, expected each pair at most once") }
                seen[i] = j
            }
        }
    }

    /// The listed pairs, grouped by supply point (for tests and exports).
    public var entries: [Entry] {
        var result: [Entry] = []
        result.reserveCapacity(count)
        for j in 0..<supplyCount {
            for k in offsets[j]..<offsets[j + 1] { result.append(Entry(demand: Int(demands[k]), supply: j, cost: costs[k])) }
        }
        return result
    }
}

/// Which pairs count: those with cost `<= limit` (closed: a pair exactly at the limit is inside, as
/// PySAL `access` filters `cost <= max_cost`), or every listed pair when `limit` is nil.
public struct Catchment: Sendable, Hashable, CustomStringConvertible {
    public var limit: Double?

    public init(limit: Double?) { self.limit = limit }

    public static let unlimited = Catchment(limit: nil)

    @inline(__always)
    public func contains(_ cost: Double) -> Bool {
        guard let limit else { return true }
        return cost <= limit
    }

    public var description: String { limit.map { "cost <= \($0)" } ?? "every listed pair" }
}
