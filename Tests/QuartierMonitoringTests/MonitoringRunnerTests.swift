import Foundation
import GRDB
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// A small synthetic city monitoring: 120 blocks → Quartiere → Stadtteile (the upper two formed
/// from the block file's columns), two years of persons on the same blocks.
struct MonitoringFixture {
    let folder: URL
    var specPath: String { folder.appendingPathComponent("monitoring.toml").path }
    var storePath: String { folder.appendingPathComponent("out/monitoring.gpkg").path }

    static let spec = """
        [monitoring]
        name = "Teststadt"
        crs = "EPSG:25832"
        store = "out/monitoring.gpkg"

        [levels.block]
        file = "city_areas.gpkg"
        id = "poly_id"
        parent = "quartier"
        parent_column = "quartier_id"

        [levels.quartier]
        parent = "stadtteil"
        parent_column = "stadtteil_id"

        [levels.stadtteil]

        [[sources]]
        year = 2020
        persons = "persons_2020.csv"

        [[sources]]
        year = 2021
        persons = "persons_2021.csv"

        [[indicators]]
        id = "kinderarmut"
        numerator = "age < 15 and sgb2 == 1"
        denominator = "age < 15"

        [[indicators]]
        id = "sgb2"
        numerator = "sgb2 == 1"
        denominator = "age < 67"
        scale = "permille"

        [dynamics]
        years = 1
        """

    init() throws {
        folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 120, seed: 7)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        _ = try city.writePersons(count: 8_000, seed: 1, to: folder.appendingPathComponent("persons_2020.csv").path)
        _ = try city.writePersons(count: 9_000, seed: 2, to: folder.appendingPathComponent("persons_2021.csv").path)
        try Self.spec.write(toFile: specPath, atomically: true, encoding: .utf8)
    }

    func run(full: Bool = false) throws -> MonitoringRunner.Report {
        try MonitoringRunner(spec: MonitoringSpec(path: specPath), full: full, threads: 2).run()
    }
}

@Suite struct MonitoringRunnerTests {
    @Test func rollUpSumsChildrenAndParentRatesAreRatiosOfSums() throws {
        let fixture = try MonitoringFixture()
        let report = try fixture.run()
        let counts = report.results.counts
        #expect(counts.keys.sorted() == ["block", "quartier", "stadtteil"])
        // Every record is accounted for, and the assigned ones are the block counts' n.
        for records in report.provenance.records {
            #expect(records.records == records.assigned + records.unassigned + records.onBoundary + records.rejected)
            let blocks = counts["block"]![records.year]!
            #expect(blocks.totals[blocks.column("n")!] == Int64(records.assigned))
        }
        // Parent count = sum of its children's counts, from the store itself.
        let queue = try DatabaseQueue(path: fixture.storePath)
        try queue.read { db in
            let mismatches = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (
                  SELECT p.level, p.area_id, p.year, p.term, p.count AS parent, sum(c.count) AS children
                  FROM counts p
                  JOIN areas_block b ON p.level = 'quartier' AND b.parent_id = p.area_id
                  JOIN counts c ON c.level = 'block' AND c.area_id = b.area_id AND c.year = p.year AND c.term = p.term
                  GROUP BY p.level, p.area_id, p.year, p.term
                  UNION ALL
                  SELECT p.level, p.area_id, p.year, p.term, p.count, sum(c.count)
                  FROM counts p
                  JOIN areas_quartier q ON p.level = 'stadtteil' AND q.parent_id = p.area_id
                  JOIN counts c ON c.level = 'quartier' AND c.area_id = q.area_id AND c.year = p.year AND c.term = p.term
                  GROUP BY p.level, p.area_id, p.year, p.term)
                WHERE parent != children
                """)
            #expect(mismatches == 0)
            let checked = try Int.fetchOne(db, sql: "SELECT count(*) FROM counts WHERE level != 'block'")
            #expect((checked ?? 0) > 0)
            // A rate at every level is numerator / denominator × scale.
            let badRates = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM indicators
                WHERE denominator > 0 AND abs(value - numerator * (CASE indicator WHEN 'sgb2' THEN 1000.0 ELSE 100.0 END) / denominator) > 1e-9
                """)
            #expect(badRates == 0)
        }
        // The city total is the same at every level.
        for year in [2020, 2021] {
            let totals = ["block", "quartier", "stadtteil"].map { counts[$0]![year]!.totals }
            #expect(totals[0] == totals[1] && totals[1] == totals[2])
        }
    }

    @Test func secondRunRecomputesNothingAndLeavesTheStoreAlone() throws {
        let fixture = try MonitoringFixture()
        _ = try fixture.run()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.storePath))
        let again = try fixture.run()
        #expect(!again.storeWritten)
        #expect(again.steps.filter { $0.recomputed && $0.step != "indicators" }.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.storePath)) == before)
    }

    @Test func changedYearRecomputesOnlyThatYear() throws {
        let fixture = try MonitoringFixture()
        let first = try fixture.run()
        let city = SynthCity(areaCount: 120, seed: 7)
        _ = try city.writePersons(count: 9_500, seed: 3, to: fixture.folder.appendingPathComponent("persons_2021.csv").path)
        let second = try fixture.run()
        let recomputed = Set(second.steps.filter { $0.recomputed && $0.step.hasPrefix("counts:") }.map(\.step))
        #expect(!recomputed.isEmpty)
        #expect(recomputed.allSatisfy { $0.hasPrefix("counts:2021:") })
        #expect(second.storeWritten)
        // 2020 is carried from the store unchanged.
        #expect(second.results.counts["block"]![2020] == first.results.counts["block"]![2020])
        #expect(second.provenance.records.first { $0.year == 2021 }?.records == 9_500)
    }

    @Test func changedIndicatorRecomputesOnlyItsTerm() throws {
        let fixture = try MonitoringFixture()
        _ = try fixture.run()
        let text = MonitoringFixture.spec.replacingOccurrences(of: "numerator = \"sgb2 == 1\"", with: "numerator = \"sgb2 == 1 and age >= 18\"")
        try text.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let second = try fixture.run()
        let recomputed = Set(second.steps.filter { $0.recomputed && $0.step.hasPrefix("counts:") }.map(\.step))
        #expect(recomputed == ["counts:2020:sgb2 == 1 and age >= 18", "counts:2021:sgb2 == 1 and age >= 18"])
        #expect(second.storeWritten)
    }

    @Test func fullRecomputesEverythingWithTheSameCounts() throws {
        let fixture = try MonitoringFixture()
        let first = try fixture.run()
        let full = try fixture.run(full: true)
        #expect(full.steps.filter { $0.step.hasPrefix("counts:") }.allSatisfy { $0.recomputed })
        #expect(full.results.counts == first.results.counts)
        #expect(full.results.indicators == first.results.indicators)
    }
}
