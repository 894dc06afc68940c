import Foundation
import GRDB
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// The store writer with hostile level and indicator ids (the spec loader refuses them; here the
/// loaded spec is changed): they become table names (`areas_<level>`) and column names
/// (`z_<indicator>`, `dz_<indicator>` of the index) — quoted, so no SQL of theirs runs.
@Suite struct StoreHostileNameTests {
    @Test(arguments: [#"k" DOUBLE); DROP TABLE gpkg_contents; --"#, #"x"; DROP TABLE counts; --"#, "a;b--c"])
    func hostileIDsReachTheStoreAsNames(hostile: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let specPath = try SynthMonitoring.generate(areas: 30, persons: 1_500, years: 2021...2023, seed: 3, folder: folder.path)
        var spec = try MonitoringSpec(path: specPath)
        let old = try #require(spec.index?.status.first)
        let position = try #require(spec.indicators.firstIndex { $0.id == old })
        spec.indicators[position].id = hostile
        spec.index!.status = spec.index!.status.map { $0 == old ? hostile : $0 }
        spec.index!.dynamics = spec.index!.dynamics.map { $0 == old ? hostile : $0 }
        spec.renameLevel(spec.levels[0].id, to: hostile)
        let report = try MonitoringRunner(spec: spec).run()
        #expect(report.storeWritten)
        let queue = try DatabaseQueue(path: spec.storePath)
        defer { try? queue.close() }
        try queue.read { db in
            for table in ["gpkg_contents", "counts", "indicators", "index_results", "areas_" + hostile] {
                #expect(try db.tableExists(table), "\(table)")
            }
            let columns = try db.columns(in: "index_results").map(\.name)
            #expect(columns.contains("z_" + hostile))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM indicators WHERE indicator = ?", arguments: [hostile])! > 0)
        }
    }

    /// Which existing files the store may replace without --force: its own store, an older store that
    /// recorded no name; not another monitoring's store, not an area GeoPackage, not a text file.
    @Test func whichFilesAreStoresOfThisMonitoring() throws {
        let folder = try TestPaths.temporaryFolder()
        let specPath = try SynthMonitoring.generate(areas: 20, persons: 800, years: 2022...2023, seed: 4, folder: folder.path)
        let spec = try MonitoringSpec(path: specPath)
        _ = try MonitoringRunner(spec: spec).run()
        #expect(MonitoringStore.isStore(at: spec.storePath, of: spec.name))
        #expect(!MonitoringStore.isStore(at: spec.storePath, of: spec.name + " 2"))
        #expect(!MonitoringStore.isStore(at: try #require(spec.levels[0].currentVersion?.file), of: spec.name))
        #expect(!MonitoringStore.isStore(at: specPath, of: spec.name))
        let queue = try DatabaseQueue(path: spec.storePath)
        try queue.write { db in try db.execute(sql: "DELETE FROM provenance WHERE key = 'monitoring'") }
        try queue.close()
        #expect(MonitoringStore.isStore(at: spec.storePath, of: spec.name))
    }
}
