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

        // A bigger year makes the next run rewrite the store; kill it at several points.
        _ = try city.writePersons(count: 200_000, seed: 2, to: persons)
        for delay in [0.0, 0.05, 0.1, 0.2, 0.4, 0.8] {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["run", specPath, "--threads", "1"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let state = try #require(Self.storeState(store), "store unreadable after SIGKILL at \(delay) s")
            // Either the previous complete results, or (when the run finished first) the new complete ones.
            if process.terminationReason == .uncaughtSignal {
                #expect(state.spec == previous.spec)
                #expect(state.total == previous.total || state.total > previous.total,
                        "a half-written store at \(delay) s")
            }
        }
        let last = try CLI.run(["run", specPath])
        #expect(last.status == 0, "\(last.error)")
        let final = try #require(Self.storeState(store))
        #expect(final.total > previous.total)
    }

    @Test func gdalOpensTheStore() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo") else {
            print("ogrinfo check skipped: gdal-bin is not installed")
            return
        }
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
