import Foundation
import Testing
import QuartierBase
import QuartierMonitoring
import QuartierTestSupport
@testable import QuartierReach

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
        let files = try ReachPublication.write(analysis, folder: out.path, formats: [.csv, .geojson])
        var scanned = 0
        for file in files where file.hasSuffix(".csv") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
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
        // Every small internal count of a Quartier or Stadtteil row is the marker in the export.
        let marker = analysis.spec.disclosure.marker
        for row in internalSmall.prefix(50) {
            let file = out.appendingPathComponent("export/indicators_\(row.level).csv").path
            let line = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                .first { $0.hasPrefix("\(row.areaID),") && $0.contains(",\(row.year),\(row.indicator),") }
            let fields = try #require(line).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields[5] == marker, "\(row.level) \(row.areaID) \(row.year) \(row.indicator)")
        }
    }
}
