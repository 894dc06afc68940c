import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTestSupport
import Testing

@Suite struct AreaLoadingTests {
    static let berlin25833 = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson").path
    static let berlinWGS84 = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_wgs84.geojson").path
    static let hierarchy = AreaSet.LoadOptions(idColumn: "plr_id", parentColumns: ["bzr_id", "pgr_id", "bez_id"])

    /// shared/data/README.md: 542 PLR, 540 Polygon and 2 MultiPolygon, EPSG:25833 from the legacy crs member.
    @Test func berlinSummary() throws {
        let summary = FeatureFileSummary(try FeatureFile.read(path: Self.berlin25833))
        #expect(summary.featureCount == 542)
        #expect(summary.crs == .epsg(25833))
        #expect(summary.crsName == "ETRS89 / UTM zone 33N")
        #expect(summary.geometryTypes == ["Polygon": 540, "MultiPolygon": 2])
        #expect(summary.properties.first?.name == "plr_id")
        #expect(summary.properties.first?.kinds == ["text": 542])
        #expect(summary.properties.first { $0.name == "bzr_id" }?.distinctValues == 143)
        #expect(summary.properties.first { $0.name == "pgr_id" }?.distinctValues == 58)
        #expect(summary.properties.first { $0.name == "bez_id" }?.distinctValues == 12)
    }

    @Test func berlinAreasKeepLeadingZeros() throws {
        let set = try AreaSet.load(path: Self.berlin25833, options: Self.hierarchy)
        #expect(set.areas.count == 542)
        #expect(set.nameColumn == "plr_name")
        let first = try #require(set.area(id: "01100101"))
        #expect(first.name == "Stülerstraße")
        #expect(first.parentIDs == ["011001", "0110", "01"])
    }

    /// The WGS 84 file transformed by PROJ to EPSG:25833 matches the published EPSG:25833 file within
    /// 1 cm at every vertex: each vertex of either file has a vertex of the same area in the other within
    /// 1 cm. (The two files list rings in opposite orientation, RFC 7946 wants counter-clockwise exteriors,
    /// and 5 areas carry one extra near-duplicate vertex in the WGS 84 file, so vertex i is not vertex i.
    /// Checked independently with pyproj + scipy cKDTree: largest distance 7.0 mm, PLR 12200412.)
    @Test func wgs84TransformedMatchesUTM() throws {
        let utm = try AreaSet.load(path: Self.berlin25833, options: AreaSet.LoadOptions(idColumn: "plr_id"))
        let wgs = try AreaSet.load(path: Self.berlinWGS84, options: AreaSet.LoadOptions(idColumn: "plr_id", targetCRS: .epsg(25833)))
        #expect(wgs.crs == .epsg(25833))
        #expect(wgs.areas.map(\.id) == utm.areas.map(\.id))
        var worst = 0.0
        var vertices = 0
        for (a, b) in try zipEqual(utm.areas, wgs.areas) {
            let pa = Geometry.multiPolygon(a.geometry).allPoints, pb = Geometry.multiPolygon(b.geometry).allPoints
            worst = max(worst, Self.largestNearestDistance(from: pa, to: pb), Self.largestNearestDistance(from: pb, to: pa))
            vertices += pa.count
        }
        #expect(vertices > 200_000)
        #expect(worst < 0.01, "largest distance \(worst) m")
    }

    /// The largest distance from a point of `points` to its nearest point in `others`, searched in a hash
    /// grid of 1 cm cells (distances above 1 cm are reported as 1 cm or more, enough for the test).
    static func largestNearestDistance(from points: [Point], to others: [Point]) -> Double {
        let cell = 0.01
        func key(_ p: Point) -> SIMD2<Int> { SIMD2(Int((p.x / cell).rounded(.down)), Int((p.y / cell).rounded(.down))) }
        var grid: [SIMD2<Int>: [Point]] = [:]
        for p in others { grid[key(p), default: []].append(p) }
        var worst = 0.0
        for p in points {
            let k = key(p)
            var best = Double.infinity
            for dx in -1...1 {
                for dy in -1...1 {
                    for q in grid[k &+ SIMD2(dx, dy)] ?? [] {
                        best = min(best, ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot())
                    }
                }
            }
            worst = max(worst, best)
        }
        return worst
    }

    @Test func geographicFileDefaultsToCRS84() throws {
        let file = try FeatureFile.read(path: Self.berlinWGS84)
        #expect(file.crs == .crs84)
        #expect(file.crsSource.contains("RFC 7946"))
        let overridden = try FeatureFile.read(path: Self.berlinWGS84, crsOverride: .epsg(4326))
        #expect(overridden.crs == .epsg(4326))
        #expect(overridden.crsSource == "override")
    }

    @Test func crsMismatchIsRefusedOrTransformed() throws {
        let wgs = try AreaSet.load(path: Self.berlinWGS84, options: AreaSet.LoadOptions(idColumn: "plr_id"))
        #expect { try wgs.inWorkingCRS(.epsg(25833), transform: false) } throws: { error in
            "\(error)".contains("OGC:CRS84") && "\(error)".contains("EPSG:25833")
        }
        #expect(try wgs.inWorkingCRS(.epsg(25833), transform: true).crs == .epsg(25833))
    }

    @Test func polygonsForAggregation() throws {
        let (areas, crs) = try AreaSet.loadPolygons(path: Self.berlin25833, idColumn: "plr_id")
        #expect(crs == .epsg(25833))
        #expect(areas.count == 542)
        #expect(areas[0].id == "01100101")
    }
}
