import Foundation
import GRDB
import QuartierTestSupport
import Testing

@testable import Quartier

@Suite struct RunCommandTests {
    static let spec = """
        [monitoring]
        name = "Killstadt"
        crs = "EPSG:25832"
        store = "monitoring.gpkg"

        [levels.block]
        file = "city_areas.gpkg"
        id = "poly_id"
        parent = "quartier"
        parent_column = "quartier_id"

        [levels.quartier]

        [[sources]]
        year = 2020
        persons = "persons_2020.csv"

        [[indicators]]
        id = "kinderarmut"
        numerator = "age < 15 and sgb2 == 1"
        denominator = "age < 15"
        """

    /// The spec hash and total count the store holds, or nil when it cannot be read as a store.
    static func storeState(_ path: String) -> (spec: String, total: Int64)? {
        guard let queue = try? DatabaseQueue(path: path) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db in
            let spec = try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = 'spec_sha256'")!
            let total = try Int64.fetchOne(db, sql: "SELECT sum(count) FROM counts WHERE level = 'block' AND term = 'n'")!
            return (spec, total)
        }
    }

    @Test func killedRunLeavesThePreviousCompleteStore() throws {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 400, seed: 11)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        let persons = folder.appendingPathComponent("persons_2020.csv").path
        _ = try city.writePersons(count: 20_000, seed: 1, to: persons)
        let specPath = folder.appendingPathComponent("monitoring.toml").path
        try Self.spec.write(toFile: specPath, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("monitoring.gpkg").path

        let first = try CLI.run(["run", specPath])
        #expect(first.status == 0, "\(first.error)")
        let previous = try #require(Self.storeState(store))

        // A bigger year makes the next run rewrite the store. Kill it deterministically inside the store's
        // commit (the temporary GeoPackage complete, not yet renamed: QUARTIER_TEST_PAUSE_IN_COMMIT), and at
        // timed points before; every kill must leave exactly the previous store, never a mix.
        _ = try city.writePersons(count: 200_000, seed: 2, to: persons)
        let flag = folder.appendingPathComponent("paused").path
        var killedPIDs: [Int32] = []
        for delay in [nil, 0.0, 0.05, 0.2] as [Double?] {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["run", specPath, "--threads", "1"]
            process.standardError = FileHandle.nullDevice
            if delay == nil {
                process.environment = ProcessInfo.processInfo.environment.merging(["QUARTIER_TEST_PAUSE_IN_COMMIT": flag]) { $1 }
            }
            try process.run()
            if let delay {
                Thread.sleep(forTimeInterval: delay)
            } else {
                // Wait until the writer is inside commit (the flag appears), at most 120 s.
                let deadline = Date().addingTimeInterval(120)
                while !FileManager.default.fileExists(atPath: flag) && process.isRunning && Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.01)
                }
                try #require(FileManager.default.fileExists(atPath: flag), "the run never reached the commit")
                // The temporary store is complete and beside the target at this moment.
                let temporaries = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
                #expect(temporaries.contains(".monitoring.gpkg.\(process.processIdentifier).tmp"), "\(temporaries)")
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: flag)
            let state = try #require(Self.storeState(store), "store unreadable after SIGKILL at \(delay.map { "\($0) s" } ?? "the commit")")
            if process.terminationReason == .uncaughtSignal {
                killedPIDs.append(process.processIdentifier)
                // Old, exactly: the same spec and the same counts, never a mix of old and new.
                #expect(state.spec == previous.spec && state.total == previous.total,
                        "after a kill at \(delay.map { "\($0) s" } ?? "the commit"): \(state) instead of \(previous)")
            } else {
                #expect(delay != nil, "the paused run finished instead of waiting in its commit")
                #expect(state.total > previous.total)
            }
        }
        #expect(killedPIDs.count >= 1)
        let last = try CLI.run(["run", specPath])
        #expect(last.status == 0, "\(last.error)")
        let final = try #require(Self.storeState(store))
        #expect(final.total > previous.total)
        // No temporary file of a run that ended (the killed runs' own files are removed by the next run's
        // stale-file cleanup, issue 19).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
            name.hasSuffix(".tmp") && !killedPIDs.contains { name == ".monitoring.gpkg.\($0).tmp" }
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test(.enabled(if: ReferenceTool.runs(executables: ["ogrinfo"]), "needs GDAL (gdal-bin)"))
    func gdalOpensTheStore() throws {
        try ReferenceTool.require(executables: ["ogrinfo"])
        let folder = try TestPaths.temporaryFolder()
        let spec = try SynthMonitoring.generate(areas: 40, persons: 3_000, years: 2021...2023, seed: 5, folder: folder.path)
        let run = try CLI.run(["run", spec])
        #expect(run.status == 0, "\(run.error)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        process.arguments = ["-ro", "-q", folder.appendingPathComponent("out/monitoring.gpkg").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for layer in ["areas_block (Multi Polygon)", "areas_quartier (Multi Polygon)", "indicators (None)",
                      "index_results (None)", "provenance_records (None)"] {
            #expect(output.contains(layer), "\(output)")
        }
    }

    @Test(arguments: [
        ("[levels.quartier]", "[levels.quartier]\nparent = \"block\"\nparent_column = \"x\"", "monitoring.toml:9 ", "cyclic hierarchy"),
        ("persons = \"persons_2020.csv\"", "persons = \"nowhere.csv\"", "monitoring.toml:16 ", "no readable file"),
        ("denominator = \"age < 15\"", "denominator = \"age < 15\"\nweight = 2", "monitoring.toml:22 ", "unknown key \"weight\""),
    ])
    func badSpecNamesTheLine(replace: String, with replacement: String, place: String, message: String) throws {
        let folder = try TestPaths.temporaryFolder()
        FileManager.default.createFile(atPath: folder.appendingPathComponent("city_areas.gpkg").path, contents: Data())
        FileManager.default.createFile(atPath: folder.appendingPathComponent("persons_2020.csv").path,
                                       contents: Data("id,x,y,age,sgb2\n".utf8))
        let specPath = folder.appendingPathComponent("monitoring.toml").path
        try Self.spec.replacingOccurrences(of: replace, with: replacement).write(toFile: specPath, atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", specPath])
        #expect(result.status == 1)
        #expect(result.error.contains(place), "\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
    }
}
