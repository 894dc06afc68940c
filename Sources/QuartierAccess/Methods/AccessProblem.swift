/// The inputs of a floating catchment computation: demand at origins, supply at destinations and the
/// sparse costs between them.
///
/// - `demand[i]`: persons of the target group at demand point `i`, optionally weighted by need (a child
///   in SGB II counting w times: the caller multiplies and names the weight in its output), >= 0.
/// - `supply[j]`: the capacity of offer `j` (places, hours, staff: one unit for all offers), >= 0.
///
/// The methods are in extensions, one file per family, each citing its source.
public struct AccessProblem: Sendable {
    public let demand: [Double]
    public let supply: [Double]
    public let costs: CostList

    public init(demand: [Double], supply: [Double], costs: CostList) throws(AccessError) {
        guard demand.count == costs.demandCount, supply.count == costs.supplyCount else {
            throw AccessError("access problem: found \(demand.count) demand and \(supply.count) supply values, expected \(costs.demandCount) and \(costs.supplyCount) (the cost list's)")
        }
        if let i = demand.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw AccessError("demand point \(i): found demand \(demand[i]), expected a finite demand >= 0")
        }
        if let j = supply.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw AccessError("supply point \(j): found capacity \(supply[j]), expected a finite capacity >= 0")
        }
        self.demand = demand
        self.supply = supply
        self.costs = costs
    }

    /// Total supply.
    public var totalSupply: Double { supply.reduce(0, +) }
}

/// The result of a floating catchment method.
public struct FloatingCatchmentResult: Sendable, Hashable {
    /// Accessibility per demand point: supply per unit of demand reachable from it (its unit is the
    /// supply's unit per demand unit: places per child; multiply by 1,000 for places per 1,000).
    public var access: [Double]
    /// Per supply point: the (weighted) demand in its catchment (the denominator of step 1).
    public var catchmentDemand: [Double]
    /// Per supply point: supply / catchment demand (R_j), 0 where the catchment holds no demand.
    public var ratio: [Double]
}
