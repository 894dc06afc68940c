import Foundation
import Quartier
import QuartierMonitoring
import QuartierTable
import QuartierTestSupport
import Testing

@testable import QuartierReport

@Suite struct MonitoringReportTests {
    /// A synthetic monitoring with disclosure rules, run and turned into a report model.
    static func model(rules: String) throws -> (ReportModel, MonitoringRunner.Report) {
        let (model, run, _) = try modelAndGate(rules: rules)
        return (model, run)
    }

    static func modelAndGate(rules: String) throws -> (ReportModel, MonitoringRunner.Report, PublishedResults) {
        let folder = try TestPaths.temporaryFolder()
        let path = try SynthMonitoring.generate(areas: 80, persons: 6_000, years: 2021...2023, seed: 3, folder: folder.path)
        try (try String(contentsOfFile: path, encoding: .utf8) + rules).write(toFile: path, atomically: true, encoding: .utf8)
        let spec = try MonitoringSpec(path: path)
        let run = try MonitoringRunner(spec: spec, threads: 1).run()
        let published = try PublishedResults.protect(spec: spec, results: run.results, areas: run.areas, rules: spec.disclosure)
        return (ReportModel.monitoring(spec: spec, run: run, published: published, language: .de), run, published)
    }

    @Test func disclosureRulesSuppressBeforeRendering() throws {
        let (model, run, gate) = try Self.modelAndGate(rules: "\n[disclosure]\nmin_population = 60\nsmall_count_limit = 3\n")
        let population = run.results.counts["block"]!
        var suppressed = 0
        try #require(gate.indicators.count == run.results.indicators.count)
        for (value, row) in try zipEqual(run.results.indicators, gate.indicators) where value.level == "block" {
            let indicator = try #require(model.indicators.first { $0.id == value.indicator })
            let cell = indicator.cell(value.areaID, year: value.year)
            let table = population[value.year]!
            let n = table[table.areaIDs.firstIndex(of: value.areaID)!, table.column("n")!]
            // A count masked by its publisher (BA `*`) has no value to test the rules on; its row is
            // published without figures.
            let (x, d) = (value.numerator ?? 0, value.denominator ?? 0)
            if value.numerator != nil, value.denominator != nil, n < 60 || (1...3).contains(x) || (1...3).contains(d) || (1...3).contains(d - x) || (d > 0 && d < 10 && (x == 0 || x == d)) {
                #expect(row.suppressed != nil && row.suppressed != .secondary, "\(value)")
            }
            if row.suppressed != nil {
                #expect(cell == .suppressed(.disclosure), "\(value)")
                suppressed += 1
            } else if let rate = value.value {
                #expect(cell.number == rate)
            }
        }
        #expect(suppressed > 0)
        #expect(gate.secondaryCells > 0)
        // Nothing suppressed reaches the HTML or the CSV tables: every suppressed cell's rate, written
        // as the report writes numbers, is absent wherever it is not also the value of a published cell.
        let document = ReportBuilder(model: model).build()
        // Published: every area's shown value and the city-wide figures (a suppressed block's 3/38 equals
        // a city-wide 6/76 by coincidence, not by a leak).
        let published = Set(model.indicators.flatMap { $0.values.values.flatMap { $0.values.compactMap(\.number) } }
            + model.indicators.flatMap { $0.cityValues.values.compactMap(\.number) })
        let csvs = document.tables.map { CSVWriter().text(header: $0.header, rows: $0.rows) }
        for value in run.results.indicators where value.level == "block" {
            let indicator = model.indicators.first { $0.id == value.indicator }!
            guard indicator.cell(value.areaID, year: value.year) == .suppressed(.disclosure), let rate = value.value,
                  !published.contains(where: { abs($0 - rate) < 1e-9 }), rate > 0 else { continue }
            // Full precision is unique to the cell (one-decimal renderings may coincide with other areas').
            let raw = String(rate)
            for csv in csvs { #expect(!Self.containsNumber(csv, raw), "suppressed \(raw) found in a table") }
            // The HTML also holds SVG coordinates: only values with many digits are unambiguous there.
            if raw.count >= 8 { #expect(!Self.containsNumber(document.html, raw), "suppressed \(raw) found in the HTML") }
        }
        #expect(model.disclosureNote.contains("weniger als 60"))
        #expect(model.specHash == run.provenance.specSHA256)
    }

    /// Whether `number` occurs in `text` as a whole number (not inside a longer one such as 22.7 in 122.75).
    static func containsNumber(_ text: String, _ number: String) -> Bool {
        let bytes = Array(text.utf8), needle = Array(number.utf8)
        guard needle.count <= bytes.count else { return false }
        func isNumberByte(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || b == 46 }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            guard Array(bytes[start..<start + needle.count]) == needle else { continue }
            let before = start > 0 ? bytes[start - 1] : 32, after = start + needle.count < bytes.count ? bytes[start + needle.count] : 32
            if !isNumberByte(before) && !isNumberByte(after) { return true }
        }
        return false
    }

    @Test func indexClassesAndRanksComeFromTheRun() throws {
        // Every rule loosened explicitly: nothing is suppressed, so the report shows the run's index.
        let (model, run) = try Self.model(rules: "\n[disclosure]\nmin_population = 0\nsmall_count_limit = 0\nextreme_share_min_denominator = 0\n")
        for value in run.results.index {
            let entry = model.index.entry(value.areaID)
            #expect(entry.rank == value.rank)
            #expect(entry.value.number == value.statusIndex)
            let label = model.index.classDefinition(entry.classID)?.label
            #expect(label == value.statusClass.map { "Status \($0)" })
        }
        #expect(model.levelNames == ["Baublock", "Quartier", "Stadtteil"])
        // Upper-level ids are kept apart from block ids with the same number.
        let ids = model.areas.map(\.id)
        #expect(Set(ids).count == ids.count)
    }
}

