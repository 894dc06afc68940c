import Foundation
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import QuartierTestSupport
import Testing

/// The incremental cache works on a PostGIS store as on the GeoPackage: nothing changed → the store is
/// left as it was, with the same steps taken from the store; one indicator redefined → only its terms
/// are recounted, and the store equals a `--full` run's.
@Suite(.serialized, .enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
struct PostGISIncrementalTests {
    static func run(_ specPath: String, store: any MonitoringStoreBackend, full: Bool = false) throws -> MonitoringRunner.Report {
        var runner = MonitoringRunner(spec: try MonitoringSpec(path: specPath), full: full, threads: 1)
        runner.store = store
        return try runner.run()
    }

    /// The result tables (the run's bookkeeping left out: provenance, input stat data, step log).
    static func results(_ schema: String) throws -> [String: PostGISTestServer.Table] {
        try PostGISTestServer.dump(schema: schema).filter { !["provenance", "provenance_inputs", "qt_steps"].contains($0.key) }
    }

    @Test func incrementalRunsAsOnTheGeoPackage() throws {
        try PostGISTestServer.require()
        let specPath = try PostGISTestServer.demoCopy()
        let spec = try MonitoringSpec(path: specPath)
        let schema = PostGISTestServer.freshSchema("incr")
        defer { PostGISTestServer.dropSchema(schema) }
        let postGIS = try PostGISTestServer.store(schema: schema), geoPackage = GeoPackageStore(path: spec.storePath)

        _ = try Self.run(specPath, store: postGIS)
        _ = try Self.run(specPath, store: geoPackage)
        let before = try PostGISTestServer.dump(schema: schema)
        let again = try Self.run(specPath, store: postGIS), againGeoPackage = try Self.run(specPath, store: geoPackage)
        #expect(!again.storeWritten && !againGeoPackage.storeWritten)
        #expect(again.steps.map(\.step) == againGeoPackage.steps.map(\.step))
        #expect(again.steps.map(\.recomputed) == againGeoPackage.steps.map(\.recomputed))
        #expect(again.steps.filter { $0.step.hasPrefix("counts:") && !$0.recomputed }.count > 10, "nothing was taken from the store")
        let unchanged = try PostGISTestServer.dump(schema: schema) == before
        #expect(unchanged, "the store changed although nothing did")

        // One indicator redefined: the same steps recounted as on the GeoPackage (the records of its
        // source, at addresses, are counted in one pass), the other sources' counts taken from the store.
        let text = try String(contentsOfFile: specPath, encoding: .utf8)
        try text.replacingOccurrences(of: "filter = \"alter < 65\"", with: "filter = \"alter < 67\"")
            .write(toFile: specPath, atomically: true, encoding: .utf8)
        let incremental = try Self.run(specPath, store: postGIS), incrementalGeoPackage = try Self.run(specPath, store: geoPackage)
        #expect(incremental.storeWritten && incrementalGeoPackage.storeWritten)
        #expect(incremental.steps.map(\.step) == incrementalGeoPackage.steps.map(\.step))
        #expect(incremental.steps.map(\.recomputed) == incrementalGeoPackage.steps.map(\.recomputed))
        let recounted = incremental.steps.filter { $0.step.hasPrefix("counts:") && $0.recomputed }
        let reused = incremental.steps.filter { $0.step.hasPrefix("counts:") && !$0.recomputed }
        #expect(recounted.contains { $0.step.contains("alter < 67") }, "\(recounted.map(\.step))")
        #expect(!reused.isEmpty && reused.allSatisfy { !$0.step.contains("einwohner/") }, "\(reused.map(\.step))")
        let afterIncremental = try Self.results(schema)
        #expect(afterIncremental != Self.results(schema: before), "the change changed nothing")
        _ = try Self.run(specPath, store: postGIS, full: true)
        let afterFull = try Self.results(schema)
        #expect(afterIncremental.keys.sorted() == afterFull.keys.sorted())
        let differences = DemoStoreEqualityTests.differences(afterIncremental, afterFull)
        #expect(differences.isEmpty, "\(differences)")
    }

    static func results(schema dump: [String: PostGISTestServer.Table]) -> [String: PostGISTestServer.Table] {
        dump.filter { !["provenance", "provenance_inputs", "qt_steps"].contains($0.key) }
    }
}
