import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTestSupport
import Testing

@Suite struct AreaCheckTests {
    static let options = AreaSet.LoadOptions(idColumn: "id", parentColumns: ["parent", "grand"])

    @Test func handBuiltFixture() throws {
        let path = try AreaFixtures.write(AreaFixtures.problems, "problems.geojson")
        let report = try AreaSet.load(path: path, options: Self.options).check()
        #expect(report.areaCount == 8)
        #expect(report.invalid.map(\.id) == ["07"])
        #expect(report.invalid.first?.reason == "Self-intersection[450 50]")
        #expect(report.invalid.first?.location == Point(x: 450, y: 50))
        #expect(report.invalid.first?.repaired == false)
        #expect(report.duplicateIDs.map(\.id) == ["01"])
        #expect(report.duplicateIDs.first?.features == [0, 7])
        let overlaps = try #require(report.overlaps)
        #expect(overlaps.count == 1)
        #expect(overlaps.first.map { [$0.first, $0.second] } == ["02", "06"])
        #expect(abs((overlaps.first?.area ?? 0) - 1000) < 1e-6)
        #expect(overlaps.first?.point.map { $0.x >= 190 && $0.x <= 200 && $0.y >= 0 && $0.y <= 100 } == true)
        let gaps = try #require(report.gaps)
        #expect(gaps.count == 1)
        #expect(abs((gaps.first?.area ?? 0) - 1000) < 1e-6)
        #expect(gaps.first?.point.map { $0.x > 100 && $0.x < 110 && $0.y > 100 && $0.y < 200 } == true)
        #expect(report.levels.map(\.column) == ["parent", "grand"])
        #expect(report.levels[0].parentCount == 3)
        #expect(report.levels[0].inconsistencies.map { "\($0.parentID) \($0.higherColumn) \($0.higherIDs)" } == ["P2 grand [\"G1\", \"G2\"]"])
        #expect(report.levels[1].inconsistencies.isEmpty)
        #expect(report.notes.contains { $0.contains("1 invalid area(s) left out") })
        // 1 invalid + 1 duplicate + 1 overlap + 1 gap + 1 inconsistency.
        #expect(report.problemCount == 5)
    }

    @Test func repairKeepsTheFindingButMarksIt() throws {
        let path = try AreaFixtures.write(AreaFixtures.problems, "problems.geojson")
        let report = try AreaSet.load(path: path, options: Self.options).check(AreaSet.CheckOptions(repair: true))
        #expect(report.invalid.first?.repaired == true)
        #expect(report.overlaps?.count == 1)
        #expect(report.problemCount == 4)
    }

    @Test func nestingAgainstAParentFile() throws {
        let path = try AreaFixtures.write(AreaFixtures.problems, "problems.geojson")
        let parentPath = try AreaFixtures.write(AreaFixtures.parents, "parents.geojson")
        let parents = try AreaSet.load(path: parentPath, options: AreaSet.LoadOptions(idColumn: "id"))
        let report = try AreaSet.load(path: path, options: Self.options).check(AreaSet.CheckOptions(parentAreas: parents))
        let nesting = try #require(report.nesting)
        #expect(nesting.map(\.childID) == ["01", "06", "05"])
        let shares = nesting.map(\.shareOutside)
        #expect(abs(shares[0] - 1.0) < 1e-9 && abs(shares[1] - 0.9) < 1e-9 && abs(shares[2] - 0.1) < 1e-9)
    }

