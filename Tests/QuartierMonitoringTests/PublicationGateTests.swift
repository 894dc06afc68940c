import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// The publication gate (`PublishedResults`) on a synthetic monitoring: what the CSV export publishes obeys
/// every default rule, and an independent attacker (scripts/reference/disclosure_attack_export.py: LP and
/// integer, with published rates and changes) recovers no suppressed count across the hierarchy and years.
@Suite struct PublicationGateTests {
    struct Exported {
        var spec: String
        var published: String
        var internalFolder: String
        var gate: PublishedResults
    }

    /// 60 blocks of ~65 persons, three years; blocks published from 50 persons (loosened explicitly).
    static func export() throws -> Exported {
        let folder = try TestPaths.temporaryFolder()
        let path = try SynthMonitoring.generate(areas: 60, persons: 4_000, years: 2021...2023, seed: 5, folder: folder.path)
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n[disclosure]\nmin_population = 50\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let spec = try MonitoringSpec(path: path)
        let run = try MonitoringRunner(spec: spec, threads: 1).run()
        let gate = try PublishedResults.protect(spec: spec, results: run.results, areas: run.areas, rules: spec.disclosure)
        let published = folder.appendingPathComponent("published").path
        let internalFolder = folder.appendingPathComponent("internal").path
        _ = try MonitoringExport.write(spec: spec, published: gate, format: .csv, folder: published)
        _ = try MonitoringExport.write(spec: spec, published: PublishedResults.unprotected(spec: spec, results: run.results, areas: run.areas),
                                       format: .csv, folder: internalFolder)
        return Exported(spec: path, published: published, internalFolder: internalFolder, gate: gate)
    }

    /// Every published row of every level: no denominator of 1–2, no numerator or complement of 1–2, no 0 % or
    /// 100 % over fewer than 10 persons, no area under the minimum population — and the suppressed rows hold
    /// only the marker.
    @Test func publishedRowsObeyEveryDefaultRule() throws {
        let exported = try Self.export()
        var published = 0, suppressed = 0
        for level in ["block", "quartier", "stadtteil"] {
            let table = try Table.read(path: exported.published + "/indicators_\(level).csv",
                                       options: TableOptions(textColumns: ["area_id", "name", "parent_id", "suppressed"]))
            let x = try table.columnIndex("numerator"), n = try table.columnIndex("denominator"), v = try table.columnIndex("value")
            let low = try table.columnIndex("ci_low"), rule = try table.columnIndex("suppressed")
            for row in 0..<table.rowCount {
                let cells = table.cells[row]
                if cells[rule] != .missing {
                    suppressed += 1
                    for column in [x, n, v, low] { #expect(cells[column] == .suppressed("."), "row \(row) of \(level)") }
                    continue
                }
                guard let numerator = cells[x].number, let denominator = cells[n].number else { continue }
                published += 1
                #expect(!(1...2).contains(denominator), "denominator \(denominator) published in \(level) row \(row)")
                #expect(!(1...2).contains(numerator), "numerator \(numerator) published in \(level) row \(row)")
                #expect(!(1...2).contains(denominator - numerator), "complement \(denominator - numerator) published in \(level) row \(row)")
                // 0 of 0 has no rate: nothing is said about anyone.
                if denominator > 0, numerator == denominator || numerator == 0 { #expect(denominator >= 10, "0 or 100 % of \(denominator) in \(level) row \(row)") }
            }
        }
        #expect(published > 0 && suppressed > 0)
        #expect(exported.gate.secondaryCells > 0)
    }

    @Test(.enabled(if: ReferenceTool.runs(python: ["scipy.optimize", "numpy"]), "needs python3 with scipy"), arguments: [false, true])
    func anIndependentAttackRecoversNoSuppressedCount(integer: Bool) throws {
        try ReferenceTool.require(python: ["scipy.optimize", "numpy"])
        let exported = try Self.export()
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/reference/disclosure_attack_export.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ReferenceTool.python, script, exported.spec, exported.published, exported.internalFolder] + (integer ? ["--integer"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        let last = try #require(output.split(separator: "\n").last.map(String.init))
        #expect(last.hasSuffix(" exposed=0"), "\(output.suffix(2000))")
        let primary = last.split(separator: " ").first { $0.hasPrefix("primary=") }.flatMap { Int($0.dropFirst(8)) } ?? 0
        #expect(primary > 0, "the attack judged no primary count: \(last)")
    }
}
