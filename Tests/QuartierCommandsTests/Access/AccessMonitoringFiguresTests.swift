import Foundation
import QuartierTestSupport
import Testing

/// `[[offers]]` in a monitoring beyond counts: network costs, floating-catchment scores, gaps and a
/// scenario, on the synthetic city of `AccessCommandTests` (80 blocks → 15 Quartiere → Stadtteile,
/// 8,000 persons in two years, 16 Kitas and a youth centre, a 100 m street grid).
@Suite struct AccessMonitoringFiguresTests {
    typealias T = AccessMonitoringTests

    /// The spec of `AccessMonitoringTests` with `[[offers]]` along the network, E2SFCA step weights and
    /// spatial availability, a need indicator and an index on the Quartiere (the report's level).
    static func spec(offers: String = "offers.csv", extra: String = "") -> String {
        T.spec.replacingOccurrences(of: """
            [[offers]]
            name = "angebote"
            file = "offers.csv"
            source = "einwohner"
            catchment = 600

            """, with: """
            [[indicators]]
            id = "armut"
            numerator = { source = "einwohner", filter = "sgb2 == 1" }
            denominator = { source = "einwohner" }

            [index]
            method = "weighted-z-sum"
            level = "quartier"
            status = ["armut", "kinder"]
            weights = [0.5, 0.5]

            [[offers]]
            name = "angebote"
            file = "\(offers)"
            source = "einwohner"
            catchment = 8
            network = "roads.geojson"
            snap_limit = 80
            decay = "steps:4=1,8=0.6"
            methods = ["2sfca", "sa"]
            \(extra)
            """)
    }

    static func setUp(_ text: String, name: String = "monitoring.toml", city existing: AccessCommandTests.City? = nil) async throws -> AccessCommandTests.City {
        let city: AccessCommandTests.City
        if let existing { city = existing } else { city = try await AccessCommandTests.city() }
        try #require(text.contains("network = \"roads.geojson\""))
        try text.write(toFile: city.path(name), atomically: true, encoding: .utf8)
        return city
    }

    static func rows(_ table: (header: [String], rows: [[String]]), indicator: String, year: String) -> [String: [String]] {
        let h = table.header
        var result: [String: [String]] = [:]
        for row in table.rows where row[h.firstIndex(of: "indicator")!] == indicator && row[h.firstIndex(of: "year")!] == year {
            result[row[h.firstIndex(of: "area_id")!]] = row
        }
        return result
    }

    /// Per block, the network coverage counts and the E2SFCA and spatial-availability scores equal
    /// `quartier access` standalone on the same inputs (all rules off); a Stadtteil's score is its blocks'
    /// summed scores over their summed target group.
    @Test func networkScoresEqualStandalone() async throws {
        let city = try await Self.setUp(Self.spec())
        try await InProcessCLI.run(["run", city.path("monitoring.toml")])
        try await InProcessCLI.run(["export", city.path("monitoring.toml"), "--internal", "--out", city.path("internal")])
        let blocks = try T.table(city.path("internal/indicators_block.csv"))
        let h = blocks.header
        let (numerator, denominator, value) = (h.firstIndex(of: "numerator")!, h.firstIndex(of: "denominator")!, h.firstIndex(of: "value")!)
        var compared = 0
        for year in ["2024", "2025"] {
            try await InProcessCLI.run(["access", "--areas", city.areas, "--id", "poly_id", "--persons", city.persons, "--offers", city.offers,
                                        "--catchment", "8", "--network", city.roads, "--snap-limit", "80", "--decay", "steps:4=1,8=0.6",
                                        "--year", year, "--method", "2sfca", "--method", "sa", "--min-population", "0", "--small-count", "0",
                                        "--extreme-share-minimum", "0", "--out", city.path("standalone_\(year).csv")])
            let standalone = try T.table(city.path("standalone_\(year).csv"))
            let sh = standalone.header
            for type in ["kita", "jugend"] {
                let mine = (coverage: Self.rows(blocks, indicator: "angebote_\(type)_coverage", year: year),
                            e2sfca: Self.rows(blocks, indicator: "angebote_\(type)_2sfca", year: year),
                            sa: Self.rows(blocks, indicator: "angebote_\(type)_sa", year: year))
                let theirs = standalone.rows.filter { $0[sh.firstIndex(of: "type")!] == type }
                try #require(theirs.count >= 60 && mine.coverage.count == theirs.count && mine.e2sfca.count == theirs.count && mine.sa.count == theirs.count)
                for row in theirs {
                    let id = row[sh.firstIndex(of: "poly_id")!]
                    let coverage = try #require(mine.coverage[id]), e2sfca = try #require(mine.e2sfca[id]), sa = try #require(mine.sa[id])
                    #expect(coverage[numerator] == row[sh.firstIndex(of: "accessible_target_group")!], "\(year) \(type) \(id)")
                    #expect(coverage[denominator] == row[sh.firstIndex(of: "target_group")!], "\(year) \(type) \(id)")
                    #expect(e2sfca[denominator] == row[sh.firstIndex(of: "target_group")!] && e2sfca[numerator] == "")
                    for (column, cell) in [("2sfca_per_1000", e2sfca[value]), ("sa_per_1000", sa[value])] {
                        let expected = Double(row[sh.firstIndex(of: column)!]), got = Double(cell)
                        #expect((expected == nil) == (got == nil), "\(year) \(type) \(id) \(column)")
                        if let expected, let got {
                            #expect(abs(expected - got) <= 1e-9 * max(1, abs(expected)), "\(year) \(type) \(id) \(column): \(expected) vs \(got)")
                            if got > 0 { compared += 1 }
                        }
                    }
                }
            }
        }
        #expect(compared > 100)
        // Roll-up: a Stadtteil's score is Σ (block score × block target) / Σ target over its blocks.
        let quartiere = try T.table(city.path("internal/indicators_quartier.csv"))
        let stadtteile = try T.table(city.path("internal/indicators_stadtteil.csv"))
        let (area, parent) = (h.firstIndex(of: "area_id")!, h.firstIndex(of: "parent_id")!)
        var stadtteilOf: [String: String] = [:]
        for row in quartiere.rows { stadtteilOf[row[area]] = row[parent] }
        var sums: [String: (Double, Double)] = [:]
        for row in Self.rows(blocks, indicator: "angebote_kita_2sfca", year: "2024").values {
            let n = Double(row[denominator])!
            sums[stadtteilOf[row[parent]]!, default: (0, 0)].0 += (Double(row[value]) ?? 0) * n
            sums[stadtteilOf[row[parent]]!, default: (0, 0)].1 += n
        }
        let top = Self.rows(stadtteile, indicator: "angebote_kita_2sfca", year: "2024")
        try #require(top.count == sums.count && top.count >= 2)
        for (id, row) in top {
            let (s, n) = try #require(sums[id])
            #expect(abs(Double(row[value])! - s / n) <= 1e-9 * max(1, s / n), "\(id)")
        }
    }

