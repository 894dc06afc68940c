import Foundation
import QuartierTestSupport
import Testing

/// E2SFCA and spatial availability per Quartier of the synthetic city equal PySAL `access` (and a numpy
/// spatial availability) given the same costs, to 1e-9: `scripts/reference/access_pysal_compare.py`,
/// run with the venv of `scripts/install-deps.sh`.
@Suite struct AccessPySALTests {
    @Test(.enabled(if: ReferenceTool.runsAccessVenv(), "needs PySAL access in .build-access-venv (bash scripts/install-deps.sh)"),
          arguments: ["straight", "network"])
    func equalsPySALAccess(distances: String) async throws {
        try ReferenceTool.requireAccessVenv()
        let city = try await AccessCommandTests.city()
        let catchment = distances == "network" ? "9" : "600"
        let steps = distances == "network" ? "4=1,9=0.5" : "300=1,600=0.5"
        var arguments = ["access", "--areas", city.areas, "--id", "poly_id", "--report-by", "quartier_id", "--persons", city.persons,
                         "--offers", city.offers, "--catchment", catchment, "--method", "2sfca", "--method", "sa", "--decay", "steps:" + steps,
                         "--min-population", "0", "--small-count", "0", "--extreme-share-minimum", "0",
                         "--internal-detail", city.path("detail"), "--out", city.path("out.csv")]
        if distances == "network" { arguments += ["--network", city.roads, "--snap-limit", "80"] }
        try await InProcessCLI.run(arguments)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ReferenceTool.accessVenvPython)
        process.arguments = [TestPaths.packageRoot.appendingPathComponent("scripts/reference/access_pysal_compare.py").path,
                             "--out", city.path("out.csv"), "--detail", city.path("detail"), "--offers", city.offers,
                             "--catchment", catchment, "--steps", steps, "--id", "quartier_id", "--tolerance", "1e-9"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        // Both types and both methods were compared, over every Quartier.
        for line in ["kita e2: 15 areas", "kita sa: 15 areas", "jugend e2: 15 areas", "jugend sa: 15 areas"] {
            #expect(output.contains(line), "\(output)")
        }
    }
}
