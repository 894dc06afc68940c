import Foundation
import Testing
import QuartierBase
import QuartierMonitoring
import QuartierTestSupport
@testable import QuartierReach
import QuartierReachReport

/// The shipped demo (Data/demo: monitoring, projekte.toml, teilnehmende.csv), run once on a copy.
enum DemoReach {
    static let analysis: Result<(ReachAnalysis, URL), any Error> = Result {
        let folder = try TestPaths.temporaryFolder()
        for name in ["monitoring.toml", "city_areas.gpkg", "einwohner.csv", "hauskoordinaten.csv", "ba_sgb2_bloecke.csv",
                     "schueler_uebergaenge.csv", "schuleingang.csv", "projekte.toml", "teilnehmende.csv"] {
            try FileManager.default.copyItem(at: TestPaths.data.appendingPathComponent("demo/\(name)"), to: folder.appendingPathComponent(name))
        }
        let spec = try MonitoringSpec(path: folder.appendingPathComponent("monitoring.toml").path)
        let out = folder.appendingPathComponent("out/reach")
        return (try ReachAnalysis(spec: spec, registerPath: nil, participantFiles: [], folder: out.path), out)
    }
}

@Suite(.serialized) struct ReachDemoTests {
    /// The fields of one CSV line (RFC 4180 quotes; the exports hold no line breaks in fields).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" { quoted = false } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field); field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }

