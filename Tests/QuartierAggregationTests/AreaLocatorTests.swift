import QuartierAggregation
import QuartierGEOS
import QuartierGeometry
import QuartierMethods // SeededGenerator (SplitMix64), the one seeded generator
import Testing

@Suite("AreaLocator: exact point in area")
struct AreaLocatorTests {
    /// What GEOS says: interior of the first area that contains the point, else the boundary of the
    /// first that covers it, else exterior (the independent check of every table row).
    static func geosLocation(_ areas: [MultiPolygon], _ x: Double, _ y: Double) throws -> PointLocation {
        let point = try GeometryHandle(.point(Point(x: x, y: y)))
        var boundary: Int?
        for (i, area) in areas.enumerated() {
            let handle = try GeometryHandle(area)
            if try handle.contains(point) { return .interior(i) }
            if boundary == nil, try handle.covers(point) { boundary = i }
        }
        return boundary.map { .boundary($0) } ?? .exterior
    }

    struct Case: Sendable, CustomStringConvertible {
        var what: String
        var x: Double
        var y: Double
        var expected: PointLocation
        var description: String { "\(what) (\(x) \(y))" }
    }

    static let cases: [Case] = [
        Case(what: "interior of a square with holes", x: 5, y: 5, expected: .interior(0)),
        Case(what: "interior of a clockwise ring", x: 15, y: 5, expected: .interior(1)),
        Case(what: "on a shared edge", x: 10, y: 5, expected: .boundary(0)),
        Case(what: "on a vertex shared by three areas", x: 10, y: 10, expected: .boundary(0)),
        Case(what: "in a hole that belongs to nobody", x: 3, y: 3, expected: .exterior),
        Case(what: "on a hole's edge", x: 2, y: 3, expected: .boundary(0)),
        Case(what: "on a hole's vertex", x: 4, y: 4, expected: .boundary(0)),
        Case(what: "in an exclave (island in another area's hole)", x: 7, y: 7, expected: .interior(2)),
        Case(what: "on the exclave's edge", x: 6, y: 7, expected: .boundary(0)),
        Case(what: "in the main part of a multipolygon", x: 5, y: 15, expected: .interior(2)),
        Case(what: "outside everything", x: 25, y: 5, expected: .exterior),
        Case(what: "outside, level with a horizontal edge", x: 25, y: 10, expected: .exterior),
        Case(what: "a vertex of the clockwise ring", x: 20, y: 0, expected: .boundary(1)),
        Case(what: "just outside an edge", x: -1e-9, y: 5, expected: .exterior),
        Case(what: "just inside an edge", x: 1e-9, y: 5, expected: .interior(0)),
        Case(what: "on the outer boundary, bottom edge", x: 15, y: 0, expected: .boundary(1)),
    ]

    @Test("hand-made areas: holes, exclaves, shared edges, vertices, a clockwise ring", arguments: cases)
    func threeAreas(_ c: Case) throws {
        let locator = AreaLocator(areas: AggregationFixtures.threeAreas)
        #expect(locator.locate(x: c.x, y: c.y) == c.expected)
        #expect(try Self.geosLocation(AggregationFixtures.threeAreas, c.x, c.y) == c.expected)
    }

    @Test("the answer does not depend on the grid resolution", arguments: [0.01, 0.3, 1.0, 16.0])
    func gridResolution(_ cellsPerEdge: Double) {
        let locator = AreaLocator(areas: AggregationFixtures.threeAreas, cellsPerEdge: cellsPerEdge)
        for c in Self.cases { #expect(locator.locate(x: c.x, y: c.y) == c.expected, "\(c)") }
    }

    @Test("boundary rules: contains leaves boundary points in no area, lowest-id gives them to the smallest id")
    func boundaryRules() {
        let locator = AreaLocator(areas: AggregationFixtures.threeAreas)
        let code = locator.cellCode(x: 10, y: 5)
        #expect(locator.assign(x: 10, y: 5, code: code, rule: .contains) == (nil, true))
        #expect(locator.assign(x: 10, y: 5, code: code, rule: .lowestID) == (0, false))
        let inside = locator.cellCode(x: 15, y: 5)
        #expect(locator.assign(x: 15, y: 5, code: inside, rule: .contains) == (1, false))
    }

    @Test("UTM coordinates on a 1 mm grid: on, just above and just below a diagonal edge, as GEOS says",
          arguments: [(361_001.500, 5_645_000.500), (361_001.500, 5_645_000.501), (361_001.500, 5_645_000.499),
                      (361_000.003, 5_645_000.001), (361_002.999, 5_645_001.000), (361_003.000, 5_645_001.000)])
    func nearlyCollinear(_ xy: (Double, Double)) throws {
        let locator = AreaLocator(areas: AggregationFixtures.utmTriangle)
        let expected = try Self.geosLocation(AggregationFixtures.utmTriangle, xy.0, xy.1)
        #expect(locator.locate(x: xy.0, y: xy.1) == expected)
    }

    @Test("an empty area set and empty geometries locate nothing")
    func empty() {
        #expect(AreaLocator(areas: []).locate(x: 0, y: 0) == .exterior)
        let locator = AreaLocator(areas: [.empty, AggregationFixtures.threeAreas[1]])
        #expect(locator.locate(x: 15, y: 5) == .interior(1))
        #expect(locator.locate(x: 5, y: 5) == .exterior)
    }
}

@Suite("ExactOrientation")
struct ExactOrientationTests {
    @Test("agrees with integer arithmetic on millimetre coordinates near collinearity")
    func nearlyCollinear() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0 ..< 20_000 {
            let ax = 361_000_000 + Int64(generator.next() % 10_000_000), ay = 5_645_000_000 + Int64(generator.next() % 10_000_000)
            let dx = Int64(generator.next() % 200_000) - 100_000, dy = Int64(generator.next() % 200_000) - 100_000
            let t = Int64(generator.next() % 1000)
            let jitter = Int64(generator.next() % 3) - 1
            let a = (ax, ay), b = (ax + dx, ay + dy)
            let c = (ax + dx * t / 1000, ay + dy * t / 1000 + jitter)
            let mm = { (v: Int64) in Double(v) / 1000 }
            let sign = ExactOrientation.sign(ax: mm(a.0), ay: mm(a.1), bx: mm(b.0), by: mm(b.1), cx: mm(c.0), cy: mm(c.1))
            // The decimal millimetre values are not exactly representable; compare with the exact
            // sign of the doubles, computed from their exact binary values as integers of 2^-34 m.
            let scale = 17_179_869_184.0 // 2^34: every double here (2^18 ≤ |v| < 2^23) is a multiple of 2^-34
            let s = { (v: Int64) in Int64(mm(v) * scale) }
            let exact = Self.exactSign((s(a.0), s(a.1)), (s(b.0), s(b.1)), (s(c.0), s(c.1)))
            #expect(sign == exact)
        }
    }

    /// Exact sign with 128-bit products.
    static func exactSign(_ a: (Int64, Int64), _ b: (Int64, Int64), _ c: (Int64, Int64)) -> Int {
        let left = Int128(b.0 - a.0) * Int128(c.1 - a.1)
        let right = Int128(b.1 - a.1) * Int128(c.0 - a.0)
        return left > right ? 1 : (left < right ? -1 : 0)
    }
}
