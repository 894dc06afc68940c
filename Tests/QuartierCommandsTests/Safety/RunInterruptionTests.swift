import Foundation
import GRDB
import QuartierTestSupport
import Testing

@testable import Quartier

/// Temporary files of interrupted runs, and changes the incremental run must not miss.
@Suite(.serialized) struct RunInterruptionTests {
    static func temporaries(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".monitoring.gpkg.") }
    }

    static func monitoring(persons: Int, areas: Int = 400) throws -> (folder: URL, spec: String, store: URL, city: SynthCity) {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: areas, seed: 11)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        _ = try city.writePersons(count: persons, seed: 1, to: folder.appendingPathComponent("persons_2020.csv").path)
        let spec = folder.appendingPathComponent("monitoring.toml").path
        try RunCommandTests.spec.write(toFile: spec, atomically: true, encoding: .utf8)
        return (folder, spec, folder.appendingPathComponent("monitoring.gpkg"), city)
    }

    /// SIGINT/SIGTERM while the store is being written (sent as soon as its temporary file exists):
    /// exit status 128 + signal, no temporary file left, the previous store intact.
    @Test(arguments: [SIGTERM, SIGINT])
    func signalRemovesTheTemporaryStore(signal: Int32) throws {
        let m = try Self.monitoring(persons: 20_000)
        let first = try CLI.run(["run", m.spec])
        #expect(first.status == 0, "\(first.error)")
        let previous = try #require(RunCommandTests.storeState(m.store.path))
        _ = try m.city.writePersons(count: 300_000, seed: 2, to: m.folder.appendingPathComponent("persons_2020.csv").path)

        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", m.spec, "--threads", "1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        var sawTemporary = false
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if try !Self.temporaries(in: m.folder).isEmpty {
                sawTemporary = true
                kill(process.processIdentifier, signal)
                break
            }
            usleep(500)
        }
        process.waitUntilExit()
        #expect(sawTemporary, "the run ended before its store's temporary file was seen")
        if sawTemporary {
            #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal,
                    "reason \(process.terminationReason.rawValue), status \(process.terminationStatus)")
            let left = try Self.temporaries(in: m.folder)
            #expect(left.isEmpty, "\(left)")
            let state = try #require(RunCommandTests.storeState(m.store.path))
            #expect(state.spec == previous.spec && state.total == previous.total)
        }
    }

    /// A temporary store of a dead run (SIGKILL, power cut) is removed by the next run, even one
    /// that finds nothing to recompute; one of a live process is left alone.
    @Test func staleTemporaryFilesAreRemovedByTheNextRun() throws {
        let m = try Self.monitoring(persons: 2_000, areas: 40)
        #expect(try CLI.run(["run", m.spec]).status == 0)
        let dead = try HostileTextTestsSupport.deadPID()
        let stale = [".monitoring.gpkg.\(dead).tmp", ".monitoring.gpkg.\(dead).tmp-journal"]
        let live = ".monitoring.gpkg.1.tmp"
        for name in stale + [live] { try "x".write(to: m.folder.appendingPathComponent(name), atomically: false, encoding: .utf8) }
        let second = try CLI.run(["run", m.spec])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.error.contains("store unchanged"))
        #expect(try Self.temporaries(in: m.folder) == [live])
    }

    /// An in-place edit that keeps the size and puts the modification time back is still seen
    /// (the status-change time moves; git compares it too).
    @Test func inPlaceEditKeepingSizeAndMtimeIsSeen() throws {
        let m = try Self.monitoring(persons: 2_000, areas: 40)
        #expect(try CLI.run(["run", m.spec]).status == 0)
        let persons = m.folder.appendingPathComponent("persons_2020.csv").path
        var before = stat()
        #expect(stat(persons, &before) == 0)
        // Flip one person's sgb2 0 → 1 (same length), then set the mtime back.
        let text = try String(contentsOfFile: persons, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.indices.dropFirst().first { lines[$0].hasSuffix(",0") })
        lines[index] = String(lines[index].dropLast()) + "1"
        let handle = try #require(FileHandle(forUpdatingAtPath: persons))
        try handle.write(contentsOf: Data(lines.joined(separator: "\n").utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, persons, &times, 0) == 0)
        var after = stat()
        #expect(stat(persons, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec
                && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let second = try CLI.run(["run", m.spec])
        #expect(second.status == 0, "\(second.error)")
        #expect(second.error.contains("store written"), "\(second.error)")
    }
}

enum HostileTextTestsSupport {
    /// The pid of a child that has exited and been reaped.
    static func deadPID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let pid = process.processIdentifier
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        return pid
    }
}
