import Foundation
import QuartierGeometry
import QuartierTestSupport
import Testing

/// `quartier classify / neighbours / moran / interpolate` end to end.
@Suite struct SpatialCommandsTests {
    static let berlin = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson").path
    static let berlin2019 = TestPaths.shared("berlin-mss-2013-2019/lor_planungsraeume_bis2020_epsg25833.geojson").path

    /// Unit squares in EPSG:25833 at the given lower-left corners, with properties.
    static func squares(_ cells: [(id: String, x: Double, y: Double, properties: String)]) -> String {
        let features = cells.map { c in
            let ring = "[[\(c.x),\(c.y)],[\(c.x + 1),\(c.y)],[\(c.x + 1),\(c.y + 1)],[\(c.x),\(c.y + 1)],[\(c.x),\(c.y)]]"
            return #"{"type":"Feature","properties":{"id":"\#(c.id)"\#(c.properties)},"geometry":{"type":"Polygon","coordinates":[\#(ring)]}}"#
        }
        return #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25833"}},"features":[\#(features.joined(separator: ","))]}"#
    }

    static func object(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    @Test func classifyPrintsMapclassifyBins() throws {
        let result = try CLI.run(["classify", Self.berlin, "--id", "plr_id", "--field", "flaeche_qm_amtlich", "--method", "quantiles", "--k", "4", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try Self.object(result.output)
        // mapclassify 2.10.0 Quantiles(k=4) on the same values (scripts/reference/classification_reference.py).
        #expect(json["bins"]?.arrayValue?.compactMap(\.doubleValue) == [516896.96499999997, 810527.07, 1668348.585, 23735232.25])
        #expect(json["counts"]?.arrayValue?.compactMap(\.doubleValue) == [136, 135, 135, 136])
        #expect(json["classifier"]?.stringValue == "Quantiles")
        #expect(json["closure"]?.stringValue?.contains("right-closed") == true)
    }

    @Test func classifyWritesEveryAreaWithItsClass() throws {
        let file = try CLI.write(Self.squares([("a", 0, 0, #","v":1"#), ("b", 1, 0, #","v":2"#), ("c", 2, 0, #","v":null"#), ("d", 3, 0, #","v":9"#)]), "a.geojson")
        let csv = file + ".classes.csv"
        let result = try CLI.run(["classify", file, "--field", "v", "--method", "user", "--breaks", "1.5", "--output", csv])
        #expect(result.status == 0, "\(result.error)")
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == "id,v,class\na,1.0,1\nb,2.0,2\nc,,\nd,9.0,2\n")
        #expect(result.output.contains("without a value (no class): 1 (c)"))
    }

    @Test(arguments: [
        (["--k", "1"], "k = 1 classes: expected at least 2"),
        (["--k", "9"], "expected k ≤ n"),
        (["--field", "name"], "expected a number or null"),
        (["--field", "constant", "--k", "3"], "a constant column has no classes"),
    ])
    func classifyBadInput(_ flags: [String], _ message: String) throws {
        let file = try CLI.write(Self.squares((0..<4).map { ("s\($0)", Double($0), 0, #","v":\#($0),"constant":3,"name":"x""#) }), "bad.geojson")
        var arguments = ["classify", file, "--field", "v"]
        arguments += flags
        let result = try CLI.run(arguments)
        #expect(result.status != 0)
        #expect((result.error + result.output).contains(message), "\(result.error)")
        #expect(!result.error.contains("Fatal error"))
    }

    @Test func neighboursWriteGALEqualToLibpysal() throws {
        let gal = try TestPaths.temporaryFolder().appendingPathComponent("plr.gal").path
        let result = try CLI.run(["neighbours", Self.berlin, "--id", "plr_id", "--rule", "rook", "--gal", gal])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("542 areas, rook contiguity"))
        #expect(result.output.contains("islands (areas without neighbours): 0"))
        // Same neighbour lists as libpysal's Rook (its GAL written by scripts/reference/spatial_reference.py), header aside.
        let ours = try String(contentsOfFile: gal, encoding: .utf8).split(separator: "\n").dropFirst()
        let theirs = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/Spatial/berlin2021_rook.gal"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(Array(ours) == Array(theirs))
    }

    @Test func neighboursReportIslandsAndSnap() throws {
        // b lies 0.5 m from a: an island without snapping, a neighbour with --snap 1.
        let file = try CLI.write(Self.squares([("a", 0, 0, ""), ("b", 1.5, 0, ""), ("far", 50, 50, "")]), "sliver.geojson")
        let exact = try Self.object(try CLI.run(["neighbours", file, "--json"]).output)
        #expect(exact["islands"]?.arrayValue?.compactMap(\.stringValue) == ["a", "b", "far"])
        let snapped = try Self.object(try CLI.run(["neighbours", file, "--snap", "1", "--json"]).output)
        #expect(snapped["islands"]?.arrayValue?.compactMap(\.stringValue) == ["far"])
        #expect(snapped["neighbors"]?["a"]?.arrayValue?.compactMap(\.stringValue) == ["b"])
        let text = try CLI.run(["neighbours", file])
        #expect(text.output.contains("hint: islands from digitising slivers"))
    }

    @Test func moranFourAreaVectorWithAnIsland() throws {
        let file = try CLI.write(Self.squares([("1", 0, 0, #","y":1"#), ("2", 1, 0, #","y":2"#), ("3", 2, 0, #","y":3"#), ("4", 3, 0, #","y":4"#)]), "line.geojson")
        let result = try CLI.run(["moran", file, "--field", "y", "--rule", "rook", "--local", "--permutations", "99", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try Self.object(result.output)
        #expect(abs((json["I"]?.doubleValue ?? 0) - 0.4) < 1e-12)
        #expect(abs((json["EI"]?.doubleValue ?? 0) + 1.0 / 3) < 1e-12)
        for key in ["VI_norm", "z_norm", "p_norm", "VI_rand", "z_rand", "p_rand", "p_sim"] { #expect(json[key]?.doubleValue != nil, "\(key)") }
        #expect(json["local"]?["q"]?.arrayValue?.compactMap(\.doubleValue) == [3, 3, 1, 1])

        let island = try CLI.write(Self.squares([("1", 0, 0, #","y":1"#), ("2", 1, 0, #","y":2"#), ("3", 2, 0, #","y":3"#), ("4", 3, 0, #","y":4"#),
                                                 ("x", 9, 9, #","y":8"#), ("m", 20, 20, #","y":null"#)]), "island.geojson")
        let withIsland = try CLI.run(["moran", island, "--field", "y", "--local", "--drop-missing", "--permutations", "99"])
        #expect(withIsland.status == 0, "\(withIsland.error)")
        #expect(withIsland.output.contains("islands (no neighbours, lag 0): 1 (x)"))
        #expect(withIsland.output.contains("left out (no value): 1 (m)"))
        let refused = try CLI.run(["moran", island, "--field", "y"])
        #expect(refused.status != 0 && refused.error.contains("--drop-missing"))
    }

    /// Values from the MSS 2021 CSV joined by PLR id: Moran's I of S4 equals esda's on the 536 valid PLR
    /// (0.5196240585673932, scripts/reference/spatial_reference.py), the 6 invalid ones (-9999) left out.
    @Test func moranWithValuesFromACSVTable() throws {
        let table = TestPaths.shared("berlin-mss-2021/mss2021_index_indikatoren_plr.csv").path
        let result = try CLI.run(["moran", Self.berlin, "--id", "plr_id", "--table", table, "--table-id", "PLR_ID", "--sentinel", "-9999",
                                  "--field", "S4", "--drop-missing", "--permutations", "0", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try Self.object(result.output)
        #expect(abs((json["I"]?.doubleValue ?? 0) - 0.5196240585673932) < 1e-9)
        #expect(json["n"]?.doubleValue == 536)
        #expect(json["missing"]?.arrayValue?.count == 6)
    }

    @Test func interpolateBerlinBackToOldBoundariesPreservesTheTotal() throws {
        // The official area (m²) of the 542 PLR 2021 as an extensive count, moved onto the 447 PLR until 2020.
        let out = try TestPaths.temporaryFolder().appendingPathComponent("plr2021.csv").path
        let result = try CLI.run(["interpolate", "--from", Self.berlin, "--from-id", "plr_id", "--to", Self.berlin2019, "--to-id", "plr_id",
                                  "--extensive", "flaeche_qm_amtlich", "--output", out, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try Self.object(result.output)
        let variable = try #require(json["variables"]?.arrayValue?.first)
        let source = try #require(variable["source_total"]?.doubleValue), target = try #require(variable["target_total"]?.doubleValue)
        #expect(abs(target - source) <= 1e-9 * source)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 448)
        #expect(lines.first == "plr_id,flaeche_qm_amtlich")
    }

    @Test func interpolateEmptyIntersectionIsReported() throws {
        let from = try CLI.write(Self.squares([("a", 0, 0, #","n":5"#)]), "from.geojson")
        let to = try CLI.write(Self.squares([("b", 10, 10, "")]), "to.geojson")
        let result = try CLI.run(["interpolate", "--from", from, "--to", to, "--extensive", "n"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("source total 5.0, target total 0.0"))
        #expect(result.output.contains("1 source(s) overlap no target"))
    }
}
