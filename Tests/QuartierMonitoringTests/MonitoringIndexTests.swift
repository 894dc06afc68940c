import Foundation
import QuartierBase
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

@Suite struct MonitoringIndexTests {
    static let index = """

        [index]
        method = "berlin-mss"
        level = "block"
        status = ["kinderarmut", "sgb2"]
        dynamics = ["kinderarmut", "sgb2"]
        min_population = 40
        """

    @Test func mssOverTheMonitoringsOwnIndicators() throws {
        let fixture = try MonitoringFixture()
        try (MonitoringFixture.spec + Self.index).write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let report = try fixture.run()
        let index = report.results.index
        let blocks = report.results.counts["block"]![2021]!
        #expect(index.count == blocks.areaIDs.count) // invalid areas are kept, marked
        let valid = index.filter(\.valid)
        let invalid = index.filter { !$0.valid }
        #expect(valid.count >= 20)
        #expect(invalid.allSatisfy { $0.invalidReason != nil && $0.rank == nil && $0.statusIndex == nil })
        for value in invalid where value.invalidReason!.hasPrefix("fewer") {
            let row = blocks.areaIDs.firstIndex(of: value.areaID)!
            #expect(blocks[row, blocks.column("n")!] < 40)
        }
        // The status index is re-standardised over the valid areas with the population SD.
        let statusIndex = valid.map { $0.statusIndex! }
        let mean = statusIndex.reduce(0, +) / Double(statusIndex.count)
        let sd = (statusIndex.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(statusIndex.count)).squareRoot()
        #expect(abs(mean) < 1e-12)
        #expect(abs(sd - 1) < 1e-12)
        // Classes on the unrounded index by the MSS thresholds; ranks 1…N by descending index, ties min.
        for value in valid {
            let x = value.statusIndex!
            let expected = x < -1 ? "hoch" : x <= 1 ? "mittel" : x <= 1.5 ? "niedrig" : "sehr niedrig"
            #expect(value.statusClass == expected)
            #expect(value.rank == 1 + valid.filter { $0.statusIndex! > x }.count)
            #expect(value.combinedClass != nil && value.dynamicsClass != nil)
        }
        // The z-values are those of the indicator rates of 2021.
        let rates = report.results.indicators.filter { $0.level == "block" && $0.year == 2021 && $0.indicator == "kinderarmut" }
        let values = valid.map { v in rates.first { $0.areaID == v.areaID }!.value! }
        let m = values.reduce(0, +) / Double(values.count)
        let s = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
        for (value, rate) in try zipEqual(valid, values) {
            #expect(abs(value.statusZ[0]! - (rate - m) / s) < 1e-12)
        }
    }

    @Test(arguments: [
        ("status = [\"kinderarmut\", \"sgb2\"]", "status = [\"kinderarmut\", \"armut\"]", "\"armut\""),
        ("method = \"berlin-mss\"", "method = \"mss\"", "one of berlin-mss, weighted-z-sum"),
        ("level = \"block\"", "level = \"bezirk\"", "one of the levels"),
    ])
    func badIndexSectionsNameTheLine(replace: String, with replacement: String, message: String) throws {
        let fixture = try MonitoringFixture()
        let text = MonitoringFixture.spec + Self.index.replacingOccurrences(of: replace, with: replacement)
        try text.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try MonitoringSpec(path: fixture.specPath) }
        #expect(error.location.line != nil)
        #expect(error.description.contains(message), "\(error)")
    }
}