    @Test func geographicCRSIsRefusedForAreaChecks() throws {
        let hamburg = TestPaths.shared("hamburg-2014/hamburg_stadtteile_wgs84.geojson").path
        let set = try AreaSet.load(path: hamburg, options: AreaSet.LoadOptions(idColumn: "id"))
        #expect { try set.check() } throws: { error in
            let text = "\(error)"
            return error is GeographicCRSError && text.contains("OGC:CRS84") && text.contains("--crs")
        }
        // Without area checks it runs.
        #expect(try set.check(AreaSet.CheckOptions(areaChecks: false)).overlaps == nil)
    }

    /// Berlin 2021 PLR with PLR → BZR → PGR → BEZ. Reference (shapely 2.2 / GEOS 3.14.1, independent of
    /// the GEOS 3.11 used here):
    /// `python3 scripts/reference/area_checks.py ../shared/data/berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson plr_id bzr_id pgr_id bez_id`
    /// printed: features 542, crs EPSG:25833, invalid 0, duplicate ids 0, overlaps 0 total m2 0.000,
    /// gaps 0 total m2 0.000, level bzr_id parents 143 inconsistent 0, level pgr_id parents 58
    /// inconsistent 0, level bez_id parents 12 inconsistent 0.
    @Test func berlinPLR() throws {
        let path = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson").path
        let set = try AreaSet.load(path: path, options: AreaSet.LoadOptions(idColumn: "plr_id", parentColumns: ["bzr_id", "pgr_id", "bez_id"]))
        let report = try set.check()
        #expect(report.areaCount == 542)
        #expect(report.invalid.isEmpty)
        #expect(report.duplicateIDs.isEmpty)
        #expect(report.overlaps == [])
        #expect(report.gaps == [])
        #expect(report.levels.map(\.parentCount) == [143, 58, 12])
        #expect(report.levels.allSatisfy { $0.inconsistencies.isEmpty && $0.childrenWithoutParent.isEmpty })
        #expect(report.problemCount == 0)
    }

    /// Hamburg Stadtteile projected to EPSG:25832. Reference:
    /// `python3 scripts/reference/area_checks.py ../shared/data/hamburg-2014/hamburg_stadtteile_wgs84.geojson id EPSG:25832 district_id`
    /// printed: features 104, invalid 0, duplicate ids 0, overlaps 15 total m2 4.122 (largest 0301 0309
    /// 1.494, 0207 0210 0.549, 0713 0714 0.412), gaps 24 total m2 5605.282 (largest 5602.559, 0.487),
    /// level district_id parents 7 inconsistent 0.
    @Test func hamburgStadtteile() throws {
        let path = TestPaths.shared("hamburg-2014/hamburg_stadtteile_wgs84.geojson").path
        let set = try AreaSet.load(path: path, options: AreaSet.LoadOptions(idColumn: "id", parentColumns: ["district_id"], targetCRS: .epsg(25832)))
        let report = try set.check()
        #expect(report.areaCount == 104)
        #expect(report.invalid.isEmpty)
        #expect(report.duplicateIDs.isEmpty)
        let overlaps = try #require(report.overlaps)
        #expect(overlaps.count == 15)
        #expect(abs(overlaps.reduce(0) { $0 + $1.area } - 4.122) < 0.001)
        #expect(overlaps.prefix(3).map { "\($0.first) \($0.second)" } == ["0301 0309", "0207 0210", "0713 0714"])
        #expect(abs(overlaps[0].area - 1.494) < 0.001)
        let gaps = try #require(report.gaps)
        #expect(gaps.count == 24)
        #expect(abs(gaps.reduce(0) { $0 + $1.area } - 5605.282) < 0.01)
        #expect(abs(gaps[0].area - 5602.559) < 0.01)
        #expect(report.levels.map(\.parentCount) == [7])
        #expect(report.levels[0].inconsistencies.isEmpty)
        #expect(report.problemCount == 39)
    }

    /// Edge cases: an empty polygon, a polygon with a hole and a multipolygon whose parts touch a neighbour.
    @Test func emptyHoleAndMultipolygon() throws {
        let withHole = #"[[[0,0],[100,0],[100,100],[0,100],[0,0]],[[40,40],[60,40],[60,60],[40,60],[40,40]]]"#
        let text = AreaFixtures.collection([
            AreaFixtures.feature("A", "P", "G", withHole),
            AreaFixtures.feature("B", "P", "G", "[]"),
            #"{"type": "Feature", "properties": {"id": "C", "parent": "P", "grand": "G"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[100,0],[200,0],[200,100],[100,100],[100,0]]], [[[45,45],[55,45],[55,55],[45,55],[45,45]]]]}}"#,
        ])
        let path = try AreaFixtures.write(text, "edges.geojson")
        let report = try AreaSet.load(path: path, options: Self.options).check()
        #expect(report.emptyGeometries == ["B"])
        #expect(report.invalid.isEmpty)
        #expect(report.overlaps == [])
        // The hole of A minus C's island inside it: a ring-shaped gap of 400 − 100 = 300 m².
        #expect(report.gaps?.count == 1)
        #expect(abs((report.gaps?.first?.area ?? 0) - 300) < 1e-9)
        #expect(report.problemCount == 2)
    }

    @Test func idsAgainstATable() throws {
        let path = try AreaFixtures.write(AreaFixtures.problems, "problems.geojson")
        let set = try AreaSet.load(path: path, options: Self.options)
        let comparison = set.compareIDs(with: ["01", "02", "02", "03", "99"])
        #expect(comparison.missingInAreas == ["99"])
        #expect(comparison.missingInTable == ["04", "05", "06", "07"])
        #expect(comparison.duplicatedInTable == ["02"])
        #expect(!comparison.isClean)
    }

    @Test func missingIDNamesFileFeatureAndField() throws {
        let path = try AreaFixtures.write(AreaFixtures.missingID, "missing.geojson")
        #expect { try AreaSet.load(path: path, options: AreaSet.LoadOptions(idColumn: "id")) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location.file == path && error.location.feature == "1" && error.location.field == "id"
        }
    }

    @Test func jobsRefuseInvalidAreasUnlessRepaired() throws {
        let path = try AreaFixtures.write(AreaFixtures.selfIntersecting, "bowtie.geojson")
        #expect { try AreaSet.loadPolygons(path: path, idColumn: "id") } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location.file == path && error.location.feature == "1 (id 02)" && error.found.contains("Self-intersection[450 50]")
        }
        let (areas, _) = try AreaSet.loadPolygons(path: path, idColumn: "id", repair: true)
        #expect(try areas[1].geometry.isValid)
        #expect(abs(try areas[1].geometry.area - 5000) < 1e-9)
    }

    @Test func jsonIsDeterministic() throws {
        let path = try AreaFixtures.write(AreaFixtures.problems, "problems.geojson")
        let set = try AreaSet.load(path: path, options: Self.options)
        let a = try set.check().json(), b = try set.check().json()
        #expect(a == b)
        #expect(a.contains("\"problemCount\" : 5"))
    }
}
