import Foundation
import QuartierGeometry

/// One access run: persons with their areas, offers with theirs, distances (straight-line or along a
/// network) and the methods; per offer type (one target group each), per area: counts first (target
/// group, places, offers, the target group with an offer within the catchment, persons without access
/// and why), then the methods' sums, from which the ratios are derived.
///
/// Person-level first, then counted up: each person is a demand point (weight 1, or its need weight);
/// per area the run sums weights and accessibility, and divides last (counts before rates).
public struct AccessRun: Sendable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// `AccessProblem.twoStep` (2SFCA; E2SFCA with step decay; kernel 2SFCA with a continuous decay).
        case twoStep = "2sfca"
        /// `AccessProblem.threeStep` (Wan et al. 2012, selection within the catchment).
        case threeStep = "3sfca"
        /// `AccessProblem.balanced` (BFCA, Paez et al. 2019).
        case balanced = "bfca"
        /// `AccessProblem.spatialAvailability` (Soukhov et al. 2023, α = 1).
        case spatialAvailability = "sa"
    }

    /// How costs are measured.
    public enum Distances: Sendable {
        /// Straight-line distance in the coordinates' unit.
        case straightLine
        /// Along a network: positions snapped within `snapLimit` (coordinate units), costs in the
        /// network's cost unit (snap distances at its default speed).
        case network(RoadNetwork, SegmentIndex, snapLimit: Double)
    }

    public struct Settings: Sendable {
        /// The catchment of offers without their own (`cost <= catchment`).
        public var catchment: Double
        public var decay: DistanceDecay
        public var methods: [Method]
        /// The unit of costs and catchments ("m", "min").
        public var unit: String
        /// Only offers in service in this year (nil: all).
        public var year: Int?
        public var threads: Int

        public init(catchment: Double, decay: DistanceDecay = .none, methods: [Method] = [.twoStep, .spatialAvailability], unit: String = "m",
                    year: Int? = nil, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.catchment = catchment
            self.decay = decay
            self.methods = methods
            self.unit = unit
            self.year = year
            self.threads = threads
        }
    }

    /// Per area and offer type.
    public struct AreaResult: Sendable, Hashable {
        public var area: Int
        public var type: String
        /// Persons of the target group, and their need-weighted sum.
        public var targetGroup: Int
        public var weightedTargetGroup: Double
        public var places: Double
        public var offers: Int
        /// Persons of the target group with an offer (capacity > 0) within its catchment.
        public var accessible: Int
        /// Persons of the target group without access because their part of the network holds no offer
        /// of the type, or because they are farther than the snapping limit from the network.
        public var noOfferInNetworkPart: Int
        public var offNetwork: Int
        /// Per method (in `Settings.methods` order): Σ weight · A_i (FCA methods) or Σ V_i (spatial
        /// availability) over the area's target group.
        public var methodSums: [Double]

        public init(area: Int, type: String, targetGroup: Int, weightedTargetGroup: Double, places: Double, offers: Int, accessible: Int,
                    noOfferInNetworkPart: Int, offNetwork: Int, methodSums: [Double]) {
            self.area = area
            self.type = type
            self.targetGroup = targetGroup
            self.weightedTargetGroup = weightedTargetGroup
            self.places = places
            self.offers = offers
            self.accessible = accessible
            self.noOfferInNetworkPart = noOfferInNetworkPart
            self.offNetwork = offNetwork
            self.methodSums = methodSums
        }
    }

    /// An offer that could not be placed on the network: its id and distance to the nearest line.
    public struct OffNetworkOffer: Sendable, Hashable {
        public var id: String
        public var source: String
        public var distance: Double?
    }

    public let persons: PersonPoints
    /// Area index of each person (-1: in no area) and of each offer.
    public let personArea: [Int32]
    public let areaCount: Int
    public let settings: Settings
    public let distances: Distances
    /// Target group filter per bit of `persons.groups`.
    public let targetGroups: [String]
    /// Network positions of the persons in some target group (network distances only), snapped once;
    /// nil for the others and for those beyond the snapping limit.
    let personPositions: [NetworkPosition?]

    public init(persons: PersonPoints, personArea: [Int32], areaCount: Int, targetGroups: [String], settings: Settings, distances: Distances) throws(AccessError) {
        guard personArea.count == persons.count else { throw AccessError("access run: found \(personArea.count) area assignments for \(persons.count) persons") }
        guard settings.catchment > 0, settings.catchment.isFinite else {
            throw AccessError("access run: found catchment \(settings.catchment), expected a catchment > 0 \(settings.unit)")
        }
        _ = try settings.decay.validated()
        self.persons = persons
        self.personArea = personArea
        self.areaCount = areaCount
        self.targetGroups = targetGroups
        self.settings = settings
        self.distances = distances
        switch distances {
        case .straightLine: personPositions = []
        case .network(_, let index, let snapLimit):
            var positions = [NetworkPosition?](repeating: nil, count: persons.count)
            let workers = max(1, settings.threads)
            let n = persons.count
            let xs = persons.x, ys = persons.y, groups = persons.groups
            positions.withUnsafeMutableBufferPointer { buffer in
                let base = DisjointRanges(buffer.baseAddress)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let lower = n * w / workers, upper = n * (w + 1) / workers
                    // Only persons of some target group are demand points: the others are not snapped.
                    for i in lower..<upper where groups[i] != 0 { base.pointer![i] = index.snap(Point(x: xs[i], y: ys[i]), limit: snapLimit) }
                }
            }
            personPositions = positions
        }
    }

    /// The catchment limit of an offer.
    func limit(_ offer: Offer) -> Double { offer.catchment ?? settings.catchment }

    /// The pairs (member index, cost) of each offer, within the offer's own catchment; `members` are the
    /// persons of the target group. Only the offers given are computed (a scenario passes the touched ones).
    func pairs(offers: [Offer], members: [Int32], offNetwork: inout [OffNetworkOffer]) throws(AccessError) -> [[(Int32, Double)]] {
        guard !offers.isEmpty else { return [] }
        let bound = offers.map(limit).max()!
        var result: [[(Int32, Double)]]
        switch distances {
        case .straightLine:
            let list = try straightLineCostList(demand: members.map { Point(x: persons.x[Int($0)], y: persons.y[Int($0)]) },
                                                supply: offers.map(\.location), bound: bound, unit: settings.unit)
            result = (0..<offers.count).map { j in (list.offsets[j]..<list.offsets[j + 1]).map { (list.demands[$0], list.costs[$0]) } }
        case .network(let network, let index, let snapLimit):
            let supply = offers.map { index.snap($0.location, limit: snapLimit) }
            for (k, p) in supply.enumerated() where p == nil {
                offNetwork.append(OffNetworkOffer(id: offers[k].id, source: offers[k].source, distance: index.distance(offers[k].location)))
            }
            // Checked into a cost list once, by `evaluate`.
            result = network.costPairs(demand: members.map { personPositions[Int($0)] }, supply: supply, bound: bound, threads: settings.threads)
        }
        for j in 0..<offers.count {
            let own = limit(offers[j])
            if own < bound { result[j].removeAll { $0.1 > own } }
        }
        return result
    }
}

/// A buffer's base address handed to workers that each write their own range of it (no two workers
/// the same element).
struct DisjointRanges<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>?
    init(_ pointer: UnsafeMutablePointer<Element>?) { self.pointer = pointer }
}
