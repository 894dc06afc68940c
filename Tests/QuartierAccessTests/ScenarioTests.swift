import QuartierAccess
import QuartierGeometry
import QuartierMethods
import QuartierTestSupport
import Testing

/// What-if scenarios: adding one offer changes only the areas within its catchment and equals a full
/// recomputation with the offer in the inventory; only the added offer's catchment is computed.
@Suite struct ScenarioTests {
    /// 4,000 persons on a 1,400 m square (areas: 200 m cells, 7 × 7), 30 % in the target group, some
    /// with need weight 2; 12 offers.
    static func city(seed: UInt64) -> (PersonPoints, [Int32], [Offer]) {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = [], y: [Double] = [], groups: [UInt64] = [], weights: [Double] = [], areas: [Int32] = []
        for _ in 0..<4000 {
            let px = Double(rng.below(140_000)) / 100, py = Double(rng.below(140_000)) / 100
            x.append(px); y.append(py)
            groups.append(rng.below(10) < 3 ? 1 : 0)
            weights.append(rng.below(5) == 0 ? 2 : 1)
            areas.append(Int32(Int(py / 200) * 7 + Int(px / 200)))
        }
        let offers = (0..<12).map { k in
            Offer(id: "o\(k)", type: "kita", capacity: Double(20 + rng.below(60)), targetGroup: "age < 6",
                  location: Point(x: Double(rng.below(1400)), y: Double(rng.below(1400))), catchment: k % 3 == 0 ? 250 : nil)
        }
        return (PersonPoints(x: x, y: y, lines: (0..<4000).map { Int32($0 + 2) }, groups: groups, weights: weights), areas, offers)
    }

    static func area(_ p: Point) -> Int32 { Int32(Int(min(p.y, 1399) / 200) * 7 + Int(min(p.x, 1399) / 200)) }

    static func distances(network: Bool) throws -> AccessRun.Distances {
        guard network else { return .straightLine }
        let lines = NetworkReferenceTests.generatedLines(seed: 5, size: 15)
        let net = try RoadNetwork(lines: lines, options: .init(snapTolerance: 0, defaultSpeed: 1))
        return .network(net, SegmentIndex(net), snapLimit: 60)
    }

    @Test(arguments: [false, true])
    func addingOneOfferIsLocalAndEqualsFullRecomputation(network: Bool) throws {
        let (persons, personArea, offers) = Self.city(seed: 11)
        let settings = AccessRun.Settings(catchment: 400, decay: .steps([.init(upTo: 150, weight: 1), .init(upTo: 300, weight: 0.6), .init(upTo: 400, weight: 0.2)]),
                                          methods: [.twoStep, .spatialAvailability], unit: "m", threads: 2)
        let run = try AccessRun(persons: persons, personArea: personArea, areaCount: 49, targetGroups: ["age < 6"], settings: settings,
                                distances: try Self.distances(network: network))
        let base = try run.compute(offers: offers, offerArea: offers.map { Self.area($0.location) })
        let added = Offer(id: "new", type: "kita", capacity: 50, targetGroup: "age < 6", location: Point(x: 700, y: 700), catchment: 300)
        let scenario = try run.apply([.add(added)], to: base, area: Self.area)
        #expect(scenario.catchmentsComputed == 1)
        let all = offers + [added]
        let full = try run.compute(offers: all, offerArea: all.map { Self.area($0.location) })
        #expect(scenario.results == full.results)
        // The areas that changed all hold a person of the target group within the new offer's catchment
        // (or the offer itself); areas without such a person keep every figure.
        let state = try #require(scenario.states.first)
        let reached = Set(state.pairs.last!.map { personArea[Int(state.members[Int($0.0)])] })
        try #require(base.results.count == scenario.results.count)
        var changed = Set<Int32>()
        for (before, after) in try zipEqual(base.results, scenario.results) where before != after { changed.insert(Int32(before.area)) }
        #expect(!changed.isEmpty)
        #expect(changed.isSubset(of: reached.union([Self.area(added.location)])), "changed \(changed.sorted()), reached \(reached.sorted())")
        #expect(changed.count < 49)
    }

    @Test func removeMoveResizeEqualFullRecomputation() throws {
        let (persons, personArea, offers) = Self.city(seed: 12)
        let settings = AccessRun.Settings(catchment: 400, methods: [.twoStep, .threeStep, .balanced, .spatialAvailability], threads: 2)
        let run = try AccessRun(persons: persons, personArea: personArea, areaCount: 49, targetGroups: ["age < 6"], settings: settings, distances: .straightLine)
        let base = try run.compute(offers: offers, offerArea: offers.map { Self.area($0.location) })
        let scenario = try run.apply([.remove(id: "o1"), .move(id: "o2", to: Point(x: 100, y: 100)), .resize(id: "o3", capacity: 5)], to: base, area: Self.area)
        #expect(scenario.catchmentsComputed == 1)
        var changed = offers
        changed.remove(at: 1)
        changed[1].location = Point(x: 100, y: 100)   // o2 (now at index 1)
        changed[2].capacity = 5                       // o3
        let full = try run.compute(offers: changed, offerArea: changed.map { Self.area($0.location) })
        #expect(scenario.results == full.results)
        #expect(throws: AccessError.self) { try run.apply([.remove(id: "nope")], to: base, area: Self.area) }
    }
}
