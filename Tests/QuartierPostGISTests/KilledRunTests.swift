import Foundation
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import QuartierTestSupport
import Testing

/// A run into PostGIS is one transaction: SIGKILL anywhere (in the middle of a COPY, just before the
/// COMMIT, at timed points) leaves the previous complete results, and readers see them meanwhile; runs
/// of two monitorings into two schemas do not wait for each other.
@Suite(.serialized, .enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
struct KilledRunTests {
    static func specHash(_ dump: [String: PostGISTestServer.Table]) -> StoreValue? {
        dump["provenance"]?.rows.first { $0.contains(.text("spec_sha256")) }?.last
    }

    @Test func killedRunLeavesThePreviousCompleteResults() throws {
        try PostGISTestServer.require()
        let specPath = try PostGISTestServer.demoCopy()
        let folder = URL(fileURLWithPath: specPath).deletingLastPathComponent()
        let schema = PostGISTestServer.freshSchema("kill")
        defer { PostGISTestServer.dropSchema(schema) }
        let arguments = ["run", specPath, "--threads", "1", "--store", PostGISTestServer.url(schema: schema)]
        let log = folder.appendingPathComponent("run.log")

        let first = try PostGISTestServer.start(arguments, log: log)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        var previous = try PostGISTestServer.dump(schema: schema)
        #expect((previous["counts"]?.rows.count ?? 0) > 10_000)
        let firstHash = try #require(Self.specHash(previous))

        // A changed spec (a comment) makes every later run rewrite the store with another spec hash.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: specPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n# changed for the kill test\n".utf8))
        try handle.close()

        let flag = folder.appendingPathComponent("paused").path
        var killed = 0
        for point in ["QUARTIER_TEST_PAUSE_IN_COPY", "QUARTIER_TEST_PAUSE_IN_COMMIT", "0.3", "1.0", "2.0"] {
            let paused = point.hasPrefix("QUARTIER_")
            let process = try PostGISTestServer.start(arguments, environment: paused ? [point: flag] : [:])
            if paused {
                try #require(PostGISTestServer.waitFor(flag, process), "the run never reached \(point)")
                if point.hasSuffix("COPY") {
                    // In the middle of the counts' COPY: a reader is not blocked and sees the previous results.
                    let seen = try PostGISTestServer.dump(schema: schema)
                    let same = seen == previous
                    #expect(same, "a reader during the COPY: \(DemoStoreEqualityTests.differences(previous, seen).prefix(3))")
                }
            } else {
                Thread.sleep(forTimeInterval: Double(point)!)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: flag)
            let state = try PostGISTestServer.dump(schema: schema)
            if process.terminationReason == .uncaughtSignal {
                killed += 1
                let differences = DemoStoreEqualityTests.differences(previous, state)
                let same = state == previous
                #expect(same, "after SIGKILL at \(point): \(differences.prefix(3))")
            } else {
                #expect(!paused, "the paused run finished instead of waiting at \(point)")
                #expect(Self.specHash(state) != firstHash)
                previous = state
            }
        }
        #expect(killed >= 2)
        // Not killed, the run commits: the store then holds the changed spec's hash.
        let last = try PostGISTestServer.start(arguments, log: log)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        let final = try PostGISTestServer.dump(schema: schema)
        #expect(Self.specHash(final) != nil && Self.specHash(final) != firstHash)
        #expect(final["counts"]?.rows.count == previous["counts"]?.rows.count)
        // No staging table is left behind by the killed runs.
        #expect(!final.keys.contains { $0.hasPrefix("qt_new_") }, "\(final.keys.sorted())")
    }

    @Test func twoMonitoringsIntoTwoSchemasRunAtTheSameTime() throws {
        try PostGISTestServer.require()
        let specA = try PostGISTestServer.demoCopy()
        let specB = try PostGISTestServer.demoCopy()
        let text = try String(contentsOfFile: specB, encoding: .utf8)
        try text.replacingOccurrences(of: "name = \"Beispielstadt (synthetisch)\"", with: "name = \"Zweite Stadt\"")
            .write(toFile: specB, atomically: true, encoding: .utf8)
        let schemaA = PostGISTestServer.freshSchema("a"), schemaB = PostGISTestServer.freshSchema("b")
        defer { PostGISTestServer.dropSchema(schemaA); PostGISTestServer.dropSchema(schemaB) }
        let flag = URL(fileURLWithPath: specA).deletingLastPathComponent().appendingPathComponent("paused").path

        // A holds its transaction open, everything written, just before COMMIT.
        let a = try PostGISTestServer.start(["run", specA, "--threads", "1", "--store", PostGISTestServer.url(schema: schemaA)],
                                            environment: ["QUARTIER_TEST_PAUSE_IN_COMMIT": flag])
        defer { if a.isRunning { kill(a.processIdentifier, SIGKILL) } }
        try #require(PostGISTestServer.waitFor(flag, a))
        // B runs whole into its own schema meanwhile.
        let b = try PostGISTestServer.start(["run", specB, "--threads", "1", "--store", PostGISTestServer.url(schema: schemaB)])
        let deadline = Date().addingTimeInterval(120)
        while b.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!b.isRunning && b.terminationStatus == 0, "B waited for A, or failed")
        #expect(a.isRunning, "A did not wait in its commit")
        try FileManager.default.removeItem(atPath: flag)
        a.waitUntilExit()
        #expect(a.terminationStatus == 0)

        let dumpA = try PostGISTestServer.dump(schema: schemaA), dumpB = try PostGISTestServer.dump(schema: schemaB)
        for (dump, name) in [(dumpA, "Beispielstadt (synthetisch)"), (dumpB, "Zweite Stadt")] {
            #expect(dump["provenance"]?.rows.contains { $0.contains(.text(MonitoringStore.monitoringKey)) && $0.contains(.text(name)) } == true)
            #expect((dump["counts"]?.rows.count ?? 0) > 10_000)
        }
        #expect(dumpA["counts"] == dumpB["counts"])
    }
}
