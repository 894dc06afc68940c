import Foundation
import QuartierTestSupport
import Testing

/// `quartier access` end to end on a synthetic city (80 blocks, 8,000 persons; reported per Quartier so
/// that the publication rules leave rows to check), straight-line and along a generated street grid.
@Suite struct AccessCommandTests {
    struct City {
        var folder: URL
        var areas: String { folder.appendingPathComponent("city/city_areas.gpkg").path }
        var persons: String { folder.appendingPathComponent("city/city_persons.csv").path }
        var offers: String { folder.appendingPathComponent("offers.csv").path }
        var roads: String { folder.appendingPathComponent("roads.geojson").path }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    }

    /// The city's blocks lie within (360075, 5644080)–(362182, 5645928).
    static func city() async throws -> City {
        let folder = try TestPaths.temporaryFolder()
        try await InProcessCLI.run(["synth", "city", "--areas", "80", "--persons", "8000", "--seed", "42", "--out", folder.appendingPathComponent("city").path])
        var offers = "id,name,type,capacity,target_group,opened,closed,x,y,catchment\n"
        for k in 0..<16 {
            let x = 360300 + Double(k % 4) * 500, y = 5644300 + Double(k / 4) * 450
            offers += "k\(k),Kita \(k),kita,\(20 + 5 * k),age < 6,\(k == 3 ? 2025 : 2010),,\(x),\(y),\n"
        }
        offers += "j1,Jugendzentrum,jugend,30,age >= 12 and age < 18,,,361100,5645000,900\n"
        try offers.write(to: folder.appendingPathComponent("offers.csv"), atomically: true, encoding: .utf8)
        // A 100 m street grid, one line per block side.
        var features: [String] = []
        var fid = 1
        for i in 0...22 { for j in 0...19 {
            let x = 360025 + Double(i) * 100, y = 5644030 + Double(j) * 100
            if i < 22 { features.append(#"{"type":"Feature","id":\#(fid),"properties":{"oneway":"B"},"geometry":{"type":"LineString","coordinates":[[\#(x),\#(y)],[\#(x + 100),\#(y)]]}}"#); fid += 1 }
            if j < 19 { features.append(#"{"type":"Feature","id":\#(fid),"properties":{"oneway":"B"},"geometry":{"type":"LineString","coordinates":[[\#(x),\#(y)],[\#(x),\#(y + 100)]]}}"#); fid += 1 }
        } }
        let geojson = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25832"}},"features":["# + features.joined(separator: ",") + "]}"
        try geojson.write(to: folder.appendingPathComponent("roads.geojson"), atomically: true, encoding: .utf8)
        return City(folder: folder)
    }

    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func straightLineAndNetworkRuns() async throws {
        let city = try await Self.city()
        let common = ["access", "--areas", city.areas, "--id", "poly_id", "--report-by", "quartier_id", "--persons", city.persons,
                      "--offers", city.offers, "--year", "2024", "--method", "2sfca", "--method", "bfca", "--method", "sa"]
        try await InProcessCLI.run(common + ["--catchment", "600", "--decay", "steps:300=1,600=0.5", "--out", city.path("a.csv")])
        try await InProcessCLI.run(common + ["--catchment", "600", "--decay", "steps:300=1,600=0.5", "--out", city.path("b.csv"), "--threads", "1"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: city.path("a.csv"))) == Data(contentsOf: URL(fileURLWithPath: city.path("b.csv"))))
        let rows = try Self.rows(city.path("a.csv"))
        let header = try #require(rows.first)
        #expect(header == ["quartier_id", "type", "persons", "target_group", "weighted_target_group", "places", "offers", "accessible_target_group",
                           "no_offer_in_network_part", "off_network", "places_per_1000", "coverage_pct", "2sfca_per_1000", "bfca_per_1000", "sa_per_1000", "suppressed"])
        let body = rows.dropFirst()
        #expect(body.count == 15 * 2)   // 15 Quartiere × 2 types
        let published = body.filter { $0.last == "" }
        let suppressed = body.filter { $0.last != "" }
        #expect(!published.isEmpty && !suppressed.isEmpty)
        // Suppressed rows show the marker in every person-derived cell, never 0; places stay.
        for row in suppressed { #expect(row[2] == "." && row[3] == "." && row[7] == "." && row[12] == ".") }
        for row in published {
            let target = try #require(Double(row[3])), accessible = try #require(Double(row[7]))
            #expect(accessible <= target && Int64(row[2])! >= 300)
        }
        // Places: the capacities of the offers in service in 2024 inside the city (k3 opens in 2025).
        let kitaRows: [[String]] = body.filter { $0[1] == "kita" }
        let places: Double = kitaRows.compactMap { Double($0[5]) }.reduce(0, +)
        let inService: [Int] = (0..<16).filter { $0 != 3 }.map { 20 + 5 * $0 }
        #expect(places > 0 && places <= Double(inService.reduce(0, +)))

        try await InProcessCLI.run(common + ["--catchment", "8", "--network", city.roads, "--snap-limit", "80", "--out", city.path("n.csv")])
        let network = try Self.rows(city.path("n.csv"))
        #expect(network.count == rows.count && network.dropFirst().contains { $0.last == "" })
    }

    @Test func badInputIsOneClearError() async throws {
        let city = try await Self.city()
        let base = ["access", "--areas", city.areas, "--id", "poly_id", "--persons", city.persons, "--catchment", "500", "--out", city.path("x.csv")]
        func failure(_ arguments: [String]) throws -> String {
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(arguments): status \(result.status)")
            let lines = result.error.split(separator: "\n")
            #expect(lines.count == 1, "\(result.error)")
            return result.error
        }
        // An offer without capacity: refused naming file, line and field.
        try "id,type,capacity,target_group,x,y\nk1,kita,30,age < 6,361000,5645000\nk2,kita,,age < 6,361100,5645000\n"
            .write(toFile: city.path("nocap.csv"), atomically: true, encoding: .utf8)
        let noCapacity = try failure(base + ["--offers", city.path("nocap.csv")])
        #expect(noCapacity.contains("nocap.csv:3 field \"capacity\": found no capacity for offer \"k2\""), "\(noCapacity)")
        // The same with a declared default is accepted.
        #expect(try CLI.run(base + ["--offers", city.path("nocap.csv"), "--default-capacity", "10"]).status == 0)
        try FileManager.default.removeItem(atPath: city.path("x.csv"))
        // A polygon layer as the network.
        let polygons = try failure(base + ["--offers", city.offers, "--network", city.areas])
        #expect(polygons.contains("city_areas.gpkg feature") && polygons.contains("found a MultiPolygon, expected a line layer"), "\(polygons)")
        // A negative speed.
        let speed = try failure(base + ["--offers", city.offers, "--network", city.roads, "--class-field", "oneway", "--class-speed", "B=-4"])
        #expect(speed.contains("found speed -66.66") && speed.contains("expected a class speed > 0"), "\(speed)")
        #expect(!FileManager.default.fileExists(atPath: city.path("x.csv")))
        // The output onto an input is refused; the input stays as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: city.offers))
        let onto = try failure(Array(base.dropLast(2)) + ["--offers", city.offers, "--out", city.offers])
        #expect(onto.contains("it is an input of this job"), "\(onto)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: city.offers)) == before)
    }

    /// An offer beyond the snapping limit is reported with its id and distance (and gives no access); a
    /// type whose target group holds no person is a warning; the run still writes its table.
    @Test func offNetworkOfferAndUnusedTypeAreReported() async throws {
        let city = try await Self.city()
        var offers = try String(contentsOfFile: city.offers, encoding: .utf8)
        offers += "far,Weit weg,kita,40,age < 6,,,361000,5647000,\n"
        offers += "s1,Seniorentreff,senioren,25,age > 200,,,361000,5645000,\n"
        try offers.write(toFile: city.path("offers2.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["access", "--areas", city.areas, "--id", "poly_id", "--report-by", "quartier_id", "--persons", city.persons,
                                  "--offers", city.path("offers2.csv"), "--catchment", "8", "--network", city.roads, "--snap-limit", "80",
                                  "--out", city.path("n.csv")])
        #expect(result.status == 0, "\(result.error)")
        // The grid's top line is y = 5645930: the offer is 1,070 m away.
        #expect(result.error.contains("access: offer far (\(city.path("offers2.csv")):19) is 1070.0 m from the network, beyond --snap-limit 80.0 m: no access to it"), "\(result.error)")
        #expect(result.error.contains("warning: offer type senioren: no person is in its target group \"age > 200\""), "\(result.error)")
    }

    /// A scenario and a gap table: the change table has one row per area and type, the added offer's
    /// places appear in its Quartier, and the gaps are published rows of high need and low coverage.
    @Test func scenarioAndGaps() async throws {
        let city = try await Self.city()
        try "action,id,name,type,capacity,target_group,x,y\nadd,new1,Neue Kita,kita,60,age < 6,361200,5645100\nremove,k2,,,,,,\nresize,k5,,,10,,,\n"
            .write(toFile: city.path("scenario.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["access", "--areas", city.areas, "--id", "poly_id", "--report-by", "quartier_id", "--persons", city.persons,
                                  "--offers", city.offers, "--catchment", "500", "--need-filter", "sgb2 == 1", "--need-quantile", "0.5",
                                  "--gaps-out", city.path("gaps.csv"), "--scenario", city.path("scenario.csv"), "--changes-out", city.path("changes.csv"),
                                  "--out", city.path("out.csv")])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("3 changes, 1 catchments recomputed"), "\(result.error)")
        let changes = try Self.rows(city.path("changes.csv"))
        #expect(changes.count == 1 + 15 * 2)
        let placesChange = changes.dropFirst().filter { $0[1] == "kita" }.map { (Double($0[3]) ?? 0) - (Double($0[2]) ?? 0) }.reduce(0, +)
        // +60 (new1), −30 (k2: 20 + 5·2), −35 (k5: 45 → 10): all three lie in the city's Quartiere.
        #expect(abs(placesChange + 5) < 1e-9, "\(placesChange)")
        let gaps = try Self.rows(city.path("gaps.csv"))
        #expect(gaps.first == ["rank", "quartier_id", "type", "need", "coverage_pct", "target_group", "without_access"])
        let out = try Self.rows(city.path("out.csv"))
        for gap in gaps.dropFirst() {
            let row = try #require(out.first { $0[0] == gap[1] && $0[1] == gap[2] })
            #expect(row.last == "", "a gap is a published row")
            #expect(Double(row[11]) == Double(gap[4]))
        }
    }

    /// Offers given by address are geocoded against house coordinates (QuartierGeocoding); an address
    /// that does not match is refused with its line and the geocoder's reason.
    @Test func offersByAddress() async throws {
        let city = try await Self.city()
        let houses = TestPaths.data.appendingPathComponent("demo/hauskoordinaten.csv").path
        try "id,type,capacity,target_group,x,y,street,number,suffix\nk1,kita,30,age < 6,361000,5645000,,,\nk2,kita,40,age < 6,,,Goethestraße 30,2,\n"
            .write(toFile: city.path("byaddress.csv"), atomically: true, encoding: .utf8)
        let base = ["access", "--areas", city.areas, "--id", "poly_id", "--persons", city.persons, "--catchment", "500", "--addresses", houses]
        let ok = try CLI.run(base + ["--offers", city.path("byaddress.csv"), "--out", city.path("a.csv")])
        #expect(ok.status == 0, "\(ok.error)")
        try "id,type,capacity,target_group,x,y,street,number,suffix\nk1,kita,30,age < 6,361000,5645000,,,\nk2,kita,40,age < 6,,,Nirgendweg,7,\n"
            .write(toFile: city.path("unknown.csv"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(base + ["--offers", city.path("unknown.csv"), "--out", city.path("b.csv")])
        #expect(bad.status == 1)
        #expect(bad.error.contains("unknown.csv:3 field \"street\": found the address of offer \"k2\" unmatched (unknown-street)"), "\(bad.error)")
    }

    /// The network from a GeoPackage line layer (made from the GeoJSON grid by GDAL's ogr2ogr) gives the
    /// same bytes as from the GeoJSON: one feature reader for both.
    @Test(.enabled(if: ReferenceTool.runs(executables: ["ogr2ogr"]), "needs ogr2ogr (gdal-bin)"))
    func geoPackageNetwork() async throws {
        try ReferenceTool.require(executables: ["ogr2ogr"])
        let city = try await Self.city()
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        convert.arguments = ["ogr2ogr", "-f", "GPKG", city.path("roads.gpkg"), city.roads, "-nln", "roads"]
        try convert.run()
        convert.waitUntilExit()
        try #require(convert.terminationStatus == 0)
        let common = ["access", "--areas", city.areas, "--id", "poly_id", "--report-by", "quartier_id", "--persons", city.persons,
                      "--offers", city.offers, "--catchment", "8", "--snap-limit", "80"]
        try await InProcessCLI.run(common + ["--network", city.roads, "--out", city.path("geojson.csv")])
        try await InProcessCLI.run(common + ["--network", city.path("roads.gpkg"), "--network-layer", "roads", "--out", city.path("gpkg.csv")])
        let a = try Data(contentsOf: URL(fileURLWithPath: city.path("geojson.csv")))
        #expect(a.count > 500)
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: city.path("gpkg.csv")))))
    }
}
