import Foundation
import Quartier
import QuartierGEOS
import QuartierGeometry
import QuartierTestSupport
import Testing

@Suite("AreaLocator against GEOS on every person of a synthetic city")
struct SynthCityGEOSTests {
    /// Every person of a small synthetic city (holes, exclaves, river multipolygons, persons exactly
    /// on vertices, persons outside) located by the index and by GEOS prepared `contains`/`covers`:
    /// the same area, the same boundary points, the same points in no area.
    @Test("the index and GEOS agree on every point", arguments: [(40, 4000, UInt64(1)), (120, 6000, UInt64(2))])
    func everyPoint(_ size: (areas: Int, persons: Int, seed: UInt64)) throws {
        let folder = try TestPaths.temporaryFolder()
        try SynthCity.generate(areas: size.areas, persons: size.persons, seed: size.seed, folder: folder.path)
        let areas = try AggregationJob.readAreas(path: folder.appendingPathComponent("city_areas.gpkg").path, layer: nil, idColumn: "poly_id")
        let locator = AreaLocator(areas: areas.geometries)
        let prepared = try areas.geometries.map { try GeometryHandle($0).makePrepared() }
        let text = try String(contentsOf: folder.appendingPathComponent("city_persons.csv"), encoding: .utf8)
        var onBoundary = 0, outside = 0, mismatches: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            let x = Double(fields[1])!, y = Double(fields[2])!
            let point = try GeometryHandle(.point(Point(x: x, y: y)))
            var expected = PointLocation.exterior
            if let inside = try prepared.firstIndex(where: { try $0.contains(point) }) {
                expected = .interior(inside)
            } else if let edge = try prepared.firstIndex(where: { try $0.covers(point) }) {
                expected = .boundary(edge)
            }
            if case .boundary = expected { onBoundary += 1 }
            if expected == .exterior { outside += 1 }
            let found = locator.locate(x: x, y: y)
            if found != expected { mismatches.append("\(line): index \(found), GEOS \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // The city has persons on vertices and outside every area: the comparison covers both cases.
        #expect(onBoundary > 0)
        #expect(outside > 0)
    }
}
