import Foundation
import QuartierBase
import QuartierTestSupport
import Testing

@Suite struct AtomicFileTests {
    struct Boom: Error {}

    @Test func writesAndReplaces() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicFile.write("a\n", to: path)
        try AtomicFile.write("b\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test func failedWriteLeavesEarlierOutputIntact() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("out.csv").path
        try AtomicFile.write("earlier\n", to: path)
        #expect(throws: Boom.self) {
            try AtomicFile.write(to: path) { handle in
                try handle.write(contentsOf: Data("half a".utf8))
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "earlier\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test func inputErrorNamesThePlace() {
        let error = InputError(
            InputLocation(file: "persons.csv", line: 1042, column: 3, field: "y"),
            found: "\"52,5x\"", expected: "a number")
        #expect(error.description == "persons.csv:1042:3 field \"y\": found \"52,5x\", expected a number")
    }
}
