import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

@Suite struct RealTablesTests {
    static let hamburg = TestPaths.shared("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv").path

    static func row(_ table: Table, _ name: String) throws -> Int {
        try #require(table.cells.firstIndex { $0[0] == .text(name) })
    }

    @Test func hamburgStadtteilprofile() throws {
        let table = try Table.read(path: Self.hamburg)
        #expect(table.rowCount == 107)
        #expect(table.dialect.delimiter == UInt8(ascii: ";"))
        #expect(table.dialect.encoding == .utf8)
        #expect(table.header.count == 69)
        let altstadt = try Self.row(table, "Hamburg-Altstadt")
        #expect(table.cells[altstadt][1] == .number(1675))
        #expect(table.cells[altstadt][3] == .number(9.7))
        // `1 229` and `-  23` (thousands with a space, a sign with spaces).
        #expect(table.cells[altstadt].contains(.number(1229)))
        #expect(table.cells[altstadt].contains(.number(-23)))
        #expect(table.cells[altstadt].contains(.number(26493)))
        #expect(table.cells[altstadt].contains(.suppressed(".")))
        // Spot checks located with awk in the file: Neustadt column 38 is ` 1 171`, Altstadt column 39
        // is `11,1` and column 29 `-  23    ` (fields carry the export's padding spaces).
        let neustadt = try Self.row(table, "Neustadt")
        #expect(table.cells[neustadt][37] == .number(1171))
        #expect(table.cells[altstadt][38] == .number(11.1))
        #expect(table.cells[altstadt][28] == .number(-23))
        let hafen = try Self.row(table, "HafenCity")
        #expect(table.cells[hafen][1] == .number(1914))
        // Every numeric column is read with the decimal comma.
        #expect(table.columns.dropFirst().allSatisfy { $0.decimalStyle == .comma })
        #expect(table.columns[0].kind == .text)
    }

    @Test func hamburgInWindows1252ReadsTheSameValues() throws {
        let utf8 = try String(contentsOfFile: Self.hamburg, encoding: .utf8)
        let bytes = try #require(utf8.data(using: .windowsCP1252))
        let table = try Table.parse(bytes: [UInt8](bytes), path: "hamburg-1252.csv")
        let original = try Table.read(path: Self.hamburg)
        #expect(table.dialect.encoding == .windows1252)
        #expect(table.header == original.header)
        #expect(table.cells == original.cells)
        #expect(table.cells.contains { $0[0] == .text("Eimsbüttel") })
    }

    @Test func berlinTabelle3WithBOMAndCRLF() throws {
        let table = try Table.read(path: TestPaths.shared("berlin-mss-2021/mss2021_tabelle3_zwerte_plr_published_2dp.csv").path)
        #expect(table.dialect.hasByteOrderMark)
        #expect(table.rowCount == 542)
        #expect(table.header[0] == "PLR-ID")
        let zS1 = try table.columnIndex("zS1")
        #expect(table.columns[zS1].decimalStyle == .point)
        #expect(table.cells[0][0] == .text("01100101"))
        #expect(table.cells[0][zS1] == .number(-0.25))
    }

    @Test func berlinIndicatorsWithQuotedIdsAndSentinels() throws {
        let table = try Table.read(path: TestPaths.shared("berlin-mss-2021/mss2021_index_indikatoren_plr.csv").path,
                                   options: TableOptions(sentinels: ["*": [-9999]]))
        #expect(table.rowCount == 542)
        let id = try table.columnIndex("PLR_ID"), s1 = try table.columnIndex("S1"), kom = try table.columnIndex("KOM")
        #expect(table.cells[0][id] == .text("01100101"))
        #expect(table.cells[0][s1] == .number(4.22594))
        let invalid = table.cells.filter { $0[kom] != .text("gültig") }
        #expect(invalid.count == 6)
        #expect(invalid.allSatisfy { $0[s1] == .sentinel(-9999) })
        #expect(table.columns[s1].sentinels == 6)
    }
}