    /// Scores are not counts: a score row is published only where the area's coverage row is. Planted:
    /// a counselling offer for a tiny target group (16–17 year olds in SGB II, one or two per Quartier),
    /// and blocks of about 100 persons (below the minimum population); no score of such an area is in
    /// the published export or the report (level Quartier), although the internal figures hold it.
    @Test func scoresPublishedOnlyWithTheirCoverage() async throws {
        let city = try await Self.setUp(Self.spec())
        try (String(contentsOfFile: city.offers, encoding: .utf8) + "b1,Beratung,beratung,5,age >= 16 and age < 18 and sgb2 == 1,,,361100,5645000,\n")
            .write(toFile: city.offers, atomically: true, encoding: .utf8)
        try await InProcessCLI.run(["run", city.path("monitoring.toml")])
        try await InProcessCLI.run(["export", city.path("monitoring.toml"), "--internal", "--out", city.path("internal")])
        try await InProcessCLI.run(["export", city.path("monitoring.toml"), "--out", city.path("published")])
        try await InProcessCLI.run(["report", city.path("monitoring.toml"), "--lang", "en", "--out", city.path("report")])
        var planted = 0, published = 0, plantedQuartiere: [String] = []
        for level in ["block", "quartier", "stadtteil"] {
            let inside = try T.table(city.path("internal/indicators_\(level).csv"))
            let open = try T.table(city.path("published/indicators_\(level).csv"))
            let h = open.header
            let (area, year, indicator, value, suppressed) = (h.firstIndex(of: "area_id")!, h.firstIndex(of: "year")!, h.firstIndex(of: "indicator")!,
                                                              h.firstIndex(of: "value")!, h.firstIndex(of: "suppressed")!)
            var coveragePublished: [String: Bool] = [:]
            for row in open.rows where row[indicator].hasSuffix("_coverage") {
                coveragePublished["\(row[area])/\(row[year])/\(row[indicator].dropLast("_coverage".count))"] = row[suppressed].isEmpty
            }
            var internalRow: [String: [String]] = [:]
            for row in inside.rows { internalRow["\(row[area])/\(row[year])/\(row[indicator])"] = row }
            for row in open.rows where row[indicator].hasSuffix("_2sfca") || row[indicator].hasSuffix("_sa") {
                let base = row[indicator].hasSuffix("_sa") ? row[indicator].dropLast(3) : row[indicator].dropLast(6)
                let covered = try #require(coveragePublished["\(row[area])/\(row[year])/\(base)"])
                let secret = try #require(internalRow["\(row[area])/\(row[year])/\(row[indicator])"])
                if !covered {
                    #expect(row[value] == "." && !row[suppressed].isEmpty, "\(level) \(row)")
                    if let v = Double(secret[value]), v > 0 {
                        planted += 1
                        if level == "quartier" && row[indicator] == "angebote_beratung_2sfca" && row[year] == "2025" { plantedQuartiere.append(row[area]) }
                    }
                } else if Double(row[value]) != nil {
                    #expect(row[value] == secret[value])
                    published += 1
                }
            }
        }
        #expect(planted > 50, "cells whose score exists internally but whose coverage is suppressed")
        #expect(published > 5)
        // The report (its level is the Quartier): the planted Quartiere show the marker, never the number.
        let ranking = try T.table(city.path("report/ranking.csv"))
        let column = try #require(ranking.header.firstIndex(of: "angebote_beratung_2sfca"))
        try #require(!plantedQuartiere.isEmpty)
        for id in plantedQuartiere {
            let row = try #require(ranking.rows.first { $0[1] == id })
            #expect(row[column] == ".", "Quartier \(id): \(row[column])")
        }
        let kita = try #require(ranking.header.firstIndex(of: "angebote_kita_2sfca"))
        #expect(ranking.rows.contains { Double($0[kita]) != nil }, "published scores reach the report")
    }

