import QuartierGEOS
import QuartierGeometry
import QuartierMethods
import Testing
@testable import Quartier

/// QuartierGeometry's `CoverageUnion` (shared edges cancelled, the rest traced into rings) against
/// GEOS's overlay union: the same point set, a valid result, the rings OGC wants (touching polygons
/// apart, a hole touching its exterior as a ring of its own).
@Suite struct CoverageUnionTests {
    /// Unit cells (column, row) of a grid as squares, corners from `corner` (so shared vertices match).
    static func cells(_ cells: [(Int, Int)], corner: (Int, Int) -> Point = { Point(x: Double($0), y: Double($1)) }) -> MultiPolygon {
        MultiPolygon(cells.map { c, r in
            Polygon(exterior: [corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1), corner(c, r)])
        })
    }

    static let all3x3 = (0 ..< 3).flatMap { c in (0 ..< 3).map { r in (c, r) } }

    /// name, cells, polygons, holes, area.
    static let cases: [(String, [(Int, Int)], Int, Int, Double)] = [
        ("a 3 x 3 block", all3x3, 1, 0, 9),
        ("a ring around an empty cell: one hole", all3x3.filter { $0 != (1, 1) }, 1, 1, 8),
        ("two cells touching at a corner: two polygons", [(0, 0), (1, 1)], 2, 0, 2),
        ("a hole touching the exterior at a point: its own ring", all3x3.filter { $0 != (1, 1) && $0 != (0, 0) }, 1, 1, 7),
        ("two holes touching each other at a point", (0 ..< 4).flatMap { c in (0 ..< 4).map { r in (c, r) } }.filter { $0 != (1, 1) && $0 != (2, 2) }, 1, 2, 14),
        ("one cell", [(5, 5)], 1, 0, 1),
        ("apart (an exclave)", [(0, 0), (5, 5), (5, 6)], 2, 0, 3),
    ]

    @Test(arguments: cases.indices)
    func shapes(index: Int) throws {
        let (name, cells, polygons, holes, area) = Self.cases[index]
        let input = Self.cells(cells)
        let union = try #require(CoverageUnion.union(input), "\(name)")
        #expect(union.polygons.count == polygons, "\(name)")
        #expect(union.polygons.reduce(0) { $0 + $1.holes.count } == holes, "\(name)")
        try Self.expectUnion(union, of: input, area: area, name)
    }

    /// Random subsets of a jittered grid (shared vertices moved together, so the cells stay a
    /// coverage), 200 seeds: always valid and the overlay union's point set.
    @Test func randomCoverages() throws {
        var generator = SeededGenerator(seed: 20261203)
        var compared = 0
        for _ in 0 ..< 200 {
            let size = 6
            var jitter: [Point] = []
            for _ in 0 ... (size + 1) * (size + 1) { jitter.append(Point(x: generator.uniform(-0.3, 0.3), y: generator.uniform(-0.3, 0.3))) }
            let corner = { (c: Int, r: Int) -> Point in
                let j = jitter[c * (size + 1) + r]
                return Point(x: Double(c) * 10 + j.x, y: Double(r) * 10 + j.y)
            }
            let chosen = (0 ..< size).flatMap { c in (0 ..< size).map { r in (c, r) } }.filter { _ in generator.unit() < 0.6 }
            guard !chosen.isEmpty else { continue }
            let input = Self.cells(chosen, corner: corner)
            let union = try #require(CoverageUnion.union(input))
            let summed = try input.polygons.reduce(0.0) { try $0 + GeometryHandle(MultiPolygon([$1])).area }
            try Self.expectUnion(union, of: input, area: summed, "\(chosen)")
            compared += 1
        }
        #expect(compared > 190)
    }

    /// Not a coverage: the traced rings are not a valid polygon set (or nil), and the dissolve's union
    /// falls back to the overlay union.
    @Test(arguments: [
        ("overlapping squares", [Polygon(exterior: [Point(x: 0, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 2), Point(x: 0, y: 2), Point(x: 0, y: 0)]),
                                 Polygon(exterior: [Point(x: 1, y: 1), Point(x: 3, y: 1), Point(x: 3, y: 3), Point(x: 1, y: 3), Point(x: 1, y: 1)])], 7.0),
        ("the same square twice", [Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1), Point(x: 0, y: 0)]),
                                   Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1), Point(x: 0, y: 0)])], 1.0),
        ("a T-junction", [Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 2), Point(x: 0, y: 2), Point(x: 0, y: 0)]),
                          Polygon(exterior: [Point(x: 1, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 2), Point(x: 1, y: 2), Point(x: 1, y: 1), Point(x: 1, y: 0)])], 4.0),
    ])
    func notACoverage(name: String, parts: [Polygon], area: Double) throws {
        let input = MultiPolygon(parts)
        if let traced = CoverageUnion.union(input) { #expect(try !GeometryHandle(traced).isValid, "\(name)") }
        let union = try #require(AreaSet.union(of: input).areal)
        try Self.expectUnion(union, of: input, area: area, name)
    }

    static func expectUnion(_ union: MultiPolygon, of input: MultiPolygon, area: Double, _ name: String) throws {
        let handle = try GeometryHandle(union)
        let overlay = try GeometryHandle(input).unaryUnion()
        let reason = try handle.validityReason()
        #expect(try handle.isValid, "\(name): \(reason)")
        #expect(abs(try handle.area - area) < 1e-9 * max(area, 1), "\(name)")
        #expect(try handle.difference(with: overlay).area + overlay.difference(with: handle).area < 1e-9 * max(area, 1), "\(name)")
    }
}
