import ArgumentParser
import Foundation
import QuartierBase
import QuartierTestSupport
import Testing

@testable import Quartier
@testable import QuartierCommands

/// `export` and `report` replace only files they wrote themselves (`OutputManifest`): a planner's own
/// file that happens to have an output's name is refused, left as it was, and replaced only with
/// `--force`; a second run over Quartier's own outputs needs no flag.
@Suite struct ForeignOutputTests {
    @Test(arguments: [
        (["export", "--format", "csv"], "indicators_block.csv"),
        (["report"], "report.html"),
    ])
    func aForeignFileIsReplacedOnlyWithForce(command: [String], name: String) async throws {
        let folder = try TestPaths.temporaryFolder()
        // The publication gate's city (PublicationGateTests): small cities cannot keep their city totals.
        let spec = try SynthMonitoring.generate(areas: 60, persons: 4_000, years: 2021...2023, seed: 5, folder: folder.appendingPathComponent("city").path)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let foreign = out.appendingPathComponent(name)
        let planted = "Eigene Tabelle der Planerin; nicht überschreiben\n"
        try planted.write(to: foreign, atomically: true, encoding: .utf8)
        let arguments = [command[0], spec] + command.dropFirst() + ["--out", out.path]

        let error = await #expect(throws: (any Error).self) { try await InProcessCLI.run(arguments) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("--force"), "\(String(describing: error))")
        #expect(try String(contentsOf: foreign, encoding: .utf8) == planted)

        try await InProcessCLI.run(arguments + ["--force"])
        #expect(try String(contentsOf: foreign, encoding: .utf8) != planted)
        try await InProcessCLI.run(arguments)  // Quartier's own output now: no flag needed
        #expect(OutputManifest.lists(foreign.path))
    }
}