    static func sqlite(_ database: String, _ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", database, query]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Gaps against a need indicator on the Quartiere: the store's and the export's gap table equal a
    /// recomputation from the published Quartier export (type-7 quantiles, high need at or above the
    /// 0.5 quantile, coverage below the median), and the high-need share without access adds the
    /// published counts.
    @Test func gapsEqualARecomputationFromThePublishedFigures() async throws {
        let city = try await Self.setUp(Self.spec(extra: "need = \"armut\"\nneed_quantile = 0.5\ngap_level = \"quartier\"\n"))
        try await InProcessCLI.run(["run", city.path("monitoring.toml")])
        try await InProcessCLI.run(["export", city.path("monitoring.toml"), "--out", city.path("published")])
        let quartiere = try T.table(city.path("published/indicators_quartier.csv"))
        let gaps = try T.table(city.path("published/access_gaps.csv"))
        let summary = try T.table(city.path("published/access_gap_summary.csv"))
        func quantile(_ sorted: [Double], _ q: Double) -> Double {
            let h = Double(sorted.count - 1) * q, lo = Int(h), hi = min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        var checked = 0
        for year in ["2024", "2025"] {
            for type in ["kita", "jugend"] {
                let need = Self.rows(quartiere, indicator: "armut", year: year)
                let coverage = Self.rows(quartiere, indicator: "angebote_\(type)_coverage", year: year)
                let h = quartiere.header
                let (value, numerator, denominator) = (h.firstIndex(of: "value")!, h.firstIndex(of: "numerator")!, h.firstIndex(of: "denominator")!)
                var compared: [(id: String, need: Double, access: Double, n: Int, without: Int)] = []
                for (id, row) in coverage {
                    guard let a = Double(row[value]), let x = Int(row[numerator]), let n = Int(row[denominator]),
                          let needRow = need[id], let v = Double(needRow[value]) else { continue }
                    compared.append((id, v, a, n, n - x))
                }
                try #require(compared.count >= 5)
                let threshold = quantile(compared.map(\.need).sorted(), 0.5), median = quantile(compared.map(\.access).sorted(), 0.5)
                let high = compared.filter { $0.need >= threshold }
                let expected = high.filter { $0.access < median }.sorted { ($0.need, -$0.access, $1.id) > ($1.need, -$1.access, $0.id) }
                let gh = gaps.header
                let mine = gaps.rows.filter { $0[gh.firstIndex(of: "year")!] == year && $0[gh.firstIndex(of: "type")!] == type }
                #expect(mine.map { $0[gh.firstIndex(of: "area_id")!] } == expected.map(\.id), "\(year) \(type)")
                let sh = summary.header
                let line = try #require(summary.rows.first { $0[sh.firstIndex(of: "year")!] == year && $0[sh.firstIndex(of: "type")!] == type })
                let share = Double(high.map(\.without).reduce(0, +)) / Double(high.map(\.n).reduce(0, +))
                #expect(abs(Double(line[sh.firstIndex(of: "high_need_share_without_access")!])! - share) < 1e-12)
                #expect(Int(line[sh.firstIndex(of: "not_compared")!]) == coverage.count - compared.count)
                checked += 1
            }
        }
        #expect(checked == 4)
        #expect(try Self.sqlite(city.path("out/monitoring.gpkg"), "SELECT count(*) FROM published_access_gaps") == String(gaps.rows.count))
    }

    /// A scenario (add a Kita, resize another) in the monitoring equals a full recomputation with the
    /// change made in the inventory: every level, year and area, coverage counts and scores; the
    /// report's scenario table shows the recomputation's published values, and its gap and access
    /// maps are drawn.
    @Test func scenarioEqualsFullRecomputation() async throws {
        let city = try await AccessCommandTests.city()
        try "action,id,name,type,capacity,target_group,x,y\nadd,new1,Neue Kita,kita,60,age < 6,361200,5645100\nresize,k5,,,10,,,\n"
            .write(toFile: city.path("scenario.csv"), atomically: true, encoding: .utf8)
        var offers = try String(contentsOfFile: city.offers, encoding: .utf8)
        offers = offers.replacingOccurrences(of: "k5,Kita 5,kita,45,", with: "k5,Kita 5,kita,10,")
        try #require(offers.contains("k5,Kita 5,kita,10,"))
        offers += "new1,Neue Kita,kita,60,age < 6,,,361200,5645100,\n"
        try offers.write(toFile: city.path("offers_full.csv"), atomically: true, encoding: .utf8)
        _ = try await Self.setUp(Self.spec(extra: "scenario = \"scenario.csv\"\nneed = \"index\"\n"), city: city)
        _ = try await Self.setUp(Self.spec(offers: "offers_full.csv").replacingOccurrences(of: "out/monitoring.gpkg", with: "out/full.gpkg"),
                                 name: "full.toml", city: city)
        try await InProcessCLI.run(["run", city.path("monitoring.toml")])
        try await InProcessCLI.run(["run", city.path("full.toml")])
        for (spec, folder) in [("monitoring.toml", "internal"), ("full.toml", "internal_full")] {
            try await InProcessCLI.run(["export", city.path(spec), "--internal", "--out", city.path(folder)])
        }
        try await InProcessCLI.run(["export", city.path("full.toml"), "--out", city.path("published_full")])
        var changed = 0
        for level in ["block", "quartier", "stadtteil"] {
            let scenario = try T.table(city.path("internal/indicators_\(level).csv"))
            let full = try T.table(city.path("internal_full/indicators_\(level).csv"))
            let h = scenario.header
            let (numerator, denominator, value) = (h.firstIndex(of: "numerator")!, h.firstIndex(of: "denominator")!, h.firstIndex(of: "value")!)
            for year in ["2024", "2025"] {
                for kind in ["coverage", "2sfca", "sa"] {
                    let mine = Self.rows(scenario, indicator: "angebote_kita_\(kind)_scenario", year: year)
                    let base = Self.rows(scenario, indicator: "angebote_kita_\(kind)", year: year)
                    let theirs = Self.rows(full, indicator: "angebote_kita_\(kind)", year: year)
                    try #require(mine.count == theirs.count && mine.count >= 2)
                    for (id, row) in theirs {
                        let got = try #require(mine[id])
                        #expect(got[numerator] == row[numerator] && got[denominator] == row[denominator], "\(level) \(year) \(kind) \(id)")
                        let a = Double(got[value]), b = Double(row[value])
                        #expect((a == nil) == (b == nil))
                        if let a, let b { #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(level) \(year) \(kind) \(id): \(a) vs \(b)") }
                        if base[id]?[value] != row[value] { changed += 1 }
                    }
                }
            }
        }
        #expect(changed > 10, "the scenario changes some areas")
        // The report: access and gap maps, the gap table, and the scenario's values as the full recomputation publishes them.
        try await InProcessCLI.run(["report", city.path("monitoring.toml"), "--lang", "en", "--out", city.path("report")])
        let html = try String(contentsOfFile: city.path("report/report.html"), encoding: .utf8)
        #expect(html.contains("id=\"map-access-1\"") && html.contains("id=\"map-gap-1\"") && html.contains("id=\"access-gaps\""))
        let section = try #require(html.components(separatedBy: "<table class=\"access-scenario\">").dropFirst().first?.components(separatedBy: "</table>").first)
        let published = try T.table(city.path("published_full/indicators_quartier.csv"))
        let coverage = Self.rows(published, indicator: "angebote_kita_coverage", year: "2025")
        var shown = 0
        for row in section.components(separatedBy: "<tr>").dropFirst(2) {
            let cells = row.components(separatedBy: "<td").dropFirst().map { cell in
                String(cell.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            }
            try #require(cells.count == 10)
            let id = try #require(cells[0].split(separator: "(").last.map { String($0.dropLast()) })
            let expected = try #require(coverage[id])
            let v = published.header.firstIndex(of: "value")!
            let text = Double(expected[v]).map { String(format: "%.1f%%", $0) } ?? "."
            #expect(cells[2] == text, "\(id): \(cells[2]) vs \(text)")
            shown += 1
        }
        #expect(shown >= 1)
    }
}
