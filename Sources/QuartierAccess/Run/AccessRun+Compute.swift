import QuartierGeometry

extension AccessRun {
    /// What a run keeps per offer type: its offers in service, their areas and their pairs, so that a
    /// scenario recomputes only the catchments it touches.
    public struct TypeState: Sendable {
        public var type: String
        public var group: Int
        /// Persons of the target group (indices into `persons`).
        public var members: [Int32]
        public var offers: [Offer]
        public var offerArea: [Int32]
        public var pairs: [[(Int32, Double)]]
    }

    public struct Outcome: Sendable {
        public var results: [AreaResult]
        public var states: [TypeState]
        public var offNetwork: [OffNetworkOffer]
        public var warnings: [String]
        /// How many offers' catchments were computed (paths or distances) in this outcome.
        public var catchmentsComputed: Int
    }

    /// Persons of target group `g`.
    func members(group g: Int) -> [Int32] {
        let bit: UInt64 = 1 << UInt64(g)
        var result: [Int32] = []
        for i in 0..<persons.count where persons.groups[i] & bit != 0 { result.append(Int32(i)) }
        return result
    }

    /// Computes every type of `offers` (those in service in `settings.year`); `offerArea[k]` is the area
    /// of `offers[k]` (-1: none). Offers of one type must share one target group (else an error naming
    /// both offers); each target group must be one of `targetGroups`.
    public func compute(offers: [Offer], offerArea: [Int32]) throws(AccessError) -> Outcome {
        var states: [TypeState] = []
        var offNetwork: [OffNetworkOffer] = []
        var warnings: [String] = []
        var computed = 0
        var order: [String] = []
        var byType: [String: [Int]] = [:]
        for (k, offer) in offers.enumerated() where offer.inService(settings.year) {
            if byType[offer.type] == nil { order.append(offer.type) }
            byType[offer.type, default: []].append(k)
        }
        for type in order {
            let indices = byType[type]!
            let first = offers[indices[0]]
            for k in indices where offers[k].targetGroup != first.targetGroup {
                throw AccessError("offer \(offers[k].id) (\(offers[k].source)): found target group \"\(offers[k].targetGroup)\" for type \(type), expected \"\(first.targetGroup)\" as offer \(first.id) (\(first.source)): one target group per type")
            }
            guard let group = targetGroups.firstIndex(of: first.targetGroup) else {
                throw AccessError("offer type \(type): target group \"\(first.targetGroup)\" was not read with the persons")
            }
            let members = members(group: group)
            if members.isEmpty { warnings.append("offer type \(type): no person is in its target group \"\(first.targetGroup)\" (a type no target group uses?)") }
            let typeOffers = indices.map { offers[$0] }
            let pairs = try pairs(offers: typeOffers, members: members, offNetwork: &offNetwork)
            computed += typeOffers.count
            states.append(TypeState(type: type, group: group, members: members, offers: typeOffers, offerArea: indices.map { offerArea[$0] }, pairs: pairs))
        }
        var results: [AreaResult] = []
        for state in states { results += try evaluate(state) }
        return Outcome(results: results, states: states, offNetwork: offNetwork, warnings: warnings, catchmentsComputed: computed)
    }

    /// The per-area results of one type from its pairs: the methods over the cost list, then sums per area.
    public func evaluate(_ state: TypeState) throws(AccessError) -> [AreaResult] {
        let costs = try CostList(demandCount: state.members.count, supplyCount: state.offers.count, unit: settings.unit, grouped: state.pairs)
        let demand = state.members.map { persons.weights[Int($0)] }
        let problem = try AccessProblem(demand: demand, supply: state.offers.map(\.capacity), costs: costs)
        // Every pair is already within its offer's own catchment.
        var values: [[Double]] = []
        for method in settings.methods {
            let perPerson: [Double]
            switch method {
            case .twoStep: perPerson = try problem.twoStep(catchment: .unlimited, decay: settings.decay).access
            case .threeStep: perPerson = try problem.threeStep(catchment: .unlimited, decay: settings.decay).access
            case .balanced: perPerson = try problem.balanced(catchment: .unlimited, decay: settings.decay).access
            case .spatialAvailability: perPerson = try problem.spatialAvailability(catchment: .unlimited, decay: settings.decay).access
            }
            // FCA values are per unit of demand: weight them by the person's demand; spatial availability
            // is already the supply allocated to the person.
            values.append(method == .spatialAvailability ? perPerson : zip(demand, perPerson).map { $0 * $1 })
        }
        let covered = problem.nearestSupply().map { $0 != nil }
        // Network parts with an offer of this type; persons off the network.
        var partHasOffer: [Bool] = []
        if case .network(let network, let index, let snapLimit) = distances {
            partHasOffer = [Bool](repeating: false, count: network.componentCount)
            for offer in state.offers where offer.capacity > 0 {
                if let p = index.snap(offer.location, limit: snapLimit) {
                    partHasOffer[Int(network.component[Int(network.edges[Int(p.edge)].from)])] = true
                }
            }
        }
        var results = (0..<areaCount).map {
            AreaResult(area: $0, type: state.type, targetGroup: 0, weightedTargetGroup: 0, places: 0, offers: 0, accessible: 0,
                       noOfferInNetworkPart: 0, offNetwork: 0, methodSums: [Double](repeating: 0, count: settings.methods.count))
        }
        for (k, offer) in state.offers.enumerated() {
            let a = Int(state.offerArea[k])
            guard a >= 0 else { continue }
            results[a].places += offer.capacity
            results[a].offers += 1
        }
        for (m, person) in state.members.enumerated() {
            let a = Int(personArea[Int(person)])
            guard a >= 0 else { continue }
            results[a].targetGroup += 1
            results[a].weightedTargetGroup += demand[m]
            if covered[m] { results[a].accessible += 1 }
            if case .network(let network, _, _) = distances {
                if let p = personPositions[Int(person)] {
                    if !partHasOffer[Int(network.component[Int(network.edges[Int(p.edge)].from)])] { results[a].noOfferInNetworkPart += 1 }
                } else {
                    results[a].offNetwork += 1
                }
            }
            for k in 0..<values.count { results[a].methodSums[k] += values[k][m] }
        }
        return results
    }
}
