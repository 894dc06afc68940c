import Foundation
import GRDB
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// The shipped demo monitoring (`Data/demo`, four registers) checked by routes of their own.
@Suite(.serialized) struct DemoMonitoringTests {
    /// Copies `Data/demo` (without `out/`) into a fresh folder and runs it; returns the folder.
    static func runDemo() throws -> (folder: URL, report: MonitoringRunner.Report, spec: MonitoringSpec) {
        let folder = try TestPaths.temporaryFolder()
        let demo = TestPaths.data.appendingPathComponent("demo")
        for file in try FileManager.default.contentsOfDirectory(atPath: demo.path) where file != "out" {
            try FileManager.default.copyItem(at: demo.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let spec = try MonitoringSpec(path: folder.appendingPathComponent("monitoring.toml").path)
        return (folder, try MonitoringRunner(spec: spec, threads: 1).run(), spec)
    }

    /// The count terms of an indicator, read off the spec's text by the documented naming rule
    /// (`SOURCE/FILTER`, `SOURCE/column:COLUMN`, `SOURCE/n`), not through `countKeys`.
    static func term(_ inline: String) -> String {
        func value(_ key: String) -> String? {
            guard let range = inline.range(of: "\(key) = \"") else { return nil }
            let rest = inline[range.upperBound...]
            return String(rest[..<rest.firstIndex(of: "\"")!])
        }
        let source = value("source")!
        if let filter = value("filter") { return "\(source)/\(filter)" }
        if let column = value("column") { return "\(source)/column:\(column)" }
        return "\(source)/n"
    }

    /// Every stored rate of every level and year, recomputed by SQL over the store: the block
    /// counts rolled up through the parent ids of `areas_block` and `areas_quartier` (a NULL count
    /// — masked — makes its sums NULL), then numerator / denominator × 100.
    @Test func everyRateRecomputedFromTheStoresBlockCounts() throws {
        let (folder, _, _) = try Self.runDemo()
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("out/monitoring.gpkg").path)
        defer { try? queue.close() }
        try queue.read { db in
            let quartierOf = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT area_id, parent_id FROM areas_block").map {
                (String($0["area_id"] as String), String($0["parent_id"] as String))
            })
            let stadtteilOf = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT area_id, parent_id FROM areas_quartier").map {
                (String($0["area_id"] as String), String($0["parent_id"] as String))
            })
            // level → "area|year|term" → count (nil: masked)
            var counts: [String: [String: Int64?]] = ["block": [:], "quartier": [:], "stadtteil": [:]]
            for row in try Row.fetchAll(db, sql: "SELECT area_id, year, term, count FROM counts WHERE level = 'block'") {
                let area: String = row["area_id"], year: Int = row["year"], term: String = row["term"]
                let count: Int64? = row["count"]
                counts["block"]!["\(area)|\(year)|\(term)"] = .some(count)
                for (level, parent) in [("quartier", quartierOf[area]!), ("stadtteil", stadtteilOf[quartierOf[area]!]!)] {
                    let key = "\(parent)|\(year)|\(term)"
                    let sum: Int64?? = counts[level]![key]
                    switch (sum, count) {
                    case (nil, _): counts[level]![key] = .some(count)
                    case (.some(let previous), let value?): counts[level]![key] = .some(previous.map { $0 + value })
                    case (.some, nil): counts[level]![key] = .some(nil)
                    }
                }
            }
            var expected: [String: Double?] = [:] // "level|area|year|indicator" → rate (nil: masked or no denominator)
            let years = try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM counts ORDER BY year")
            #expect(years == Array(2019...2023))
            for indicator in SynthMonitoring.indicators {
                let numerator = Self.term(indicator.numerator), denominator = Self.term(indicator.denominator)
                for (level, table) in counts {
                    let areas = Set(table.keys.map { String($0.split(separator: "|")[0]) })
                    for area in areas {
                        for year in years {
                            guard let x = table["\(area)|\(year)|\(numerator)"], let n = table["\(area)|\(year)|\(denominator)"] else {
                                Issue.record("no counts \(numerator) or \(denominator) for \(level) \(area) \(year)")
                                continue
                            }
                            let rate: Double? = if let x, let n, n > 0 { Double(x) / Double(n) * 100 } else { nil }
                            expected["\(level)|\(area)|\(year)|\(indicator.id)"] = rate
                        }
                    }
                }
            }
            let stored = try Row.fetchAll(db, sql: "SELECT level, area_id, year, indicator, value, masked FROM indicators")
            #expect(stored.count == expected.count)
            #expect(stored.count == 11 * 5 * (150 + Set(quartierOf.values).count + Set(stadtteilOf.values).count))
            var masked = 0
            for row in stored {
                let level: String = row["level"], area: String = row["area_id"], year: Int = row["year"], id: String = row["indicator"]
                let value: Double? = row["value"], reason: String? = row["masked"]
                guard let want = expected["\(level)|\(area)|\(year)|\(id)"] else {
                    Issue.record("stored \(level) \(area) \(year) \(id) not recomputed")
                    continue
                }
                switch (want, value) {
                case (let a?, let b?): #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(level) \(area) \(year) \(id)")
                case (nil, nil): break
                default: Issue.record("\(level) \(area) \(year) \(id): recomputed \(String(describing: want)), stored \(String(describing: value))")
                }
                if reason != nil { masked += 1; #expect(value == nil) }
            }
            // The BA masks values 1–2: some rates of the demo are masked, with their reason.
            #expect(masked > 0)
        }
    }

    /// Every record of every source is accounted for per year, and the records per year equal the
    /// rows of that year in the raw files (read here line by line).
    @Test func recordsAccountedPerSourceAndYear() throws {
        let (folder, report, _) = try Self.runDemo()
        let records = report.provenance.records
        #expect(records.count == 4 * 5)
        func rows(_ file: String, separator: Character, yearColumn: Int, year: Int) throws -> Int {
            let encoding: String.Encoding = file.hasPrefix("ba_") ? .windowsCP1252 : .utf8
            let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: encoding).split(whereSeparator: \.isNewline).dropFirst()
            return lines.filter { $0.split(separator: separator, omittingEmptySubsequences: false)[yearColumn].hasPrefix(String(year)) }.count
        }
        for entry in records {
            #expect(entry.records == entry.assigned + entry.unassigned + entry.onBoundary + entry.unmatched + entry.rejected, "\(entry.line)")
            let expected = switch entry.source {
            case "einwohner": try rows("einwohner.csv", separator: ",", yearColumn: 1, year: entry.year)
            case "ba_sgb2": try rows("ba_sgb2_bloecke.csv", separator: ";", yearColumn: 0, year: entry.year)
            case "schueler": try rows("schueler_uebergaenge.csv", separator: ",", yearColumn: 0, year: entry.year)
            default: try rows("schuleingang.csv", separator: ",", yearColumn: 0, year: entry.year)
            }
            #expect(entry.records == expected, "\(entry.line)")
        }
        // Addresses left out of the house coordinates are unmatched, with their reason.
        let register = try #require(records.first { $0.source == "einwohner" && $0.year == 2021 })
        #expect(register.unmatched > 0)
        #expect(register.unmatchedReasons["unknown-street"] ?? 0 > 0, "\(register.unmatchedReasons)")
        #expect(register.unmatchedReasons.values.reduce(0, +) == register.unmatched)
        // The store holds the same accounting.
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("out/monitoring.gpkg").path)
        defer { try? queue.close() }
        let stored = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM provenance_records WHERE records != assigned + unassigned + on_boundary + unmatched + rejected").count
        }
        #expect(stored == 0)
        let unmatched = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT unmatched FROM provenance_records WHERE source = 'einwohner' AND year = 2021")
        }
        #expect(unmatched == register.unmatched)

        // A second run with nothing changed takes the counts from the store: the same accounting
        // (reasons included), the same figures, the store left as it was.
        let again = try MonitoringRunner(spec: MonitoringSpec(path: folder.appendingPathComponent("monitoring.toml").path), threads: 1).run()
        #expect(!again.storeWritten)
        #expect(again.steps.filter { $0.step.hasPrefix("counts:") }.allSatisfy { !$0.recomputed })
        #expect(again.provenance.records == records)
        #expect(again.results.indicators == report.results.indicators)
    }

    /// Pupils counted straight into their blocks (records with an area id) equal the raw file's.
    @Test func recordsWithAnAreaIDCountIntoTheirBlock() throws {
        let (folder, report, spec) = try Self.runDemo()
        let lines = try String(contentsOf: folder.appendingPathComponent("schueler_uebergaenge.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let blocks = try #require(report.results.counts["block"]?[2022])
        let all = try #require(blocks.column(spec.countKey(.all, source: "schueler")))
        let gymnasium = try #require(blocks.column(spec.countKey(.filter("schulform_code == 1"), source: "schueler")))
        var expectedAll: [String: Int64] = [:], expectedGymnasium: [String: Int64] = [:]
        for fields in lines where fields[0] == "2022" {
            expectedAll[String(fields[1]), default: 0] += 1
            if fields[3] == "1" { expectedGymnasium[String(fields[1]), default: 0] += 1 }
        }
        #expect(!expectedAll.isEmpty)
        for (row, id) in blocks.areaIDs.enumerated() {
            #expect(blocks[row, all] == expectedAll[id] ?? 0, "block \(id)")
            #expect(blocks[row, gymnasium] == expectedGymnasium[id] ?? 0, "block \(id)")
        }
    }
}
