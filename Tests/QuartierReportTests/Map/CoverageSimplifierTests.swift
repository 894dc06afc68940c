import Foundation
import Testing
import QuartierGeometry
@testable import QuartierReport

@Suite struct CoverageSimplifierTests {
    struct Segment: Hashable {
        var a: Point, b: Point
        init(_ p: Point, _ q: Point) {
            if p.x < q.x || (p.x == q.x && p.y < q.y) { a = p; b = q } else { a = q; b = p }
        }
    }

    /// Undirected segments of every ring with how many rings use each.
    func segments(_ geometries: [[[[Point]]]]) -> [Segment: Int] {
        var counts: [Segment: Int] = [:]
        for polygons in geometries { for polygon in polygons { for ring in polygon {
            for i in 0..<(ring.count - 1) where ring[i] != ring[i + 1] { counts[Segment(ring[i], ring[i + 1]), default: 0] += 1 }
        } } }
        return counts
    }

    @Test(arguments: [(12, 12), (30, 30), (5, 5)])
    func gridStaysGapFree(columns: Int, rows: Int) throws {
        // SyntheticCity (a square number of areas fills its grid): wiggly interior edges with identical vertices on both sides, straight outer edges.
        let model = SyntheticCity.model(areas: columns * rows)
        let areas = model.areas.filter { $0.level == 0 }
        let before = segments(areas.map { $0.geometry.polygons.map(\.rings) })
        #expect(before.values.allSatisfy { $0 <= 2 })
        let xs = areas.flatMap { $0.geometry.polygons[0].exterior.map(\.x) }, ys = areas.flatMap { $0.geometry.polygons[0].exterior.map(\.y) }
        let box = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let result = CoverageSimplifier(tolerance: 20).simplify(areas.map(\.geometry))
        let after = segments(result.geometries)
        #expect(result.verticesAfter < result.verticesBefore)
        // Gap-free: a segment used by one ring only lies on the straight outer boundary; none is used thrice.
        for (segment, count) in after {
            #expect(count <= 2)
            if count == 1 {
                let onBoundary = (segment.a.x == box.0 && segment.b.x == box.0) || (segment.a.x == box.1 && segment.b.x == box.1)
                    || (segment.a.y == box.2 && segment.b.y == box.2) || (segment.a.y == box.3 && segment.b.y == box.3)
                #expect(onBoundary, "unshared segment inside the coverage: \(segment)")
            }
        }
        // Neighbours of an interior grid cell: rook neighbours sharing an edge (4) .
        if columns >= 3 && rows >= 3 {
            #expect(result.neighbours[columns + 1].count == 4)
        }
    }

    @Test func enclaveSharesItsRing() throws {
        // A square with a hole, and an island area filling the hole.
        let outer = [Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 100), Point(x: 0, y: 100), Point(x: 0, y: 0)]
        var hole: [Point] = []
        for k in 0..<40 {
            let angle = Double(k) / 40 * 2 * Double.pi
            hole.append(Point(x: 50 + 20 * cos(angle) + (k % 2 == 0 ? 0.1 : -0.1), y: 50 + 20 * sin(angle)))
        }
        hole.append(hole[0])
        let ring = MultiPolygon([Polygon(exterior: outer, holes: [hole.reversed()])])
        let island = MultiPolygon([Polygon(exterior: hole)])
        let result = CoverageSimplifier(tolerance: 1).simplify([ring, island])
        #expect(result.neighbours == [[1], [0]])
        let simplifiedHole = try #require(result.geometries[0].first?.last)
        let simplifiedIsland = try #require(result.geometries[1].first?.first)
        #expect(Set(simplifiedHole) == Set(simplifiedIsland))
        #expect(simplifiedIsland.count < hole.count)
        #expect(simplifiedIsland.count >= 4)
    }
}
