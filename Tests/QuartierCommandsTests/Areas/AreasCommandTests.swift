import Foundation
import QuartierTestSupport
import Testing

/// Runs the built `quartier` executable (it sits beside the test bundle in the build folder).
enum CLI {
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("quartier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug/quartier")
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self))
    }

    static func write(_ text: String, _ name: String) throws -> String {
        let path = try TestPaths.temporaryFolder().appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite struct AreasCommandTests {
    static let berlin = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson").path
    static let hamburg = TestPaths.shared("hamburg-2014/hamburg_stadtteile_wgs84.geojson").path

    @Test func infoOnBerlin() throws {
        let result = try CLI.run(["areas", "info", Self.berlin])
        #expect(result.status == 0)
        #expect(result.output.contains("features: 542"))
        #expect(result.output.contains("CRS: EPSG:25833 (ETRS89 / UTM zone 33N, projected)"))
        #expect(result.output.contains("geometry types: Polygon 540, MultiPolygon 2"))
        #expect(result.output.contains("plr_id"))
    }

    @Test func checkBerlinIsClean() throws {
        let result = try CLI.run(["areas", "check", Self.berlin, "--id", "plr_id", "--parent", "bzr_id", "--parent", "pgr_id", "--parent", "bez_id"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("no problems found"))
        #expect(result.output.contains("level bzr_id: 143 parents"))
    }

    @Test func checkHamburgNeedsAProjectedCRS() throws {
        let refused = try CLI.run(["areas", "check", Self.hamburg, "--id", "id"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("geographic CRS") && refused.error.contains("--crs"))
        let result = try CLI.run(["areas", "check", Self.hamburg, "--id", "id", "--parent", "district_id", "--crs", "EPSG:25832", "--json"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["problemCount"] as? Int == 39)
        let report = try #require(json["report"] as? [String: Any])
        #expect((report["overlaps"] as? [Any])?.count == 15)
        #expect((report["gaps"] as? [Any])?.count == 24)
    }

    /// Bad input: one clear message naming the place, exit status 1, no crash.
    @Test func selfIntersectionIsReportedWithGEOSReason() throws {
        let bowTie = #"{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:25833"}}, "features": [{"type": "Feature", "properties": {"id": "01"}, "geometry": {"type": "Polygon", "coordinates": [[[400,0],[500,100],[500,0],[400,100],[400,0]]]}}]}"#
        let path = try CLI.write(bowTie, "bowtie.geojson")
        let result = try CLI.run(["areas", "check", path, "--id", "id"])
        #expect(result.status == 1)
        #expect(result.output.contains("01 (feature 0): Self-intersection[450 50]"))
        let repaired = try CLI.run(["areas", "check", path, "--id", "id", "--repair"])
        #expect(repaired.status == 0)
        #expect(repaired.output.contains("repaired"))
    }

    @Test func missingIDNamesThePlace() throws {
        let text = #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "01"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}, {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}]}"#
        let path = try CLI.write(text, "missing.geojson")
        let result = try CLI.run(["areas", "check", path, "--id", "id", "--no-area-checks"])
        #expect(result.status == 1)
        #expect(result.error.contains("\(path) feature 1 field \"id\": found no id"))
    }

    @Test func truncatedGeoPackageNamesTheFile() throws {
        let path = try CLI.write(String(repeating: "SQLite format 3\u{0}", count: 8), "truncated.gpkg")
        let result = try CLI.run(["areas", "info", path])
        #expect(result.status == 1)
        #expect(result.error.contains(path))
        #expect(!result.error.contains("Fatal error"))
    }

    @Test func brokenGeoJSONNamesLine() throws {
        let path = try CLI.write("{\"type\": \"FeatureCollection\",\n\"features\": [\n{\"type\": \"Feature\" \"x\"}]}", "broken.geojson")
        let result = try CLI.run(["areas", "info", path])
        #expect(result.status == 1)
        #expect(result.error.contains("\(path):3"))
    }
}
