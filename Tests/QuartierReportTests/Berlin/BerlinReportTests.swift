import Foundation
import Testing
@testable import QuartierReport
import QuartierTestSupport

@Suite struct BerlinReportTests {
    /// The official status class per PLR from mss2021_indizes_plr.csv, read with plain string
    /// splitting (independent of QuartierTable): "" for invalid rows.
    func officialClasses() throws -> [String: String] {
        let text = try String(contentsOf: TestPaths.shared("berlin-mss-2021/mss2021_indizes_plr.csv"), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") }
            result[fields[1]] = line.hasSuffix(",gültig") ? fields[5] : ""
        }
        return result
    }

    @Test func mapClassesEqualOfficialClasses() throws {
        let model = try BerlinMSS2021.model(folder: TestPaths.shared("berlin-mss-2021").path)
        let html = ReportBuilder(model: model, profiles: .none).build().html
        let svg = try #require(Rendered.svg(html, id: "map-index"))
        let rendered = Rendered.pathClasses(svg)
        let official = try officialClasses()
        #expect(rendered.count == 542)
        #expect(official.count == 542)
        #expect(Dictionary(uniqueKeysWithValues: rendered.map { ($0.id, $0.cls) }) == official)
        // Legend: hoch 75, mittel 366, niedrig 46, sehr niedrig 49 (METHODS.md), 6 without value.
        var legend: [String: Int] = [:]
        for entry in Rendered.legendCounts(svg) { legend[entry.cls] = entry.count }
        var expected: [String: Int] = [:]
        for cls in official.values { expected[cls, default: 0] += 1 }
        #expect(legend == expected)
    }

    @Test func neighboursFromTheCoverage() throws {
        let model = try BerlinMSS2021.model(folder: TestPaths.shared("berlin-mss-2021").path)
        let geometry = MapGeometry(areas: model.areas.filter { $0.level == 0 })
        let counts = geometry.neighbours.values.map(\.count)
        // A coverage of 542 areas: every area has a neighbour, symmetric lists.
        #expect(counts.allSatisfy { $0 > 0 })
        for (id, list) in geometry.neighbours { for other in list { #expect(geometry.neighbours[other]?.contains(id) == true) } }
        #expect(geometry.verticesAfter < geometry.verticesBefore / 5)
    }
}
