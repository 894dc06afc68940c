import ArgumentParser
import Foundation
import Quartier
@testable import QuartierCommands
import QuartierTestSupport
import Testing

/// The whole `quartier aggregate` output against the GEOS C peer's committed table for
/// `gen_city.py` S, seed 42 (Tests/Fixtures/Aggregation/README.md says how both were made).
@Suite("quartier aggregate equals the GEOS C peer on gen_city.py S")
struct GEOSReferenceTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/Aggregation")

    /// `poly_id → (n, sgb2)` from a CSV whose first columns are `poly_id,n,sgb2`.
    static func table(_ url: URL) throws -> [Int: (n: Int, sgb2: Int)] {
        var rows: [Int: (n: Int, sgb2: Int)] = [:]
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        try #require(lines.first?.hasPrefix("poly_id,n,sgb2") == true)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",")
            rows[Int(cells[0])!] = (Int(cells[1])!, Int(cells[2])!)
        }
        return rows
    }

    @Test("every area's n and sgb2, and the points in no area, as GEOS C counts them", arguments: [1, 2])
    func identicalToGEOS(threads: Int) async throws {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out.csv")
        let summaryURL = out.deletingLastPathComponent().appendingPathComponent("summary.json")
        var command = try QuartierCommand.parseAsRoot([
            "aggregate", "--areas", Self.fixtures.appendingPathComponent("city_S_polys.gpkg").path, "--id", "poly_id",
            "--points", Self.fixtures.appendingPathComponent("city_S_points.csv").path, "--sum", "sgb2",
            "--out", out.path, "--summary", summaryURL.path, "--threads", "\(threads)"])
        if var asyncCommand = command as? AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
        let ours = try Self.table(out)
        let geos = try Self.table(Self.fixtures.appendingPathComponent("geos_c_S_seed42.csv"))
        let summary = try JSONDecoder().decode(AggregationSummary.self, from: Data(contentsOf: summaryURL))
        #expect(summary.records == 100_000)
        #expect(summary.rejected == 0)
        // Row 0 of the peer: the points in no area (outside, or on a boundary: GEOS's contains).
        let outside = try #require(geos[0])
        #expect(summary.unassigned + summary.onBoundary == outside.n)
        #expect(ours.count == geos.count - 1)
        #expect(ours.count == 100)
        for (id, row) in geos where id != 0 {
            let mine = try #require(ours[id], "area \(id) missing")
            #expect(mine.n == row.n && mine.sgb2 == row.sgb2, "area \(id): ours \(mine), GEOS C \(row)")
        }
    }
}
