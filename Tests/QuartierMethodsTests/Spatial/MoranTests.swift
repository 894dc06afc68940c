import QuartierGeometry
import QuartierMethods
import QuartierTestSupport
import Testing

@Suite struct MoranTests {
    /// METHODS.md: four areas in a line (rook), y = [1, 2, 3, 4]. VI_norm and VI_rand from esda 2.9.0
    /// (`scripts/reference/spatial_reference.py`, last line of its output).
    @Test func fourAreaVector() throws {
        let w = SpatialWeights(ids: ["1", "2", "3", "4"], neighbours: [[1], [0, 2], [1, 3], [2]], transform: .rowStandardised)
        let y: [Double] = [1, 2, 3, 4]
        let global = try GlobalMoran.compute(y, weights: w, permutations: 0)
        #expect(abs(global.I - 0.4) < 1e-12)
        #expect(abs(global.EI - (-1.0 / 3)) < 1e-15)
        #expect(abs(global.VI_norm - 0.17222222222222222) < 1e-12)
        #expect(abs(global.VI_rand - 0.21555555555555556) < 1e-12)
        let local = try LocalMoran.compute(y, weights: w, permutations: 0)
        for (ours, expected) in try zipEqual(local.Is, [0.45, 0.15, 0.15, 0.45]) { #expect(abs(ours - expected) < 1e-12) }
        #expect(local.q == [.LL, .LL, .HH, .HH])
    }

    /// esda 2.9.0 `Moran(y, w, permutations=999)` with queen weights row-standardised ("r"), from
    /// `python3 scripts/reference/spatial_reference.py` (printed rows pasted here).
    static let esda: [(name: String, data: String, idProperty: String, I: Double, EI: Double, VI_norm: Double, z_norm: Double, p_norm: Double,
                       VI_rand: Double, z_rand: Double, p_rand: Double)] = [
        ("berlin2021_s4", "berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson", "plr_id",
         0.5196240585673932, -0.001869158878504673, 0.0006604576191122876, 20.292062302051182, 1.5112121882852878e-91,
         0.0006610537032411222, 20.282911378158307, 1.820316245604349e-91),
        ("manchester_imdrank", "uk-imd-2019/lsoa11_manchester_wgs84_simplified.geojson", "lsoa11_code",
         0.5321699190531448, -0.0035587188612099642, 0.0013469305296574445, 14.597290945868851, 2.92228676070084e-48,
         0.001343688299988705, 14.614891476623574, 2.2571377245197676e-48),
    ]

    /// The weights of the reference: queen contiguity over the areas that have a value in the fixture.
    static func inputs(_ index: Int) throws -> (y: [Double], w: SpatialWeights, rows: [(id: String, y: Double, Is: Double, q: Int, p: Double)]) {
        let c = esda[index]
        let rows = try ReferenceFixtures.local("\(c.name)_local.csv")
        let (ids, polygons) = try ReferenceFixtures.polygons(c.data, idProperty: c.idProperty)
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let subset = try rows.map { try #require(position[$0.id]) }
        let w = try SpatialWeights.contiguity(subset.map { polygons[$0] }, ids: rows.map(\.id), rule: .queen, transform: .rowStandardised)
        return (rows.map(\.y), w, rows)
    }

    @Test(arguments: 0..<esda.count)
    func globalMoranEqualsEsda(_ index: Int) throws {
        let c = Self.esda[index]
        let (y, w, _) = try Self.inputs(index)
        let m = try GlobalMoran.compute(y, weights: w, permutations: 999, seed: 7)
        for (ours, theirs, name) in [(m.I, c.I, "I"), (m.EI, c.EI, "EI"), (m.VI_norm, c.VI_norm, "VI_norm"), (m.VI_rand, c.VI_rand, "VI_rand")] {
            #expect(abs(ours - theirs) <= 1e-9, "\(c.name) \(name): \(ours) vs \(theirs)")
        }
        #expect(abs(m.z_norm - c.z_norm) <= 1e-9 * abs(c.z_norm))
        #expect(abs(m.z_rand - c.z_rand) <= 1e-9 * abs(c.z_rand))
        #expect(abs(m.p_norm - c.p_norm) <= 1e-6 * c.p_norm)
        #expect(abs(m.p_rand - c.p_rand) <= 1e-6 * c.p_rand)
        // esda's p_sim with 999 permutations is 0.001 for both (I far in the tail): so must ours be.
        #expect(m.permutation?.p_sim == 0.001)
    }

    @Test(arguments: 0..<esda.count)
    func localMoranEqualsEsda(_ index: Int) throws {
        let (y, w, rows) = try Self.inputs(index)
        let local = try LocalMoran.compute(y, weights: w, permutations: 999, seed: 7)
        var far = 0
        for (i, row) in rows.enumerated() {
            #expect(abs(local.Is[i] - row.Is) <= 1e-9, "\(row.id): Is \(local.Is[i]) vs \(row.Is)")
            #expect(local.q[i]?.rawValue == row.q, "\(row.id): q")
            // Two independent estimates from 999 permutations each: within 5 standard errors of their difference.
            let p = try #require(local.p_sim[i])
            let se = (2 * row.p * (1 - row.p) / 999).squareRoot()
            if abs(p - row.p) > 5 * se + 0.002 { far += 1; Issue.record("\(row.id): p_sim \(p) vs esda \(row.p)") }
        }
        #expect(far == 0)
    }

    @Test func samePermutationsForTheSameSeed() throws {
        let (y, w, _) = try Self.inputs(1)
        let a = try LocalMoran.compute(y, weights: w, permutations: 99, seed: 3)
        let b = try LocalMoran.compute(y, weights: w, permutations: 99, seed: 3)
        #expect(a == b)
        let g1 = try GlobalMoran.compute(y, weights: w, permutations: 99, seed: 3)
        let g2 = try GlobalMoran.compute(y, weights: w, permutations: 99, seed: 3)
        #expect(g1 == g2)
    }

    @Test func islandsAreReportedNotCrashedOn() throws {
        let polygons = ContiguityEdgeCaseTests.polygons
        let w = try SpatialWeights.contiguity(polygons, ids: ContiguityEdgeCaseTests.ids, rule: .rook, transform: .rowStandardised)
        let y: [Double] = [1, 5, 2, 7, 3, 9, 4]
        let global = try GlobalMoran.compute(y, weights: w, permutations: 99)
        #expect(global.islands == [4, 5, 6])
        #expect(global.I.isFinite && global.VI_rand.isFinite)
        let local = try LocalMoran.compute(y, weights: w, permutations: 99)
        #expect(local.islands == [4, 5, 6])
        #expect(local.q[4] == nil && local.p_sim[4] == nil && local.Is[4] == 0)
        #expect(local.p_sim[0] != nil && local.p_fdr[0] != nil)
    }

    /// zᵀWz folded onto the upper triangle must equal the plain double sum for asymmetric weights too
    /// (here: one-way links, as a GAL file may hold).
    @Test func asymmetricWeightsGiveThePlainStatistic() throws {
        let w = SpatialWeights(ids: ["a", "b", "c", "d", "e"], neighbours: [[1, 2], [2], [0, 3], [4], [0, 1, 3]], transform: .rowStandardised)
        let y: [Double] = [3, 1, 4, 1, 5]
        let m = y.reduce(0, +) / 5, z = y.map { $0 - m }
        var cross = 0.0, s0 = 0.0
        for i in 0..<5 { for (j, wij) in zip(w.neighbours[i], w.weights[i]) { cross += wij * z[i] * z[j]; s0 += wij } }  // zip: lengths equal by construction
        let expected = 5 / s0 * cross / z.reduce(0) { $0 + $1 * $1 }
        #expect(abs(try GlobalMoran.compute(y, weights: w, permutations: 0).I - expected) < 1e-14)
    }

    /// Every ordering of four values is about equally frequent (24 orderings, 48,000 shuffles: each within
    /// 6 standard deviations of 2,000).
    @Test func shuffleIsUniform() {
        var generator = SeededGenerator(seed: 99)
        var counts: [[Int]: Int] = [:]
        var values = [0, 1, 2, 3]
        for _ in 0..<48_000 {
            values.withUnsafeMutableBufferPointer { generator.shuffle($0) }
            counts[values, default: 0] += 1
        }
        #expect(counts.count == 24)
        let sd = (48_000.0 * (1.0 / 24) * (23.0 / 24)).squareRoot()
        #expect(counts.values.allSatisfy { abs(Double($0) - 2000) < 6 * sd })
    }

    @Test func badInput() {
        let w = SpatialWeights(ids: ["1", "2", "3", "4"], neighbours: [[1], [0, 2], [1, 3], [2]], transform: .rowStandardised)
        #expect(throws: SpatialError.self) { try GlobalMoran.compute([1, 1, 1, 1], weights: w) }
        #expect(throws: SpatialError.self) { try GlobalMoran.compute([1, 2, 3], weights: w) }
        #expect(throws: SpatialError.self) { try LocalMoran.compute([1, .nan, 3, 4], weights: w) }
        let none = SpatialWeights(ids: ["1", "2", "3", "4"], neighbours: [[], [], [], []])
        #expect(throws: SpatialError.self) { try GlobalMoran.compute([1, 2, 3, 4], weights: none) }
    }

    @Test func benjaminiHochbergAndBonferroni() throws {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "BH") = 0.04 0.0533 0.0533 0.2; "bonferroni" = 0.04 0.16 0.12 0.8
        let p: [Double?] = [0.01, 0.04, nil, 0.03, 0.2]
        let bh = MultipleTesting.benjaminiHochberg(p)
        let expected: [Double?] = [0.04, 0.16 / 3, nil, 0.16 / 3, 0.2]
        for (a, b) in try zipEqual(bh, expected) { #expect(a == nil ? b == nil : abs(a! - b!) < 1e-15) }
        #expect(MultipleTesting.bonferroni(p).map { $0.map { ($0 * 1e12).rounded() / 1e12 } } == [0.04, 0.16, nil, 0.12, 0.8])
    }
}
