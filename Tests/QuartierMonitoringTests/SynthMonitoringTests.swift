import Foundation
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

@Suite struct SynthMonitoringTests {
    static let files = ["einwohner.csv", "hauskoordinaten.csv", "ba_sgb2_bloecke.csv", "schueler_uebergaenge.csv",
                        "schuleingang.csv", "monitoring.toml"]

    @Test func deterministicCoherentAndRunnableWithDynamics() throws {
        let a = try TestPaths.temporaryFolder(), b = try TestPaths.temporaryFolder()
        let spec = try SynthMonitoring.generate(areas: 60, persons: 4_000, years: 2020...2022, seed: 9, folder: a.path)
        try SynthMonitoring.generate(areas: 60, persons: 4_000, years: 2020...2022, seed: 9, folder: b.path)
        for file in Self.files {
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file)")
        }
        func lines(_ file: String) throws -> [[Substring]] {
            let separator: Character = file.hasPrefix("ba_") ? ";" : ","
            let encoding: String.Encoding = file.hasPrefix("ba_") ? .windowsCP1252 : .utf8
            return try String(contentsOf: a.appendingPathComponent(file), encoding: encoding).split(whereSeparator: \.isNewline).dropFirst()
                .map { $0.split(separator: separator, omittingEmptySubsequences: false) }
        }
        // The same persons every year (ids, addresses, ages); only the reference date differs.
        let register = try lines("einwohner.csv")
        let first = register.filter { $0[1] == "2020-12-31" }, last = register.filter { $0[1] == "2022-12-31" }
        #expect(first.count == 4_000 && last.count == 4_000)
        #expect(try zipEqual(first, last).allSatisfy { Array($0.0.prefix(1) + $0.0.dropFirst(2)) == Array($0.1.prefix(1) + $0.1.dropFirst(2)) })
        // Coherent: each year's examined children are the register's 5-year-olds at their addresses.
        let fiveYearOlds = first.filter { $0[6] == "5" }.map { "\($0[2])|\($0[3])|\($0[4])" }.sorted()
        let examined = try lines("schuleingang.csv").filter { $0[0] == "2020" }.map { "\($0[1])|\($0[2])|\($0[3])" }.sorted()
        #expect(!examined.isEmpty && examined == fiveYearOlds)
        // BA cells of 1 or 2 are masked; no cell shows them.
        let ba = try lines("ba_sgb2_bloecke.csv")
        #expect(ba.contains { $0[2] == "*" })
        #expect(!ba.contains { ["1", "2"].contains($0[2]) || ["1", "2"].contains($0[3]) })
        // As the BA exports: Windows-1252 (the header's ü is one byte), CRLF, decimal comma.
        let bytes = try Data(contentsOf: a.appendingPathComponent("ba_sgb2_bloecke.csv"))
        #expect(bytes.contains(0xFC) && bytes.starts(with: Array("Jahr;Baublock-Schl".utf8)))
        #expect(String(decoding: bytes.prefix(200), as: UTF8.self).contains("\r\n"))
        #expect(ba.contains { $0[4].contains(",") })

        let report = try MonitoringRunner(spec: MonitoringSpec(path: spec), threads: 1).run()
        #expect(report.results.dynamics.contains { ($0.change ?? 0) != 0 })
        #expect(!report.results.index.isEmpty)
        for id in SynthMonitoring.indicators.map(\.id) {
            #expect(report.results.indicators.contains { $0.indicator == id && $0.value != nil }, "\(id)")
        }
    }
}