    /// The sheets' XML of an XLSX file (unzip -p).
    static func unzip(_ file: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-p", file, "xl/worksheets/*.xml", "xl/sharedStrings.xml"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A Stadtteil's coverage is its Quartiere's counts summed, then divided — never an average of rates.
    @Test func stadtteilCoverageIsSummedQuartierCounts() throws {
        let (analysis, _) = try DemoReach.analysis.get()
        let levels = analysis.reachSpec.levels.map(\.id)
        let (quartier, stadtteil) = (levels[1], levels[2])
        let parent = Dictionary(uniqueKeysWithValues: (analysis.areas[quartier]?.areas ?? []).map { ($0.id, $0.parentIDs.first! ?? "") })
        let rows = analysis.results.indicators.filter { $0.indicator.hasPrefix("reichweite__") }
        var checked = 0, differsFromMean = 0
        for top in rows where top.level == stadtteil {
            let parts = rows.filter { $0.level == quartier && $0.year == top.year && $0.indicator == top.indicator && parent[$0.areaID] == top.areaID }
            try #require(!parts.isEmpty)
            let x = parts.compactMap(\.numerator).reduce(0, +), n = parts.compactMap(\.denominator).reduce(0, +)
            #expect(top.numerator == x && top.denominator == n, "\(top.indicator) \(top.areaID) \(top.year)")
            let value = try #require(top.value)
            #expect(abs(value - Double(x) / Double(n) * 100) < 1e-9)
            let mean = parts.compactMap(\.value).reduce(0, +) / Double(parts.count)
            if abs(mean - value) > 1e-6 { differsFromMean += 1 }
            checked += 1
        }
        #expect(checked > 20)
        // The demo is one where averaging rates would give other figures.
        #expect(differsFromMean > 0)
    }

    /// A participant in two projects in one period counts once in the programme total.
    @Test func keyInTwoProjectsCountsOnceInProgramme() throws {
        let (analysis, _) = try DemoReach.analysis.get()
        let top = analysis.reachSpec.levels.last!.id
        var shared = 0
        for year in analysis.reachSpec.years {
            let living = analysis.reading.participants.filter { $0.year == year && $0.area != nil }
            var projectsOf: [String: Set<String>] = [:]
            for p in living { projectsOf[p.key, default: []].insert(p.project) }
            shared += projectsOf.values.filter { $0.count > 1 }.count
            let programme = analysis.counts(level: top, year: year, key: analysis.countKey(participants: nil, group: nil)).values.reduce(0, +)
            guard programme > 0 else { continue }   // a programme-year left out (small city total)
            #expect(programme == Int64(projectsOf.count), "\(year)")
            #expect(Int64(living.count) > programme || projectsOf.values.allSatisfy { $0.count == 1 })
        }
        // The demo has children in two projects, so the test can fail.
        #expect(shared > 0)
    }

    /// Every participant record is accounted for, with the planted bad records under their reasons.
    @Test func everyRecordAccounted() throws {
        let (analysis, _) = try DemoReach.analysis.get()
        let accounting = analysis.reading.accounting
        #expect(accounting.allSatisfy { $0.balances })
        let lines = try String(contentsOf: TestPaths.data.appendingPathComponent("demo/teilnehmende.csv"), encoding: .utf8)
            .split(separator: "\n").count - 1
        #expect(accounting.reduce(0) { $0 + $1.records } == lines)
        let rejected = accounting.reduce(into: [String: Int]()) { $0.merge($1.rejected) { $0 + $1 } }
        let unmatched = accounting.reduce(into: [String: Int]()) { $0.merge($1.unmatched) { $0 + $1 } }
        #expect(rejected["unknown project id"] == 1)
        #expect(rejected["key repeated within project and period"] == 1)
        #expect(rejected["birth year after the period"] == 1)
        #expect(unmatched["unknown-street"] == 1)
        #expect(accounting.reduce(0) { $0 + $1.outsideServed } > 0)
    }

    /// No participant count 1 … small_count_limit in any published output (CSV, XLSX sheets, GeoJSON);
    /// the internal counts hold such values, so the scan has something to find.
    @Test func noSmallParticipantCountPublished() throws {
        let (analysis, out) = try DemoReach.analysis.get()
        let limit = Int64(analysis.spec.disclosure.smallCountLimit)
        let internalSmall = analysis.results.indicators.filter { $0.indicator.hasPrefix("reichweite__") && $0.level != analysis.reachSpec.levels[0].id }
            .filter { ($0.numerator ?? 0) >= 1 && ($0.numerator ?? 0) <= limit }
        try #require(!internalSmall.isEmpty, "the demo must hold small counts above the blocks")
        let published = try ReachPublication.protect(analysis)
        let files = try ReachPublication.write(analysis, published: published, folder: out.path, formats: [.csv, .xlsx, .geojson])
            + [ReachReport.write(analysis, PublishedReach(analysis, published: published), folder: out.appendingPathComponent("bericht").path)]
        var scanned = 0
        for file in files where file.hasSuffix(".csv") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let lines = text.split(separator: "\n").map { Self.fields(String($0)) }
            guard let header = lines.first else { continue }
            let countColumns = header.indices.filter { ["numerator", "denominator", "erreicht", "zielgruppe_register", "teilnehmende",
                                                        "streuverlust", "kumuliert_erreicht"].contains(header[$0]) }
            for line in lines.dropFirst() where line.count == header.count {
                for c in countColumns {
                    if let value = Int64(line[c]) { #expect(!(1...limit).contains(value), "\(file): \(header[c]) = \(value)"); scanned += 1 }
                }
                // A published rate must not reveal a small complement either.
                if let x = header.firstIndex(of: "numerator"), let n = header.firstIndex(of: "denominator"),
                   let xv = Int64(line[x]), let nv = Int64(line[n]) {
                    #expect(!(1...limit).contains(nv - xv))
                }
            }
        }
        #expect(scanned > 1000)
        // Search every output file (CSV, GeoJSON, the XLSX's sheet XML) for the distinctive rates of the
        // rows with a small count: none may appear; a published rate of the same kind must (the control).
        var texts: [String: String] = [:]
        for file in files {
            if file.hasSuffix(".xlsx") {
                if ReferenceTool.hasExecutable("unzip") || ReferenceTool.isCI {
                    try ReferenceTool.require(executables: ["unzip"])
                    texts[file] = try Self.unzip(file)
                }
            } else {
                texts[file] = try String(contentsOfFile: file, encoding: .utf8)
            }
        }
        func distinctive(_ value: Double) -> String? {
            let text = "\(value)"
            guard text.contains("."), !text.contains("e"), text.count >= 9 else { return nil }
            return String(text.prefix(9))
        }
        // A small row's rate may equal a published row's rate (5/90 = 1/18): such needles say nothing.
        let publishedNeedles = Set(published.indicators.compactMap { $0.value.value.flatMap(distinctive) }
            + published.indicators.compactMap { $0.value.low.flatMap(distinctive) } + published.indicators.compactMap { $0.value.high.flatMap(distinctive) })
        var searched = 0
        for row in internalSmall {
            guard let needle = row.value.flatMap(distinctive), !publishedNeedles.contains(needle) else { continue }
            for (file, text) in texts { #expect(!text.contains(needle), "\(file) holds \(needle) of \(row.indicator) \(row.areaID) \(row.year)") }
            searched += 1
        }
        #expect(searched >= 5)
        let newest = analysis.reachSpec.years.last!
        let control = try #require(published.indicators.first { $0.suppressed == nil && $0.value.level == "quartier" && $0.value.year == newest
            && $0.value.value.flatMap(distinctive) != nil })
        let needle = try #require(control.value.value.flatMap(distinctive))
        for (file, text) in texts where file.hasSuffix("indicators_quartier.csv") || file.hasSuffix(".xlsx") || file.hasSuffix("quartier.geojson") {
            #expect(text.contains(needle), "the control \(needle) (\(control.value.indicator)) is missing from \(file)")
        }

        // Every small internal count of a Quartier or Stadtteil row is the marker in the export.
        let marker = analysis.spec.disclosure.marker
        for row in internalSmall.prefix(50) {
            let file = out.appendingPathComponent("export/indicators_\(row.level).csv").path
            let line = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                .first { $0.hasPrefix("\(row.areaID),") && $0.contains(",\(row.year),\(row.indicator),") }
            let fields = Self.fields(String(try #require(line)))
            #expect(fields[5] == marker, "\(row.level) \(row.areaID) \(row.year) \(row.indicator)")
        }
    }
}
