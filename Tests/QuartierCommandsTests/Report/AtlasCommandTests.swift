import Foundation
import Quartier
import QuartierTestSupport
import Testing

@testable import QuartierCommands

@Suite struct AtlasCommandTests {
    /// `quartier atlas SPEC --out DIR` writes atlas.html (and its manifest), with the rank intervals of
    /// the run, and refuses to replace a file of that name it did not write.
    @Test func writesTheAtlasOfASpec() async throws {
        let folder = try TestPaths.temporaryFolder()
        let spec = try SynthMonitoring.generate(areas: 70, persons: 5_000, years: 2021...2023, seed: 4, folder: folder.path)
        let out = folder.appendingPathComponent("atlas")
        try await InProcessCLI.run(["atlas", spec, "--lang", "en", "--out", out.path])
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == [".quartier-outputs", "atlas.html"])
        let html = try String(contentsOf: out.appendingPathComponent("atlas.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("\"rankDraws\":200"))
        // Again: replaces its own file; a foreign atlas.html is refused.
        try await InProcessCLI.run(["atlas", spec, "--out", out.path])
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "mine".write(to: other.appendingPathComponent("atlas.html"), atomically: true, encoding: .utf8)
        await #expect(throws: (any Error).self) { try await InProcessCLI.run(["atlas", spec, "--out", other.path]) }
        #expect(try String(contentsOf: other.appendingPathComponent("atlas.html"), encoding: .utf8) == "mine")
    }

    @Test(arguments: [
        ["atlas", "--out", "x"],
        ["atlas", "--demo", "synthetic", "--lang", "fr", "--out", "x"],
        ["atlas", "--demo", "synthetic", "--areas", "10", "--out", "x"],
        ["atlas", "spec.toml", "--demo", "synthetic", "--out", "x"],
        ["atlas", "--demo", "synthetic", "--quantization", "1", "--out", "x"],
    ])
    func rejectsBadFlags(arguments: [String]) {
        #expect(throws: (any Error).self) { try QuartierCommand.parseAsRoot(arguments) }
    }
}
