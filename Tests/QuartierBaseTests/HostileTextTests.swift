import Foundation
import QuartierBase
import QuartierTestSupport
import Testing

/// Messages, generated file names, output targets and temporary files under hostile input.
@Suite struct HostileTextTests {
    // MARK: - Messages

    @Test(arguments: [
        ("a\u{1B}[31mred", #"a\u{1B}[31mred"#),
        ("bell\u{07}nul\u{0}", #"bell\u{7}nul\u{0}"#),
        ("del\u{7F}c1\u{9B}", #"del\u{7F}c1\u{9B}"#),
        ("Grünau Süd", "Grünau Süd"),
    ])
    func controlBytesAreEscaped(raw: String, shown: String) {
        #expect(InputError.excerpt(raw) == shown)
        let message = InputError(InputLocation(file: "f\u{1B}.csv", field: raw), found: raw, expected: "x").description
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func longFieldsAreCutWithTheirLength() {
        let line = String(repeating: "x", count: 10_000_000)
        let excerpt = InputError.excerpt(line)
        #expect(excerpt == String(repeating: "x", count: 60) + "… (10000000 bytes)")
        let message = InputError(InputLocation(file: "p.csv", line: 1), found: "\"\(line)\"", expected: "a header").description
        #expect(message.utf8.count < 400)
        #expect(message.contains("(10000002 bytes)"))
        #expect(InputError.excerpt(String(repeating: "y", count: 60)) == String(repeating: "y", count: 60))
    }

    /// A file that is not a table (one field in its first line, or control bytes) is never quoted.
    @Test func aMissingColumnQuotesOnlyATableHeader() {
        let secret = "root:x:0:0:root:/root:/bin/bash"
        #expect(!InputError.expectedColumn("x", header: [secret]).contains("root"))
        #expect(!InputError.expectedColumn("x", header: ["-----BEGIN KEY", "\u{1}\u{2}"]).contains("BEGIN"))
        #expect(InputError.expectedColumn("x", header: ["id", "y"]) == #"one of "id", "y""#)
    }

    // MARK: - File names

    @Test(arguments: [
        ("../../../escaped_level", "_._.._.._escaped_level"),
        ("..", "_."),
        (".hidden", "_hidden"),
        ("a/b\\c", "a_b_c"),
        ("", "_"),
        ("nul\u{0}x", "nul_x"),
        ("Gebiet Süd", "Gebiet_S__d"),
        ("block", "block"),
    ])
    func sanitisedNamesStayOneComponent(id: String, name: String) throws {
        #expect(OutputFileName.sanitised(id) == name)
        let folder = try TestPaths.temporaryFolder().path
        let path = try OutputFileName.path(in: folder, "indicators_", id, ".csv")
        #expect(URL(fileURLWithPath: path).deletingLastPathComponent().path == folder)
        #expect(!URL(fileURLWithPath: path).lastPathComponent.hasPrefix("."))
    }

    @Test func longIDsAreCut() {
        #expect(OutputFileName.sanitised(String(repeating: "a", count: 1000)).utf8.count == OutputFileName.maximumLength)
    }

    // MARK: - Output targets

    @Test func anInputIsNeverReplacedEvenWithForceOrThroughLinks() throws {
        let folder = try TestPaths.temporaryFolder()
        let input = folder.appendingPathComponent("persons.csv").path
        try "id,x,y\n".write(toFile: input, atomically: true, encoding: .utf8)
        let symlink = folder.appendingPathComponent("store.gpkg").path
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: input)
        let hardlink = folder.appendingPathComponent("hard.gpkg").path
        #expect(link(input, hardlink) == 0)
        let dotted = folder.appendingPathComponent("sub/../persons.csv").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for target in [input, symlink, hardlink, dotted] {
            #expect(throws: OutputError.self, "\(target)") {
                try OutputGuard.check(target, kind: "store", inputs: [input], force: true, isOwnOutput: { _ in true })
            }
        }
    }

    @Test func aForeignFileNeedsForce() throws {
        let folder = try TestPaths.temporaryFolder()
        let foreign = folder.appendingPathComponent("notes.gpkg").path
        try "my notes".write(toFile: foreign, atomically: true, encoding: .utf8)
        #expect { try OutputGuard.check(foreign, kind: "store", inputs: [], isOwnOutput: { _ in false }) } throws: { error in
            "\(error)".contains(foreign) && "\(error)".contains("--force")
        }
        try OutputGuard.check(foreign, kind: "store", inputs: [], force: true, isOwnOutput: { _ in false })
        try OutputGuard.check(foreign, kind: "store", inputs: [], isOwnOutput: { _ in true })
        try OutputGuard.check(folder.appendingPathComponent("new.gpkg").path, kind: "store", inputs: [foreign], isOwnOutput: { _ in false })
        #expect(throws: OutputError.self) { try OutputGuard.check(folder.path, kind: "store", inputs: [], force: true) }
    }

    // MARK: - Temporary files

    @Test func staleTemporaryFilesOfDeadProcessesAreRemoved() throws {
        let folder = try TestPaths.temporaryFolder()
        let target = folder.appendingPathComponent("out.csv").path
        let dead = try Self.deadPID()
        let stale = folder.appendingPathComponent(".out.csv.\(dead).tmp").path
        let live = folder.appendingPathComponent(".out.csv.1.tmp").path  // pid 1 is alive
        let other = folder.appendingPathComponent(".other.csv.\(dead).tmp").path
        for path in [stale, live, other] { try "x".write(toFile: path, atomically: false, encoding: .utf8) }
        try AtomicFile.write("a\n", to: target)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(TemporaryFiles.current.isEmpty || !TemporaryFiles.current.contains(TemporaryFiles.path(for: target)))
    }

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
