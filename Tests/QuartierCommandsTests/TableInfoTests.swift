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

    /// The command on the Hamburg file and on a Windows-1252 copy made with iconv: same report but
    /// for the encoding line, and the same values (` 1 171`, `11,1`, `-  23`) in the table.
    @Test func hamburgInWindows1252ThroughTheCommand() async throws {
        let original = TestPaths.shared("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv").path
        let folder = try TestPaths.temporaryFolder()
        let copy = folder.appendingPathComponent("hamburg-1252.csv").path
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        iconv.arguments = ["iconv", "-f", "UTF-8", "-t", "WINDOWS-1252", original]
        let pipe = Pipe()
        iconv.standardOutput = pipe
        try iconv.run()
        let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
        iconv.waitUntilExit()
        try #require(iconv.terminationStatus == 0, "iconv is needed for this test")
        try bytes.write(to: URL(fileURLWithPath: copy))
        #expect(bytes.count < (try Data(contentsOf: URL(fileURLWithPath: original))).count) // ä, ö, ü, ß: 1 byte each

        let utf8 = try Table.read(path: original)
        let cp1252 = try Table.read(path: copy)
        let forced = try Table.read(path: copy, options: TableOptions(encoding: .windows1252))
        #expect(cp1252.dialect.encoding == .windows1252)
        #expect(cp1252.cells == utf8.cells)
        #expect(forced.cells == utf8.cells)
        let neustadt = try #require(cp1252.cells.firstIndex { $0[0] == .text("Neustadt") })
        let altstadt = try #require(cp1252.cells.firstIndex { $0[0] == .text("Hamburg-Altstadt") })
        #expect(cp1252.cells[neustadt][37] == .number(1171))
        #expect(cp1252.cells[altstadt][38] == .number(11.1))
        #expect(cp1252.cells[altstadt][28] == .number(-23))
        let text = TableInfoText.render(cp1252.summary)
        #expect(text.contains("encoding: windows-1252"))
        #expect(text.replacingOccurrences(of: copy, with: original).replacingOccurrences(of: "windows-1252", with: "utf-8")
                == TableInfoText.render(utf8.summary))
        // Forcing UTF-8 on the 1252 copy does not fail silently: umlauts become U+FFFD, visibly.
        let wrong = try Table.read(path: copy, options: TableOptions(encoding: .utf8))
        #expect(wrong.header[1].contains("\u{FFFD}"))
    }

    @Test func parsesFlags() throws {
        let command = try QuartierCommand.parseAsRoot(["table", "info", "x.csv", "--encoding", "windows-1252", "--delimiter", ";", "--sentinel=-9999"])
        let info = try #require(command as? TableCommand.Info)
        #expect(info.encoding == "windows-1252")
        #expect(info.sentinel == [-9999])
        #expect(throws: (any Error).self) { try QuartierCommand.parseAsRoot(["table", "info", "x.csv", "--encoding", "ebcdic"]) }
    }
}

@Suite struct TableScanCommandTests {
    @Test func parsesRepeatedSumsAndCounts() throws {
        let command = try QuartierCommand.parseAsRoot(["table", "scan", "p.csv", "--sum", "x", "--sum", "y", "--count", "kinder=age < 15", "--timings"])
        let scan = try #require(command as? TableCommand.Scan)
        #expect(scan.sums == ["x", "y"])
        #expect(scan.counts == ["kinder=age < 15"])
    }

    @Test func badFilterIsRefusedWithItsPosition() {
        #expect {
            _ = try QuartierCommand.parseAsRoot(["table", "scan", "p.csv", "--count", "kinder=age < "])
        } throws: { error in
            QuartierCommand.message(for: error).contains("kinder='age < ': position 7: expected a number or field name, found end of input")
        }
    }

    @Test func rendersTheScanOfAFile() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("p.csv").path
        try "id,x,y,hh_id,age,sgb2\n1,361234.567,5645123.5,1,12,1\n2,361000,5645000,1,40,\n3,361000.5,5645000,2,,0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVRecordReader(path: path)
        let scan = try reader.scan(sums: ["x", "age"], counts: [try NamedFilter(parsing: "kinder=age < 15"), try NamedFilter(parsing: "nicht_arm=not (sgb2 == 1)")])
        #expect(TableScanText.render(scan, reader: reader) == """
            file: \(path)
            delimiter: ,, decimal point
            rows: 3
            sum x: 1083235.067 (3 values, 0 missing)
            sum age: 52 (2 values, 1 missing)
            count kinder: 1  [age < 15]
            count nicht_arm: 1  [not (sgb2 == 1)]
            """)
    }
}
