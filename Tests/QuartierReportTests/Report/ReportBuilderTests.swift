import Foundation
import Quartier
import QuartierMonitoring
import QuartierMethods
import Testing
@testable import QuartierReport
import QuartierTestSupport

@Suite struct ReportBuilderTests {
    @Test(arguments: [ReportLanguage.de, .en])
    func legendCountsEqualClassCounts(language: ReportLanguage) throws {
        let model = SyntheticCity.model(areas: 150, language: language)
        let html = ReportBuilder(model: model).build().html
        let maps = Rendered.maps(html)
        #expect(maps.count == 5)
        for svg in maps {
            var fromPaths: [String: Int] = [:]
            for path in Rendered.pathClasses(svg) { fromPaths[path.cls, default: 0] += 1 }
            let legend = Rendered.legendCounts(svg)
            #expect(!legend.isEmpty)
            #expect(legend.map(\.count).reduce(0, +) == 150)
            for entry in legend { #expect(entry.count == fromPaths[entry.cls] ?? 0, "class \(entry.cls)") }
        }
        // The index map's counts equal the model's classes.
        let index = try #require(Rendered.svg(html, id: "map-index"))
        let expected = model.index.counts(areaIDs: model.areas.filter { $0.level == 0 }.map(\.id))
        for entry in Rendered.legendCounts(index) where !entry.cls.isEmpty {
            #expect(entry.count == expected[Int(entry.cls)!] ?? 0)
        }
    }

    @Test func sameModelSameBytes() throws {
        let model = SyntheticCity.model(areas: 200, language: .de)
        let first = ReportBuilder(model: model).build(), second = ReportBuilder(model: model).build()
        #expect(first.html == second.html)
        #expect(first.tables.map(\.rows) == second.tables.map(\.rows))
        let a = try TestPaths.temporaryFolder(), b = try TestPaths.temporaryFolder()
        let pathsA = try ReportWriter.write(first, to: a.path, language: .de)
        let pathsB = try ReportWriter.write(second, to: b.path, language: .de)
        for (x, y) in try zipEqual(pathsA, pathsB) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: x)) == Data(contentsOf: URL(fileURLWithPath: y)))
        }
    }

    @Test func thousandAreasStayUnderFiveMegabytes() throws {
        let document = ReportBuilder(model: SyntheticCity.model(areas: 1000, language: .de)).build()
        let bytes = document.html.utf8.count
        #expect(bytes < 5_000_000, "report.html has \(bytes) bytes")
        #expect(Rendered.maps(document.html).allSatisfy { Rendered.pathClasses($0).count == 1000 })
        #expect(document.html.contains("http") == document.html.contains("http://www.w3.org/2000/svg"))
    }

    /// Suppressed values appear nowhere: cells replaced by `.suppressed` had the values `secrets`
    /// (chosen far outside the other values' range so any rendering of them is recognisable);
    /// a control area keeps one secret unsuppressed to show the search finds it.
    /// Real, distinctive values planted in a monitoring's results, suppressed by the publication gate, then
    /// searched for in every output: the report (HTML and its CSV tables) and the CSV, XLSX and GeoJSON exports.
    /// A control row planted the same way but published must be found, so the search itself works.
    @Test func suppressedValuesAppearNowhere() throws {
        let folder = try TestPaths.temporaryFolder()
        let specPath = try SynthMonitoring.generate(areas: 80, persons: 6_000, years: 2021...2023, seed: 3, folder: folder.path)
        // Blocks published (min_population loosened explicitly); every other rule at its default.
        try (try String(contentsOfFile: specPath, encoding: .utf8) + "\n[disclosure]\nmin_population = 0\n")
            .write(toFile: specPath, atomically: true, encoding: .utf8)
        let spec = try MonitoringSpec(path: specPath)
        let run = try MonitoringRunner(spec: spec, threads: 1).run()
        let first = try PublishedResults.protect(spec: spec, results: run.results, areas: run.areas, rules: spec.disclosure)
        let indicator = spec.indicators[0].id
        let latest = try #require(spec.years.last)
        let candidates = run.results.indicators.indices.filter {
            let v = run.results.indicators[$0]
            return v.level == spec.lowestLevel.id && v.year == latest && v.indicator == indicator
        }
        let control = try #require(candidates.first { first.indicators[$0].suppressed == nil })
        let secret = try #require(candidates.first { $0 != control })
        var results = run.results
        func plant(_ row: Int, _ x: Int64, _ n: Int64) {
            let interval = WilsonInterval.interval(successes: Double(x), trials: Double(n))
            results.indicators[row].numerator = x
            results.indicators[row].denominator = n
            results.indicators[row].value = Double(x) / Double(n) * 100
            results.indicators[row].low = interval.lower * 100
            results.indicators[row].high = interval.upper * 100
        }
        plant(secret, 2, 7919)    // a small count (2) over a denominator no other area has
        plant(control, 4001, 7907)
        let published = try PublishedResults.protect(spec: spec, results: results, areas: run.areas, rules: spec.disclosure)
        try #require(published.indicators[secret].suppressed == .smallCount)
        try #require(published.indicators[control].suppressed == nil)
        let s = results.indicators[secret], c = results.indicators[control]
        let secrets = ["7919", String(s.value!), String(s.low!), String(s.high!)]
        let controls = ["4001", "7907", String(c.value!)]

        // Every output.
        var outputs: [(String, String)] = []
        let model = ReportModel.monitoring(spec: spec, run: run, published: published, language: .de)
        for path in try ReportWriter.write(ReportBuilder(model: model).build(), to: folder.appendingPathComponent("report").path, language: .de) {
            outputs.append((path, try String(contentsOfFile: path, encoding: .utf8)))
        }
        let export = folder.appendingPathComponent("export").path
        for format in [MonitoringExport.Format.csv, .geojson] {
            for path in try MonitoringExport.write(spec: spec, published: published, format: format, folder: export) {
                outputs.append((path, try String(contentsOfFile: path, encoding: .utf8)))
            }
        }
        let xlsx = try MonitoringExport.write(spec: spec, published: published, format: .xlsx, folder: export)[0]
        if ReferenceTool.runs(executables: ["unzip"]) {
            try ReferenceTool.require(executables: ["unzip"])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["unzip", "-p", xlsx]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try #require(process.terminationStatus == 0)
            outputs.append((xlsx, xml))
        }
        try #require(outputs.count >= 10)
        for (path, text) in outputs {
            for secret in secrets { #expect(!Self.containsNumber(text, secret), "suppressed \(secret) found in \(path)") }
        }
        // The search finds what is published: the control's counts in the CSV export (and XLSX), its rate in the GeoJSON.
        let csv = try #require(outputs.first { $0.0.hasSuffix("indicators_\(spec.lowestLevel.id).csv") }).1
        for control in controls { #expect(Self.containsNumber(csv, control), "control \(control) not found") }
        let geojson = try #require(outputs.first { $0.0.hasSuffix("\(spec.lowestLevel.id).geojson") }).1
        #expect(Self.containsNumber(geojson, controls[2]))
        if let xml = outputs.first(where: { $0.0 == xlsx })?.1 { #expect(Self.containsNumber(xml, "7907")) }
    }

    /// Whether `number` occurs in `text` as a whole number (not inside a longer one).
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
}
