import Foundation
import QuartierAtlas
import QuartierGeometry
import Testing

@Suite struct AtlasTopologyTests {
    static func square(_ x: Double, _ y: Double, _ s: Double) -> [Point] {
        [Point(x: x, y: y), Point(x: x + s, y: y), Point(x: x + s, y: y + s), Point(x: x, y: y + s), Point(x: x, y: y)]
    }

    /// The largest distance from any point of `a`'s rings to the boundary of `b` (a one-sided Hausdorff
    /// distance over vertices; both directions are checked by the callers).
    static func vertexDistance(_ a: MultiPolygon, to b: MultiPolygon) -> Double {
        var segments: [(Point, Point)] = []
        for polygon in b.polygons { for ring in polygon.rings { for i in 0..<max(ring.count - 1, 0) { segments.append((ring[i], ring[i + 1])) } } }
        var worst = 0.0
        for polygon in a.polygons { for ring in polygon.rings { for p in ring {
            var best = Double.infinity
            for (s, t) in segments {
                let dx = t.x - s.x, dy = t.y - s.y, l = dx * dx + dy * dy
                let u = l > 0 ? max(0, min(1, ((p.x - s.x) * dx + (p.y - s.y) * dy) / l)) : 0
                let qx = s.x + u * dx - p.x, qy = s.y + u * dy - p.y
                best = min(best, (qx * qx + qy * qy).squareRoot())
            }
            worst = max(worst, best)
        } } }
        return worst
    }

    static let cases: [(String, [MultiPolygon])] = [
        ("two squares sharing an edge", [MultiPolygon([Polygon(exterior: square(0, 0, 10))]), MultiPolygon([Polygon(exterior: square(10, 0, 10))])]),
        ("a hole and the island filling it", [
            MultiPolygon([Polygon(exterior: square(0, 0, 30), holes: [square(10, 10, 10).reversed()])]),
            MultiPolygon([Polygon(exterior: square(10, 10, 10))])]),
        ("a multipolygon with an exclave", [MultiPolygon([Polygon(exterior: square(0, 0, 5)), Polygon(exterior: square(20, 20, 5))]),
                                            MultiPolygon([Polygon(exterior: square(5, 0, 5))])]),
        ("an empty geometry beside a square", [MultiPolygon.empty, MultiPolygon([Polygon(exterior: square(1000, 1000, 1))])]),
    ]

    @Test(arguments: cases.indices)
    func edgeCasesRoundTrip(index: Int) throws {
        let (name, geometries) = Self.cases[index]
        let topology = AtlasTopology.encode(geometries, quantization: 1_000)
        let step = max(topology.scale[0], topology.scale[1])
        for (k, geometry) in geometries.enumerated() {
            let decoded = topology.decode(k)
            #expect(decoded.polygons.count == geometry.polygons.count, "\(name) #\(k)")
            #expect(Self.vertexDistance(geometry, to: decoded) <= step, "\(name) #\(k)")
            #expect(Self.vertexDistance(decoded, to: geometry) <= step, "\(name) #\(k)")
        }
    }

    @Test func sharedEdgeIsStoredOnce() {
        let topology = AtlasTopology.encode(Self.cases[0].1, quantization: 1_000)
        // Two squares: the shared edge is one arc used by both (once forward, once reversed), and the
        // two outer parts are one arc each: three arcs.
        #expect(topology.arcs.count == 3)
        let refs = topology.geometries.flatMap { $0.flatMap { $0.flatMap { $0 } } }
        let shared = Set(refs.map { $0 >= 0 ? $0 : ~$0 }).filter { arc in refs.contains(arc) && refs.contains(~arc) }
        #expect(shared.count == 1)
    }

    /// Round trip on real geometry as GEOS hands it to the monitoring (the synthetic city's blocks read
    /// from its GeoPackage, the upper levels their GEOS unions): every vertex of the original lies within
    /// one grid step (+ the half-step simplification) of the decoded boundary and vice versa.
    @Test func monitoringAreasRoundTripWithinOneStep() throws {
        let fixture = try AtlasFixture.get()
        let geometries = fixture.spec.levels.flatMap { level in (fixture.run.areas[level.id]?.areas ?? []).map(\.geometry) }
        try #require(geometries.count > 80)
        for quantization in [1_000, 100_000] {
            let probe = AtlasTopology.encode(geometries, quantization: quantization)
            let step = max(probe.scale[0], probe.scale[1])
            let topology = AtlasTopology.encode(geometries, quantization: quantization, tolerance: step / 2)
            var worst = 0.0
            for (k, geometry) in geometries.enumerated() {
                let decoded = topology.decode(k)
                try #require(decoded.polygons.count == geometry.polygons.count)
                worst = max(worst, Self.vertexDistance(geometry, to: decoded), Self.vertexDistance(decoded, to: geometry))
            }
            #expect(worst <= 1.5 * step, "q = \(quantization): worst \(worst), step \(step)")
            // Borders are shared: fewer stored positions than ring vertices.
            let stored = topology.arcs.reduce(0) { $0 + $1.count / 2 }
            let rings = geometries.reduce(0) { $0 + $1.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } } }
            #expect(stored * 2 < rings, "stored \(stored) of \(rings)")
        }
    }
}
