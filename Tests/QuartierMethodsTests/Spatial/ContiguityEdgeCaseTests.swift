import QuartierGeometry
import QuartierMethods
import Testing

/// Hand-built squares: a 2×2 block, a square touching the block at one corner only, a square 1 cm away
/// (a digitising sliver) and one far away.
@Suite struct ContiguityEdgeCaseTests {
    static func square(_ x: Double, _ y: Double, _ size: Double = 1) -> MultiPolygon {
        MultiPolygon([Polygon(exterior: [Point(x: x, y: y), Point(x: x + size, y: y), Point(x: x + size, y: y + size),
                                         Point(x: x, y: y + size), Point(x: x, y: y)])])
    }

    static let ids = ["a", "b", "c", "d", "corner", "sliver", "far"]
    static let polygons = [square(0, 0), square(1, 0), square(0, 1), square(1, 1), square(2, 2), square(2.01, 0), square(10, 10)]

    func named(_ w: SpatialWeights) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: w.ids.indices.map { (w.ids[$0], w.neighbours[$0].map { w.ids[$0] }) })
    }

    @Test func queenAndRook() throws {
        let queen = named(try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .queen))
        let rook = named(try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .rook))
        #expect(queen["a"] == ["b", "c", "d"])
        #expect(rook["a"] == ["b", "c"])
        #expect(queen["d"] == ["a", "b", "c", "corner"])
        #expect(rook["corner"] == [])
        #expect(queen["sliver"] == [] && queen["far"] == [])
    }

    @Test func islandsAreReported() throws {
        let w = try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .rook)
        #expect(w.islands.map { w.ids[$0] } == ["corner", "sliver", "far"])
    }

    @Test func snappingJoinsSliverNeighbours() throws {
        let queen = named(try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .queen, snap: 0.02))
        let rook = named(try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .rook, snap: 0.02))
        #expect(queen["sliver"] == ["b", "d"])
        #expect(rook["sliver"] == ["b"])
        #expect(queen["far"] == [])
        let exact = try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .queen)
        let zero = try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .queen, snap: 0)
        #expect(exact == zero)
    }

    @Test func snappingReproducesExactNeighboursOnAClosedTiling() throws {
        let exact = try SpatialWeights.contiguity(Array(Self.polygons.prefix(4)), ids: Array(Self.ids.prefix(4)), rule: .rook)
        let snapped = try SpatialWeights.contiguity(Array(Self.polygons.prefix(4)), ids: Array(Self.ids.prefix(4)), rule: .rook, snap: 1e-6)
        #expect(exact == snapped)
    }

    @Test func badInput() {
        #expect(throws: SpatialError.self) { try SpatialWeights.contiguity(Self.polygons, ids: ["a"], rule: .queen) }
        #expect(throws: SpatialError.self) { try SpatialWeights.contiguity([Self.square(0, 0), Self.square(1, 0)], ids: ["a", "a"], rule: .queen) }
        #expect(throws: SpatialError.self) { try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .queen, snap: -1) }
    }

    @Test func rowStandardisedWeightsSumToOne() throws {
        let w = try SpatialWeights.contiguity(Self.polygons, ids: Self.ids, rule: .queen, transform: .rowStandardised)
        for i in w.ids.indices where !w.neighbours[i].isEmpty {
            #expect(abs(w.weights[i].reduce(0, +) - 1) < 1e-15)
        }
    }
}
