import Foundation
import GRDB
import QuartierDigest
import QuartierShapefile
import QuartierTestSupport
import Testing

@testable import Quartier

/// Careless and hostile input, run from the CLI (the built `quartier` binary): every case must give
/// exit status 1 with one line naming the file and what was expected — never a signal, never a
/// changed input (every file is hashed before and after), never SQL run (the area GeoPackage's bytes
/// are among the hashed files), never a file outside the output folder.
@Suite(.serialized) struct HostileInputTests {
    /// A small monitoring in `outer/work/`, with a secret beside it in `outer/`.
    struct Fixture {
        var outer: URL
        var work: URL
        var spec: String { work.appendingPathComponent("monitoring.toml").path }

        static let specText = """
            [monitoring]
            name = "Hostile"
            crs = "EPSG:25832"
            store = "out/monitoring.gpkg"

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

        init() throws {
            outer = try TestPaths.temporaryFolder()
            work = outer.appendingPathComponent("work")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let city = SynthCity(areaCount: 40, seed: 5)
            try city.writeAreas(to: work.appendingPathComponent("city_areas.gpkg").path)
            _ = try city.writePersons(count: 2_000, seed: 1, to: work.appendingPathComponent("persons_2020.csv").path)
            try Self.specText.write(toFile: spec, atomically: true, encoding: .utf8)
            try "root:x:0:0:secret-token:/root:/bin/bash\n".write(
                toFile: outer.appendingPathComponent("secret.txt").path, atomically: true, encoding: .utf8)
        }

        /// Replaces `old` in the spec by `new` (the text must be there: a case that changes nothing fails).
        func edit(_ old: String, _ new: String) throws {
            let text = try String(contentsOfFile: spec, encoding: .utf8)
            #expect(text.contains(old), "fixture spec lacks \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: spec, atomically: true, encoding: .utf8)
        }

        func path(_ name: String) -> String { work.appendingPathComponent(name).path }

        /// Every file under `outer` (symlinks not followed) with its SHA-256, except the store's folder.
        func snapshot() throws -> [String: String] {
            var files: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(atPath: outer.path)!
            while let relative = enumerator.nextObject() as? String {
                if relative == "work/out" || relative.hasPrefix("work/out/") { continue }
                let full = outer.appendingPathComponent(relative).path
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    // Sparse files are hashed by size only (hashing 2 GB of zeros proves nothing more).
                    files[relative] = info.st_size > 100_000_000 ? "size \(info.st_size)" : try ContentHash.sha256(file: full)
                case S_IFLNK: files[relative] = "link -> " + (try FileManager.default.destinationOfSymbolicLink(atPath: full))
                default: files[relative] = "folder"
                }
            }
            return files
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Prepares the fixture; returns the CLI arguments.
        var prepare: @Sendable (Fixture) throws -> [String]
        /// Texts the one-line message must contain (`{work}` is replaced by the fixture's folder).
        var expected: [String]
        /// Texts it must not contain.
        var forbidden: [String] = []
        var testDescription: String { name }
    }

    static let run = { @Sendable (f: Fixture) in ["run", f.spec] }

    static let cases: [Case] = [
        Case(name: "store is a persons file", prepare: { f in
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "persons_2020.csv""#); return run(f)
        }, expected: ["{work}/persons_2020.csv", "an input"]),
        Case(name: "store is the area file", prepare: { f in
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "city_areas.gpkg""#); return run(f)
        }, expected: ["{work}/city_areas.gpkg", "an input"]),
        Case(name: "store is the spec itself, with --force", prepare: { f in
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "monitoring.toml""#); return run(f) + ["--force"]
        }, expected: ["{work}/monitoring.toml", "an input", "--force never"]),
        Case(name: "store is a symlink to the persons file", prepare: { f in
            try FileManager.default.createSymbolicLink(atPath: f.path("link.gpkg"), withDestinationPath: f.path("persons_2020.csv"))
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "link.gpkg""#); return run(f) + ["--force"]
        }, expected: ["{work}/link.gpkg", "an input"]),
        Case(name: "store through ../ onto the persons file", prepare: { f in
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "../work/./persons_2020.csv""#); return run(f)
        }, expected: ["persons_2020.csv", "an input"]),
        Case(name: "store is a foreign file", prepare: { f in
            try "my notes, not a store\n".write(toFile: f.path("notes.gpkg"), atomically: true, encoding: .utf8)
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "notes.gpkg""#); return run(f)
        }, expected: ["{work}/notes.gpkg", "not a store of the monitoring", "--force"]),
        Case(name: "store is a folder, with --force", prepare: { f in
            try FileManager.default.createDirectory(atPath: f.path("store.gpkg"), withIntermediateDirectories: true)
            try f.edit(#"store = "out/monitoring.gpkg""#, #"store = "store.gpkg""#); return run(f) + ["--force"]
        }, expected: ["{work}/store.gpkg", "a folder"]),
        Case(name: "store is another monitoring's store", prepare: { f in
            _ = try CLI.run(run(f))
            try f.edit(#"name = "Hostile""#, #"name = "Other""#); return run(f)
        }, expected: ["{work}/out/monitoring.gpkg", "not a store of the monitoring \"Other\""]),
        Case(name: "level escaping the folder", prepare: { f in
            try f.edit("[levels.quartier]", #"[levels."../../../escaped_level"]"#)
            try f.edit(#"parent = "quartier""#, #"parent = "../../../escaped_level""#); return run(f)
        }, expected: ["{work}/monitoring.toml:", "../../../escaped_level", "letters, digits"]),
        Case(name: "indicator id injecting SQL", prepare: { f in
            try f.edit(#"id = "kinderarmut""#, #"id = 'k" DOUBLE); DROP TABLE gpkg_contents; --'"#); return run(f)
        }, expected: ["{work}/monitoring.toml:19", "indicators[0].id", "letters, digits"]),
        Case(name: "indicator id with ; and --", prepare: { f in
            try f.edit(#"id = "kinderarmut""#, #"id = "a;b--c""#); return run(f)
        }, expected: ["{work}/monitoring.toml:19", "indicators[0].id"]),
        Case(name: "indicator id DROP TABLE gpkg_contents", prepare: { f in
            try f.edit(#"id = "kinderarmut""#, #"id = "DROP TABLE gpkg_contents""#); return run(f)
        }, expected: ["{work}/monitoring.toml:19", "indicators[0].id"]),
        Case(name: "layer injecting SQL", prepare: { f in
            try f.edit(#"id = "poly_id""#, "id = \"poly_id\"\nlayer = 'polys\"; DROP TABLE gpkg_contents; --'"); return run(f)
        }, expected: ["{work}/monitoring.toml:9", "levels.block.layer"]),
        Case(name: "level id with a control byte", prepare: { f in
            try f.edit("[levels.quartier]", "[levels.\"q\\u001B[31m\"]")
            try f.edit(#"parent = "quartier""#, "parent = \"q\\u001B[31m\""); return run(f)
        }, expected: ["{work}/monitoring.toml:", #"\u{1B}"#]),
        Case(name: "persons file outside the folder that is not a table", prepare: { f in
            try f.edit(#"persons = "persons_2020.csv""#, #"persons = "../secret.txt""#); return run(f)
        }, expected: ["secret.txt:1", "\"x\"", "not quoted"], forbidden: ["secret-token", "root:x"]),
        Case(name: "persons header with terminal escapes", prepare: { f in
            try "id,\u{1B}[2J\u{1B}[31mx,y\n1,2,3\n".write(toFile: f.path("persons_2020.csv"), atomically: true, encoding: .utf8)
            return run(f)
        }, expected: ["{work}/persons_2020.csv:1", "\"x\""]),
        Case(name: "shapefile without its .dbf", prepare: { f in
            let city = SynthCity(areaCount: 10, seed: 3)
            let writer = try ShapefileWriter(path: f.path("blocks.shp"), fields: [
                DBFField(name: "poly_id", kind: .text, width: 10), DBFField(name: "quartier_id", kind: .text, width: 10)],
                encoding: .utf8, writeCPG: true)
            for area in city.areas { try writer.append(area.geometry, values: [.text("\(area.id)"), .text("\(area.quartierID)")]) }
            writer.close()
            #expect(FileManager.default.fileExists(atPath: f.path("blocks.dbf")))
            try FileManager.default.removeItem(atPath: f.path("blocks.dbf"))
            try f.edit(#"file = "city_areas.gpkg""#, #"file = "blocks.shp""#); return run(f)
        }, expected: ["{work}/blocks.dbf", "no .dbf"]),
        Case(name: "2 GB sparse GeoJSON as an area file", prepare: { f in
            #expect(FileManager.default.createFile(atPath: f.path("big.geojson"), contents: nil))
            #expect(truncate(f.path("big.geojson"), 2 << 30) == 0)
            try f.edit(#"file = "city_areas.gpkg""#, #"file = "big.geojson""#); return run(f)
        }, expected: ["{work}/big.geojson", "NUL", "GeoJSON"]),
        Case(name: "export onto an input", prepare: { f in
            _ = try CLI.run(run(f))
            try FileManager.default.moveItem(atPath: f.path("persons_2020.csv"), toPath: f.path("indicators_block.csv"))
            try f.edit(#"persons = "persons_2020.csv""#, #"persons = "indicators_block.csv""#)
            return ["export", f.spec, "--out", f.work.path]
        }, expected: ["{work}/indicators_block.csv", "an input"]),
        Case(name: "report onto an input", prepare: { f in
            try FileManager.default.moveItem(atPath: f.path("persons_2020.csv"), toPath: f.path("ranking.csv"))
            try f.edit(#"persons = "persons_2020.csv""#, #"persons = "ranking.csv""#)
            return ["report", f.spec, "--out", f.work.path]
        }, expected: ["{work}/ranking.csv", "an input"]),
    ]

    /// `CLI.run` that also tells an exit from a death by signal (status 1 could be SIGHUP).
    static func runCLI(_ arguments: [String]) throws -> (CLI.Result, Process.TerminationReason) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (CLI.Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                           error: String(decoding: errData, as: UTF8.self)), process.terminationReason)
    }

    @Test(arguments: cases)
    func hostileInputGivesOneLineAndChangesNothing(_ hostile: Case) throws {
        let fixture = try Fixture()
        let arguments = try hostile.prepare(fixture)
        let before = try fixture.snapshot()
        var usage = rusage()
        let (result, reason) = try Self.runCLI(arguments)
        #expect(reason == .exit, "\(hostile.name): ended by signal \(result.status)")
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        let message = result.error.trimmingCharacters(in: .whitespacesAndNewlines)
        // The message is the last line (a run prints its steps on stderr before failing).
        let last = message.split(separator: "\n").last.map(String.init) ?? ""
        #expect(result.status == 1, "\(hostile.name): status \(result.status): \(message)")
        #expect(last.hasPrefix("Error: "), "\(last)")
        for text in hostile.expected {
            let wanted = text.replacingOccurrences(of: "{work}", with: fixture.work.path)
            #expect(last.contains(wanted), "\(hostile.name): \(last) lacks \(wanted)")
        }
        for text in hostile.forbidden { #expect(!result.error.contains(text) && !result.output.contains(text)) }
        #expect(!result.error.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0 })
        let after = try fixture.snapshot()
        #expect(after == before, "\(hostile.name): files changed: \(Set(after.keys).symmetricDifference(before.keys)), \(before.filter { after[$0.key] != $0.value }.keys)")
        // Nothing above the work folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.outer.path).sorted() == ["secret.txt", "work"])
        // A 2 GB file must not have been read into memory (the issue measured 4.2 GB).
        #expect(usage.ru_maxrss < 1_000_000, "peak RSS of a child \(usage.ru_maxrss) KiB")
    }
}
