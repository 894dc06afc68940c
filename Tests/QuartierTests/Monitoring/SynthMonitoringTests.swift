import Foundation
import QuartierTestSupport
import Testing

@testable import Quartier

@Suite struct SynthMonitoringTests {
    @Test func deterministicAndRunnableWithDynamics() throws {
        let a = try TestPaths.temporaryFolder(), b = try TestPaths.temporaryFolder()
        let spec = try SynthMonitoring.generate(areas: 60, persons: 4_000, years: 2020...2022, seed: 9, folder: a.path)
        try SynthMonitoring.generate(areas: 60, persons: 4_000, years: 2020...2022, seed: 9, folder: b.path)
        for file in ["persons_2020.csv", "persons_2022.csv", "monitoring.toml"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file)")
        }
        // The same persons every year (ids, places, ages); only SGB II receipt changes.
        let first = try String(contentsOf: a.appendingPathComponent("persons_2020.csv"), encoding: .utf8).split(separator: "\n")
        let last = try String(contentsOf: a.appendingPathComponent("persons_2022.csv"), encoding: .utf8).split(separator: "\n")
        #expect(first.count == last.count)
        #expect(try zipEqual(first, last).allSatisfy { $0.split(separator: ",").dropLast() == $1.split(separator: ",").dropLast() })
        #expect(first != last)

        let report = try MonitoringRunner(spec: MonitoringSpec(path: spec), threads: 1).run()
        #expect(report.results.dynamics.contains { ($0.change ?? 0) != 0 })
        #expect(!report.results.index.isEmpty)
    }
}
