import QuartierGEOS
import QuartierGeometry
import Testing
@testable import Quartier

/// The union that forms a level from its children: GEOS's coverage union where it checks out, the
/// overlay union otherwise (children that overlap, or edges that do not match vertex for vertex).
@Suite struct DissolveUnionTests {
    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Polygon {
        Polygon(exterior: [Point(x: x0, y: y0), Point(x: x1, y: y0), Point(x: x1, y: y1), Point(x: x0, y: y1), Point(x: x0, y: y0)])
    }

    static let cases: [(name: String, parts: [Polygon], area: Double)] = [
        ("a clean coverage of four blocks", [square(0, 0, 1, 1), square(1, 0, 2, 1), square(0, 1, 1, 2), square(1, 1, 2, 2)], 4),
        ("two blocks that overlap", [square(0, 0, 2, 2), square(1, 1, 3, 3)], 7),
        ("a T-junction: the shared edge has a vertex on one side only",
         [square(0, 0, 1, 2), Polygon(exterior: [Point(x: 1, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 2), Point(x: 1, y: 2),
                                                Point(x: 1, y: 1), Point(x: 1, y: 0)])], 4),
        ("blocks apart (an exclave)", [square(0, 0, 1, 1), square(5, 5, 6, 6)], 2),
    ]

    @Test(arguments: cases.indices)
    func unionEqualsTheOverlayUnion(index: Int) throws {
        let (name, parts, area) = Self.cases[index]
        let union = try AreaSet.union(of: MultiPolygon(parts))
        let overlay = try GeometryHandle(MultiPolygon(parts)).unaryUnion()
        let handle = try GeometryHandle(union)
        #expect(try handle.isValid, "\(name)")
        #expect(abs(try handle.area - area) < 1e-9, "\(name)")
        // The same point set as the overlay union: their symmetric difference has no area.
        #expect(try handle.difference(with: overlay).area + overlay.difference(with: handle).area < 1e-9, "\(name)")
    }
}
