import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

@testable import QuartierCommands

@Suite struct TableInfoTests {
    @Test func hamburgInfo() throws {
        let table = try Table.read(path: TestPaths.shared("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv").path)
        let text = TableInfoText.render(table.summary)
        #expect(text.contains("delimiter: ;"))
        #expect(text.contains("encoding: utf-8"))
        #expect(text.contains("rows: 107 (plus the header)"))
        #expect(text.contains("columns: 69"))
        #expect(text.contains("Stadtgebiet"))
        #expect(text.contains("decimal, decimal comma, 107 values"))
    }

    @Test func parsesFlags() throws {
        let command = try QuartierCommand.parseAsRoot(["table", "info", "x.csv", "--encoding", "windows-1252", "--delimiter", ";", "--sentinel=-9999"])
        let info = try #require(command as? TableCommand.Info)
        #expect(info.encoding == "windows-1252")
        #expect(info.sentinel == [-9999])
        #expect(throws: (any Error).self) { try QuartierCommand.parseAsRoot(["table", "info", "x.csv", "--encoding", "ebcdic"]) }
    }
}
