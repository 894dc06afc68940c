import Foundation
import QuartierTestSupport
import Testing

/// `quartier access --offers` from a GeoJSON and a GeoPackage point layer: the same bytes out as from
/// the CSV inventory (one set of offer rules for every format); a refused feature is named.
@Suite struct AccessOfferLayerTests {
    /// The city's CSV inventory as a GeoJSON FeatureCollection (in the city's CRS).
    static func geoJSON(from csv: String) throws -> String {
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        var features: [String] = []
        for row in lines.dropFirst() {
            try #require(row.count == header.count)
            var properties: [String] = []
            for (name, value) in try zipEqual(header, row) where !["x", "y"].contains(name) && !value.isEmpty {
                let numeric = ["capacity", "opened", "closed", "catchment"].contains(name)
                properties.append("\"\(name)\":" + (numeric ? value : "\"\(value)\""))
            }
            let x = row[header.firstIndex(of: "x")!], y = row[header.firstIndex(of: "y")!]
            features.append(#"{"type":"Feature","properties":{\#(properties.joined(separator: ","))},"geometry":{"type":"Point","coordinates":[\#(x),\#(y)]}}"#)
        }
        return #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25832"}},"features":["# + features.joined(separator: ",") + "]}"
    }

    @Test(.enabled(if: ReferenceTool.runs(executables: ["ogr2ogr"]), "needs ogr2ogr (gdal-bin) for the GeoPackage"))
    func layersEqualCSV() async throws {
        try ReferenceTool.require(executables: ["ogr2ogr"])
        let city = try await AccessCommandTests.city()
        try Self.geoJSON(from: city.offers).write(toFile: city.path("offers.geojson"), atomically: true, encoding: .utf8)
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        convert.arguments = ["ogr2ogr", "-f", "GPKG", city.path("offers.gpkg"), city.path("offers.geojson"), "-nln", "kitas"]
        try convert.run()
        convert.waitUntilExit()
        try #require(convert.terminationStatus == 0)
        let common = ["access", "--areas", city.areas, "--id", "poly_id", "--report-by", "quartier_id", "--persons", city.persons,
                      "--year", "2024", "--catchment", "600", "--method", "2sfca", "--method", "sa"]
        try await InProcessCLI.run(common + ["--offers", city.offers, "--out", city.path("csv.csv")])
        try await InProcessCLI.run(common + ["--offers", city.path("offers.geojson"), "--out", city.path("geojson.csv")])
        try await InProcessCLI.run(common + ["--offers", city.path("offers.gpkg"), "--offers-layer", "kitas", "--out", city.path("gpkg.csv")])
        let a = try Data(contentsOf: URL(fileURLWithPath: city.path("csv.csv")))
        #expect(a.count > 500)
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: city.path("geojson.csv")))))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: city.path("gpkg.csv")))))

        // A feature without capacity: refused, naming the file, the feature and the field.
        let bad = try Self.geoJSON(from: city.offers).replacingOccurrences(of: #""capacity":35,"#, with: "")
        try #require(bad.count < (try Self.geoJSON(from: city.offers)).count)
        try bad.write(toFile: city.path("bad.geojson"), atomically: true, encoding: .utf8)
        let result = try CLI.run(common + ["--offers", city.path("bad.geojson"), "--out", city.path("bad.csv")])
        #expect(result.status == 1)
        #expect(result.error.contains("bad.geojson feature 4 field \"capacity\": found no capacity for offer \"k3\""), "\(result.error)")
    }
}
