import QuartierGeometry

/// Straight-line (Euclidean) distances between demand and supply points, listed where <= `bound`, in
/// the coordinates' unit (metres in a projected CRS).
/// - Complexity: a uniform grid of cell size `bound` over the demand points; O(n + pairs examined).
public func straightLineCostList(demand: [Point], supply: [Point], bound: Double, unit: String = "m") throws(AccessError) -> CostList {
    guard bound > 0, bound.isFinite else { throw AccessError("straight-line costs: found bound \(bound), expected a finite bound > 0") }
    var cells: [GridKey: [Int32]] = [:]
    for (i, p) in demand.enumerated() { cells[GridKey(p, cell: bound), default: []].append(Int32(i)) }
    var entries: [CostList.Entry] = []
    for (j, q) in supply.enumerated() {
        let key = GridKey(q, cell: bound)
        var found: [(Int32, Double)] = []
        for dx in -1...1 { for dy in -1...1 {
            for i in cells[GridKey(x: key.x + Int64(dx), y: key.y + Int64(dy))] ?? [] {
                let p = demand[Int(i)]
                let d = ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
                if d <= bound { found.append((i, d)) }
            }
        } }
        found.sort { $0.0 < $1.0 }
        for (i, d) in found { entries.append(CostList.Entry(demand: Int(i), supply: j, cost: d)) }
    }
    return try CostList(demandCount: demand.count, supplyCount: supply.count, unit: unit, entries: entries)
}
