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
