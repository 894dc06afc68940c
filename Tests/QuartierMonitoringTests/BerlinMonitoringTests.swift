import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// The shipped Berlin MSS 2021 monitoring (official tables per PLR, no persons) gives the official classes.
@Suite struct BerlinMonitoringTests {
    /// The shipped spec, run into a temporary store (its inputs stay in Data/).
    static func run() throws -> MonitoringRunner.Report {
        let data = TestPaths.data.appendingPathComponent("berlin-mss-2021")
        let folder = try TestPaths.temporaryFolder()
        var text = try String(contentsOf: data.appendingPathComponent("monitoring.toml"), encoding: .utf8)
        for file in ["lor_planungsraeume_2021_epsg25833.geojson", "mss2021_index_indikatoren_plr.csv"] {
            text = text.replacingOccurrences(of: "\"\(file)\"", with: "\"\(data.appendingPathComponent(file).path)\"")
        }
        let path = folder.appendingPathComponent("monitoring.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try MonitoringRunner(spec: MonitoringSpec(path: path), threads: 2).run()
    }

    @Test func officialClassesForAllValidAreas() throws {
        let report = try Self.run()
        let official = try Table.read(path: TestPaths.data.appendingPathComponent("berlin-mss-2021/mss2021_indizes_plr.csv").path,
                                      options: TableOptions(textColumns: ["PLR_ID"]))
        let id = try official.columnIndex("PLR_ID"), si = try official.columnIndex("SI_V"), di = try official.columnIndex("DI_V"),
            sdi = try official.columnIndex("SDI"), kom = try official.columnIndex("KOM")
        let index = Dictionary(uniqueKeysWithValues: report.results.index.map { ($0.areaID, $0) })
        var compared = 0
        for row in 0..<official.rowCount {
            let plr = try #require(official.text(row: row, column: id))
            let value = try #require(index[plr])
            if official.text(row: row, column: kom) == "gültig" {
                #expect(value.valid)
                #expect(value.statusClass == official.text(row: row, column: si), "\(plr)")
                #expect(value.dynamicsClass == official.text(row: row, column: di), "\(plr)")
                #expect(value.combinedClass == official.text(row: row, column: sdi), "\(plr)")
                compared += 1
            } else {
                #expect(!value.valid && value.rank == nil)
                #expect(value.invalidReason == official.text(row: row, column: kom))
            }
        }
        #expect(compared == 536)
        // The near-threshold areas of METHODS.md.
        #expect(abs(index["08100521"]!.statusIndex! - 3.7201) < 1e-4)
        #expect(index["08100521"]!.rank == 1)
        #expect(index["01100415"]!.statusClass == "mittel")
        #expect(index["09501838"]!.statusClass == "hoch")
        #expect(index["04300414"]!.dynamicsClass == "positiv")
    }

    @Test func inhabitantsRollUpToBezirke() throws {
        let report = try Self.run()
        let plr = report.results.counts["plr"]![2020]!, bez = report.results.counts["bez"]![2020]!
        #expect(bez.areaIDs.count == 12)
        #expect(report.results.counts["bzr"]![2020]!.areaIDs.count == 143)
        #expect(report.results.counts["pgr"]![2020]!.areaIDs.count == 58)
        // A Planungsraum whose inhabitants the publisher withheld (an empty EW) masks the sums above
        // it, with the reason; every other Bezirk sums its Planungsräume exactly.
        let n = try #require(plr.column("n"))
        let maskedPLR = plr.areaIDs.indices.filter { plr.mask(row: $0, column: n) != nil }
        #expect(!maskedPLR.isEmpty)
        let maskedBezirke = Set(maskedPLR.map { String(plr.areaIDs[$0].prefix(2)) })
        var sums: [String: Int64] = [:]
        for (row, id) in plr.areaIDs.enumerated() { sums[String(id.prefix(2)), default: 0] += plr[row, n] }
        for (row, id) in bez.areaIDs.enumerated() {
            if maskedBezirke.contains(id) {
                #expect(bez.mask(row: row, column: n)?.contains("empty cell") == true)
            } else {
                #expect(bez.mask(row: row, column: n) == nil)
                #expect(bez[row, n] == sums[id])
            }
        }
        #expect(plr.totals[0] > 3_500_000 && plr.totals[0] < 3_900_000) // Berlin's inhabitants
        // Published shares stay at their level: no average of rates above it.
        #expect(report.results.indicators.allSatisfy { $0.level == "plr" })
    }
}
