import Foundation
import GRDB
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// After each kind of change, the incremental run's store equals a `--full` run's store, table for table
/// (every row of every result table, the areas with their geometry blobs, the per-year record accounts).
@Suite struct IncrementalEqualsFullTests {
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case personsFileChanged, indicatorAdded, indicatorChanged, areaFileChanged, yearAdded
        var testDescription: String { rawValue }
    }

    /// Every table of the store except the run's own bookkeeping (time of the run, step log, input mtimes,
    /// gpkg_contents.last_change).
    static func dump(_ path: String) throws -> [String: [[String]]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .filter { !["provenance", "provenance_inputs", "qt_steps"].contains($0) && !$0.hasPrefix("sqlite_") && !$0.hasPrefix("rtree_") }
            var tables: [String: [[String]]] = [:]
            for name in names {
                // gpkg_contents: everything but the time of the write (last_change).
                let columns = name == "gpkg_contents" ? "table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id" : "*"
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(name.quotedDatabaseIdentifier)")
                tables[name] = rows.map { row in row.databaseValues.map { "\($0)" } }.sorted { $0.lexicographicallyPrecedes($1) }
            }
            return tables
        }
    }

    @Test(arguments: Change.allCases)
    func incrementalEqualsFull(change: Change) throws {
        let fixture = try MonitoringFixture()
        _ = try fixture.run()
        let city = SynthCity(areaCount: 120, seed: 7)
        var spec = try String(contentsOfFile: fixture.specPath, encoding: .utf8)
        switch change {
        case .personsFileChanged:
            _ = try city.writePersons(count: 9_500, seed: 3, to: fixture.folder.appendingPathComponent("persons_2021.csv").path)
        case .indicatorAdded:
            spec += "\n[[indicators]]\nid = \"alte\"\nnumerator = \"age >= 65\"\ndenominator = \"*\"\n"
        case .indicatorChanged:
            spec = spec.replacingOccurrences(of: "denominator = \"age < 67\"", with: "denominator = \"age < 65\"")
        case .areaFileChanged:
            try SynthCity(areaCount: 120, seed: 8).writeAreas(to: fixture.folder.appendingPathComponent("city_areas.gpkg").path)
        case .yearAdded:
            _ = try city.writePersons(count: 9_200, seed: 4, to: fixture.folder.appendingPathComponent("persons_2022.csv").path)
            spec = spec.replacingOccurrences(of: "[[indicators]]", with: "[[sources]]\nyear = 2022\npersons = \"persons_2022.csv\"\n\n[[indicators]]",
                                             options: [], range: spec.range(of: "[[indicators]]"))
        }
        try spec.write(toFile: fixture.specPath, atomically: true, encoding: .utf8)
        let before = try Self.dump(fixture.storePath)
        let incremental = try fixture.run()
        #expect(incremental.storeWritten)
        let afterIncremental = try Self.dump(fixture.storePath)
        #expect(afterIncremental != before, "the change changed nothing")
        _ = try fixture.run(full: true)
        let afterFull = try Self.dump(fixture.storePath)
        try #require(afterIncremental.keys.sorted() == afterFull.keys.sorted())
        for name in afterFull.keys.sorted() {
            let a = afterIncremental[name]!, b = afterFull[name]!
            #expect(a.count == b.count, "table \(name): \(a.count) rows incremental, \(b.count) full")
            #expect(a == b, "table \(name) differs between the incremental and the full run")
        }
    }
}
