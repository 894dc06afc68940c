import QuartierAccess
import QuartierTestSupport
import Testing

/// The published test examples of the two peers, reproduced to their printed digits.
@Suite struct PublishedExamplesTests {
    /// PySAL `access`, `access/tests/test_hospital_example.py` (github.com/pysal/access, `TestHospitalExample`):
    /// three tracts (pop 100, 50, 10; doctors 15, 20, 100), costs self 1, inbound/outbound/cross-city per
    /// scenario, `weights.gravity(1, -1)` (1/cost), `max_cost=61`. The expected values are the test's own
    /// reference `simple_2sfca` (which the test asserts `Access` equals), transcribed to plain Python without
    /// pandas and printed with `repr` (17 significant digits): /tmp script in the report of issue 14, the
    /// formula as in the test file: d_h = Σ_res pop/god, r_h = doc/d_h, a_res = Σ_h r_h/god, with
    /// god = od / (w / Σ_dest w) for the three-stage variant (G over every listed destination). PySAL
    /// `access` 1.1.10.post3 itself (`Access.two_stage_fca` / `three_stage_fca`, same parameters) prints the
    /// same values up to the last digit (relative differences <= 2.2e-16).
    static func hospitalCosts(inbound: Double, outbound: Double, crossCity: Double) throws -> CostList {
        // tracts 1, 2, 3 -> index 0, 1, 2; an entry is (origin = demand, dest = supply).
        let pairs: [(Int, Int, Double)] = [(0, 0, 1), (1, 1, 1), (2, 2, 1),
                                           (0, 2, inbound), (1, 2, inbound),
                                           (2, 0, outbound), (2, 1, outbound),
                                           (0, 1, crossCity), (1, 0, crossCity)]
        return try CostList(demandCount: 3, supplyCount: 3, unit: "min",
                            entries: pairs.map { CostList.Entry(demand: $0.0, supply: $0.1, cost: $0.2) })
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var inbound: Double, outbound: Double, crossCity: Double
        var twoStep: [Double]
        var threeStep: [Double]
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "0 gridlock", inbound: 40, outbound: 40, crossCity: 80,
                 twoStep: [0.3314441169802766, 0.5798281320669381, 7.286418169862544],
                 threeStep: [0.1562565882906198, 0.4062164524508605, 9.906351854839498]),
        Scenario(name: "1 faster inbound", inbound: 20, outbound: 40, crossCity: 80,
                 twoStep: [0.43534022087638047, 0.683724235963042, 5.727976611420986],
                 threeStep: [0.17381354292075432, 0.4237724400887543, 9.643002370348684]),
        Scenario(name: "2 faster outbound", inbound: 40, outbound: 20, crossCity: 80,
                 twoStep: [0.3310719131614654, 0.5778577857785778, 7.299991939492457],
                 threeStep: [0.15652592741822577, 0.4063727409520744, 9.902877021057371]),
        Scenario(name: "3 symmetric, faster", inbound: 20, outbound: 20, crossCity: 40,
                 twoStep: [0.44256839539858406, 0.6667582799658271, 5.7405246461850234],
                 threeStep: [0.1748021480798136, 0.4240355085565261, 9.631800976419234]),
    ]

    @Test(arguments: scenarios)
    func pysalHospitalExample(_ s: Scenario) throws {
        let problem = try AccessProblem(demand: [100, 50, 10], supply: [15, 20, 100],
                                        costs: try Self.hospitalCosts(inbound: s.inbound, outbound: s.outbound, crossCity: s.crossCity))
        let decay = DistanceDecay.gravity(scale: 1, exponent: -1, minimum: 0)
        let two = try problem.twoStep(catchment: Catchment(limit: 61), decay: decay).access
        let three = try problem.threeStep(catchment: Catchment(limit: 61), decay: decay, selection: .allListedPairs).access
        try #require(two.count == 3 && three.count == 3)
        for i in 0..<3 {
            #expect(abs(two[i] - s.twoStep[i]) <= 1e-14 * s.twoStep[i], "2SFCA tract \(i + 1)")
            #expect(abs(three[i] - s.threeStep[i]) <= 1e-14 * s.threeStep[i], "3SFCA tract \(i + 1)")
        }
    }

    /// The test's qualitative assertions (scenario 0 against 1, 2, 3) hold too.
    @Test func pysalHospitalDirections() throws {
        let decay = DistanceDecay.gravity(scale: 1, exponent: -1, minimum: 0)
        let values = try Self.scenarios.map { s in
            try AccessProblem(demand: [100, 50, 10], supply: [15, 20, 100],
                              costs: try Self.hospitalCosts(inbound: s.inbound, outbound: s.outbound, crossCity: s.crossCity))
                .twoStep(catchment: Catchment(limit: 61), decay: decay).access
        }
        #expect(values[1][0] > values[0][0] && values[1][1] > values[0][1] && values[1][2] < values[0][2])
        #expect(values[2][0] < values[0][0] && values[2][1] < values[0][1] && values[2][2] > values[0][2])
        #expect(values[3][0] > values[0][0] && values[3][1] > values[0][1] && values[3][2] < values[0][2])
    }

    /// The catchment is closed: a pair exactly at the limit counts (PySAL filters `cost <= max_cost`).
    @Test func catchmentIsClosed() throws {
        let costs = try Self.hospitalCosts(inbound: 40, outbound: 40, crossCity: 80)
        let problem = try AccessProblem(demand: [100, 50, 10], supply: [15, 20, 100], costs: costs)
        let at = try problem.twoStep(catchment: Catchment(limit: 80), decay: .none).access
        let below = try problem.twoStep(catchment: Catchment(limit: 79.999), decay: .none).access
        #expect(at != below)
        // With every pair inside, plain 2SFCA hands out the whole supply: Σ P·A = Σ S.
        let handedOut = try zipEqual([100.0, 50, 10], at).map { $0 * $1 }.reduce(0, +)
        #expect(abs(handedOut - 135) < 1e-9)
    }

    /// R `accessibility`, `tests/testthat/test-spatial_availability.R`, "calculates spatial availability
    /// correctly" (github.com/ipeaGIT/accessibility; the example of `?spatial_availability`, after
    /// Soukhov et al. 2023): origins A, B, C (population 50,000, 150,000, 10,000), destinations 1, 2, 3
    /// (jobs 100,000, 100,000, 10,000), travel times 15 30 100 / 30 15 100 / 100 100 15,
    /// `decay_exponential(0.1)`. The test expects `round(jobs, 0)` = 66833, 133203, 9963.
    @Test func rSpatialAvailabilityExample() throws {
        let times: [[Double]] = [[15, 30, 100], [30, 15, 100], [100, 100, 15]]
        var entries: [CostList.Entry] = []
        for i in 0..<3 { for j in 0..<3 { entries.append(CostList.Entry(demand: i, supply: j, cost: times[i][j])) } }
        let problem = try AccessProblem(demand: [50_000, 150_000, 10_000], supply: [100_000, 100_000, 10_000],
                                        costs: try CostList(demandCount: 3, supplyCount: 3, unit: "min", entries: entries))
        let sa = try problem.spatialAvailability(catchment: .unlimited, decay: .exponential(rate: 0.1)).access
        try #require(sa.count == 3)
        #expect(sa.map { $0.rounded() } == [66833, 133203, 9963])
        // More digits, from the formula in plain Python (repr): 66833.46577090454, 133203.36286390296, 9963.171365192471.
        for (value, expected) in try zipEqual(sa, [66833.46577090454, 133203.36286390296, 9963.171365192471]) {
            #expect(abs(value - expected) <= 1e-9 * expected)
        }
        #expect(abs(sa.reduce(0, +) - 210_000) < 1e-6)
    }

    /// PySAL `access` `weights.step_fn` and `weights.gaussian` docstring examples.
    @Test func decayDocstringExamples() throws {
        let step = DistanceDecay.steps([.init(upTo: 20, weight: 1), .init(upTo: 40, weight: 0.68), .init(upTo: 60, weight: 0.22)])
        #expect(stride(from: 0.0, through: 70, by: 10).map { step.weight($0) } == [1, 1, 1, 0.68, 0.68, 0.22, 0.22, 0])
        let gauss = DistanceDecay.gaussian(sigma: 20)
        let expected = [1.0, 0.6065306597126334, 0.1353352832366127, 0.011108996538242306]
        for (k, c) in [0.0, 20, 40, 60].enumerated() { #expect(abs(gauss.weight(c) - expected[k]) <= 1e-15) }
        #expect(throws: AccessError.self) { try DistanceDecay.steps([.init(upTo: 20, weight: 1), .init(upTo: 10, weight: 0.5)]).validated() }
    }
}
