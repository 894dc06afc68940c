import Foundation
import QuartierTestSupport
import Testing

/// `[[offers]]` in a monitoring: access counts per block and year, rolled up by summing, their rates
/// through the publication gate. On a synthetic city (80 blocks, 8,000 persons, two years of the same
/// persons; the Kita k3 opens in 2025).
@Suite struct AccessMonitoringTests {
    static let spec = """
        [monitoring]
        name = "Teststadt"
        crs = "EPSG:25832"
        store = "out/monitoring.gpkg"

        [levels.block]
        file = "city/city_areas.gpkg"
        id = "poly_id"
        parent = "quartier"
        parent_column = "quartier_id"

        [levels.quartier]
        parent = "stadtteil"
        parent_column = "stadtteil_id"

        [levels.stadtteil]

        [[sources]]
        name = "einwohner"
        year = 2024
        records = "city/city_persons.csv"

        [[sources]]
        name = "einwohner"
        year = 2025
        records = "city/city_persons.csv"

        [[indicators]]
        id = "kinder"
        numerator = { source = "einwohner", filter = "age < 6" }
        denominator = { source = "einwohner" }

        [[offers]]
        name = "angebote"
        file = "offers.csv"
        source = "einwohner"
        catchment = 600

        """

    /// One CSV line's fields (RFC 4180 quotes; the exports have no line breaks inside fields).
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character = " "
        for c in line {
            if c == "\"" { quoted.toggle(); if quoted && previous == "\"" { field.append("\"") } }
            else if c == "," && !quoted { fields.append(field); field = "" }
            else { field.append(c) }
            previous = c
        }
        fields.append(field)
        return fields
    }

    /// A CSV export as rows of its header's width.
    static func table(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(fields)
        let header = try #require(lines.first)
        for row in lines.dropFirst() { try #require(row.count == header.count, "\(path): \(row)") }
        return (header, Array(lines.dropFirst()))
    }

    static func setUp() async throws -> AccessCommandTests.City {
        let city = try await AccessCommandTests.city()
        try Self.spec.write(toFile: city.path("monitoring.toml"), atomically: true, encoding: .utf8)
        return city
    }

    @Test func countsEqualStandaloneRollUpAndPublication() async throws {
        let city = try await Self.setUp()
        try await InProcessCLI.run(["run", city.path("monitoring.toml")])
        try await InProcessCLI.run(["export", city.path("monitoring.toml"), "--internal", "--out", city.path("internal")])
        try await InProcessCLI.run(["export", city.path("monitoring.toml"), "--out", city.path("published")])

        // 1. Per block and year, the coverage counts equal `quartier access` standalone (all rules off).
        let internalBlocks = try Self.table(city.path("internal/indicators_block.csv"))
        let h = internalBlocks.header
        let (area, year, indicator, numerator, denominator, value) = (h.firstIndex(of: "area_id")!, h.firstIndex(of: "year")!, h.firstIndex(of: "indicator")!,
                                                                      h.firstIndex(of: "numerator")!, h.firstIndex(of: "denominator")!, h.firstIndex(of: "value")!)
        for (y, type) in [("2024", "kita"), ("2025", "kita"), ("2024", "jugend")] {
            try await InProcessCLI.run(["access", "--areas", city.areas, "--id", "poly_id", "--persons", city.persons, "--offers", city.offers,
                                        "--catchment", "600", "--year", y, "--method", "2sfca", "--min-population", "0", "--small-count", "0",
                                        "--extreme-share-minimum", "0", "--out", city.path("standalone_\(y).csv")])
            let standalone = try Self.table(city.path("standalone_\(y).csv"))
            let sh = standalone.header
            let rows = standalone.rows.filter { $0[sh.firstIndex(of: "type")!] == type }
            let coverage = internalBlocks.rows.filter { $0[year] == y && $0[indicator] == "angebote_\(type)_coverage" }
            let places = internalBlocks.rows.filter { $0[year] == y && $0[indicator] == "angebote_\(type)_places" }
            try #require(rows.count >= 60 && coverage.count == rows.count && places.count == rows.count)
            var byArea: [String: [String]] = [:]
            for row in coverage { byArea[row[area]] = row }
            var placesByArea: [String: [String]] = [:]
            for row in places { placesByArea[row[area]] = row }
            var covered = 0
            for row in rows {
                let id = row[sh.firstIndex(of: "poly_id")!]
                let mine = try #require(byArea[id])
                #expect(mine[numerator] == row[sh.firstIndex(of: "accessible_target_group")!], "\(y) \(type) block \(id)")
                #expect(mine[denominator] == row[sh.firstIndex(of: "target_group")!], "\(y) \(type) block \(id)")
                if let a = Double(row[sh.firstIndex(of: "coverage_pct")!]), let b = Double(mine[value]) { #expect(abs(a - b) < 1e-9) }
                #expect(Double(placesByArea[id]![numerator]) == Double(row[sh.firstIndex(of: "places")!]), "\(y) \(type) block \(id)")
                covered += Int(mine[numerator]) ?? 0
            }
            #expect(covered > 0)
        }
        // k3 (35 places) opens in 2025: the city's places grow by exactly 35.
        let places = { (y: String) in internalBlocks.rows.filter { $0[year] == y && $0[indicator] == "angebote_kita_places" }.compactMap { Int64($0[numerator]) }.reduce(0, +) }
        #expect(places("2025") - places("2024") == 35)

        // 2. A Stadtteil's coverage is its summed counts over its blocks (block → Quartier → Stadtteil).
        let quartiere = try Self.table(city.path("internal/indicators_quartier.csv"))
        let stadtteile = try Self.table(city.path("internal/indicators_stadtteil.csv"))
        let parent = h.firstIndex(of: "parent_id")!
        var stadtteilOf: [String: String] = [:]
        for row in quartiere.rows { stadtteilOf[row[area]] = row[parent] }
        var sums: [String: (Int64, Int64)] = [:]
        for row in internalBlocks.rows where row[year] == "2024" && row[indicator] == "angebote_kita_coverage" {
            let s = try #require(stadtteilOf[row[parent]])
            sums[s, default: (0, 0)].0 += Int64(row[numerator])!
            sums[s, default: (0, 0)].1 += Int64(row[denominator])!
        }
        let stadtteilRows = stadtteile.rows.filter { $0[year] == "2024" && $0[indicator] == "angebote_kita_coverage" }
        try #require(stadtteilRows.count == sums.count && sums.count >= 2)
        for row in stadtteilRows {
            let sum = try #require(sums[row[area]])
            #expect(Int64(row[numerator]) == sum.0 && Int64(row[denominator]) == sum.1)
            #expect(abs(Double(row[value])! - Double(sum.0) / Double(sum.1) * 100) < 1e-9)
        }

        // 3. Published: no access count of 1 … the small-count limit (2) in any level's export, although the
        // internal figures hold such counts (planted by the city: ~4 children under 6 per block).
        var plantedSmall = 0, published = 0
        for level in ["block", "quartier", "stadtteil"] {
            let inside = try Self.table(city.path("internal/indicators_\(level).csv"))
            plantedSmall += inside.rows.filter { $0[indicator].hasPrefix("angebote_") && (["1", "2"].contains($0[denominator]) || ($0[indicator].hasSuffix("_coverage") && ["1", "2"].contains($0[numerator]))) }.count
            let open = try Self.table(city.path("published/indicators_\(level).csv"))
            try #require(open.header == Array(h.prefix(open.header.count)) && open.header.count == 11)
            for row in open.rows where row[indicator].hasPrefix("angebote_") {
                // Places (the numerator of `_places`) are public capacities; every person count is checked.
                let personNumerator = row[indicator].hasSuffix("_coverage") ? row[numerator] : ""
                #expect(!["1", "2"].contains(personNumerator) && !["1", "2"].contains(row[denominator]), "\(level) \(row)")
                if Int64(row[numerator]) != nil { published += 1 }
            }
        }
        #expect(plantedSmall > 10)
        #expect(published > 0)
    }

    @Test(arguments: [
        ("catchment = 600", "catchment = -5", "monitoring.toml:", "expected a catchment > 0 (metres)"),
        ("source = \"einwohner\"\ncatchment", "source = \"schueler\"\ncatchment", "monitoring.toml:", "which the spec does not have"),
        ("catchment = 600", "catchment = 600\nvelocity = 3", "unknown key \"velocity\"", "expected one of"),
        ("catchment = 600", "catchment = 600\nspeed = 3", "field \"offers[0].speed\": found speed without network", "expected network = "),
        ("catchment = 600", "catchment = 8\nnetwork = \"roads.geojson\"\nspeed = -3", "field \"offers[0].speed\": found -3.0", "expected a speed > 0 km/h"),
        ("catchment = 600", "catchment = 8\nnetwork = \"city/city_areas.gpkg\"", "city_areas.gpkg feature", "expected a line layer (LineString or MultiLineString features)"),
        ("catchment = 600", "catchment = 8\nnetwork = \"nowhere.gpkg\"", "field \"offers[0].network\": found no readable file", "a road/path line layer"),
        ("catchment = 600", "catchment = 600\ndecay = \"steps:x=1\"", "field \"offers[0].decay\": found \"steps:x=1\"", "expected a number"),
        ("catchment = 600", "catchment = 600\nmethods = [\"4sfca\"]", "field \"offers[0].methods\": found \"4sfca\"", "2sfca, 3sfca, bfca, sa"),
        ("catchment = 600", "catchment = 600\nneed = \"reichtum\"", "field \"offers[0].need\": found \"reichtum\"", "one of the indicators kinder"),
        ("catchment = 600", "catchment = 600\nneed = \"index\"", "field \"offers[0].need\": found \"index\" without an [index]", "an [index]"),
        ("catchment = 600", "catchment = 600\ngap_access = \"3sfca\"", "field \"offers[0].gap_access\": found \"3sfca\"", "coverage or one of the methods 2sfca, sa"),
        ("catchment = 600", "catchment = 600\nscenario = \"none.csv\"", "field \"offers[0].scenario\": found no readable file", "a scenario CSV"),
    ])
    func badOffersTableNamesTheSpecLine(original: String, replacement: String, place: String, message: String) async throws {
        let city = try await Self.setUp()
        let text = Self.spec.replacingOccurrences(of: original, with: replacement)
        try #require(text != Self.spec)
        try text.write(toFile: city.path("monitoring.toml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", city.path("monitoring.toml")])
        #expect(result.status != 0)
        #expect(result.error.contains(place) && result.error.contains(message), "\(result.error)")
    }

    /// An offer whose target group names a field the persons lack: refused at spec load, naming the offer.
    @Test func targetGroupOverUnknownFieldRefused() async throws {
        let city = try await Self.setUp()
        var offers = try String(contentsOfFile: city.offers, encoding: .utf8)
        offers = offers.replacingOccurrences(of: "age >= 12 and age < 18", with: "alter >= 12")
        try offers.write(toFile: city.offers, atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", city.path("monitoring.toml")])
        #expect(result.status != 0)
        #expect(result.error.contains("the target group \"alter >= 12\" of offer j1 (") && result.error.contains("offers.csv:18"), "\(result.error)")
    }
}
