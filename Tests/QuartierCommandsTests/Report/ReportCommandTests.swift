import Foundation
import QuartierTestSupport
import Testing

@testable import QuartierCommands

@Suite struct ReportCommandTests {
    @Test func writesReportAndTables() async throws {
        let folder = try TestPaths.temporaryFolder()
        let command = try QuartierCommand.parseAsRoot(["report", "--demo", "synthetic", "--areas", "49", "--lang", "en",
                                                       "--profiles", "3,4", "--rename", "2=A & B", "--out", folder.path])
        var report = try #require(command as? ReportCommand)
        try await report.run()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == [".quartier-outputs", "classes.csv", "indicators.csv", "level-1.csv", "ranking.csv", "report.html"])
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("A &amp; B"))
    }

    @Test(arguments: [
        ["report", "--out", "x"],
        ["report", "--demo", "synthetic", "--lang", "fr", "--out", "x"],
        ["report", "--demo", "synthetic", "--profiles", "some", "--out", "x"],
        ["report", "--demo", "synthetic", "--rename", "0=x", "--out", "x"],
        ["report", "spec.toml", "--demo", "synthetic", "--out", "x"],
    ])
    func rejectsBadFlags(arguments: [String]) {
        #expect(throws: (any Error).self) { try QuartierCommand.parseAsRoot(arguments) }
    }
}
