import Foundation
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
        for (x, y) in zip(pathsA, pathsB) {
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
    @Test(arguments: [ReportLanguage.de, .en])
    func suppressedValuesAppearNowhere(language: ReportLanguage) throws {
        var model = SyntheticCity.model(areas: 120, language: language)
        let ids = model.areas.filter { $0.level == 0 }.map(\.id)
        let secrets = [913.7281, 927.4613, 948.1927, 961.3758, 975.8642]
        let control = 989.2468
        var indicator = model.indicators[0]
        let year = try #require(indicator.latestYear)
        for (k, id) in ids.prefix(secrets.count).enumerated() {
            // The disclosure rule suppresses this cell: the report model keeps only the marker.
            _ = secrets[k]
            indicator.values[id]![year] = .suppressed(.disclosure)
        }
        indicator.values[ids.last!]![year] = .value(control, numerator: 9892, denominator: 1000)
        model.indicators[0] = indicator
        let document = ReportBuilder(model: model).build()
        let folder = try TestPaths.temporaryFolder()
        let paths = try ReportWriter.write(document, to: folder.path, language: language)
        let outputs = try paths.map { try String(contentsOfFile: $0, encoding: .utf8) }
        /// The value as the report or a CSV could write it: 1 or 2 decimals in either locale, or in full.
        func renderings(_ value: Double) -> [String] {
            let de = NumberStyle(.de), en = NumberStyle(.en)
            return [de.decimal(value, 1) + "\u{a0}%", en.decimal(value, 1) + "%", de.decimal(value, 2), en.decimal(value, 2),
                    String(value), String(value).replacingOccurrences(of: ".", with: ",")]
        }
        for output in outputs {
            for secret in secrets { for text in renderings(secret) { #expect(!output.contains(text), "found \(text)") } }
        }
        #expect(outputs.contains { output in renderings(control).contains { output.contains($0) } })
        #expect(document.html.contains("title=\"\(Markup.escape(ReportBuilder(model: model).reasonText(.disclosure)))\""))
    }
}
