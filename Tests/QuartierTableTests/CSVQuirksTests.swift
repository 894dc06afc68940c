import Foundation
import QuartierBase
import QuartierTable
import Testing

@Suite struct CSVQuirksTests {
    static func table(_ text: String, _ options: TableOptions = TableOptions()) throws -> Table {
        try Table.parse(bytes: Array(text.utf8), path: "t.csv", options: options)
    }

    /// (name, CSV text, expected header, expected cells of the first row)
    @Test(arguments: [
        ("comma", "a,b\n1,y\n", ["a", "b"], [Cell.number(1), .text("y")]),
        ("semicolon", "a;b\n1;2\n", ["a", "b"], [.number(1), .number(2)]),
        ("tab", "a\tb\n1\t2\n", ["a", "b"], [.number(1), .number(2)]),
        ("BOM and CRLF", "\u{FEFF}a;b\r\n1;2\r\n", ["a", "b"], [.number(1), .number(2)]),
        ("quoted delimiter", "a,b\n\"x,y\",2\n", ["a", "b"], [.text("x,y"), .number(2)]),
        ("quoted newline", "a,b\n\"x\ny\",2\n", ["a", "b"], [.text("x\ny"), .number(2)]),
        ("doubled quotes", "a,b\n\"say \"\"hi\"\"\",2\n", ["a", "b"], [.text("say \"hi\""), .number(2)]),
        ("decimal comma", "a;b\n11,1;2\n", ["a", "b"], [.number(11.1), .number(2)]),
        ("thousands with space", "a;b\n 1 171 ;11,1\n", ["a", "b"], [.number(1171), .number(11.1)]),
        ("thousands with no-break space", "a;b\n1\u{A0}171;11,1\n", ["a", "b"], [.number(1171), .number(11.1)]),
        ("thousands with point in a comma file", "a;b\n1.171;2,5\n", ["a", "b"], [.number(1171), .number(2.5)]),
        ("decimal point in a semicolon file", "a;b\n-0.25;1.5\n", ["a", "b"], [.number(-0.25), .number(1.5)]),
        ("sign with spaces", "a;b\n-  23;1\n", ["a", "b"], [.number(-23), .number(1)]),
        ("suppression markers", "a;b;c;d\n.;-;*;x\n", ["a", "b", "c", "d"], [.suppressed("."), .suppressed("-"), .suppressed("*"), .suppressed("x")]),
        ("empty cells", "a,b\n,2\n", ["a", "b"], [.missing, .number(2)]),
        ("leading zero is text", "id,v\n01100101,3\n", ["id", "v"], [.text("01100101"), .number(3)]),
        ("trailing empty lines", "a,b\n1,2\n\n\n", ["a", "b"], [.number(1), .number(2)]),
        ("no line end at the end", "a,b\n1,2", ["a", "b"], [.number(1), .number(2)]),
        ("umlauts", "name;n\nÄÖÜß;1\n", ["name", "n"], [.text("ÄÖÜß"), .number(1)]),
    ])
    func quirk(name: String, text: String, header: [String], first: [Cell]) throws {
        let table = try Self.table(text)
        #expect(table.header == header, "\(name)")
        #expect(table.cells.first == first, "\(name)")
    }

    @Test func sentinelIsAbsentNotANumber() throws {
        let table = try Self.table("S1,S3\n-9999,4.2\n2.5,-9999\n", TableOptions(sentinels: ["S1": [-9999]]))
        #expect(table.cells[0][0] == .sentinel(-9999))
        #expect(table.cells[1][1] == .number(-9999)) // declared for S1 only
        #expect(try table.number(row: 0, column: 0) == nil)
        #expect(table.columns[0].sentinels == 1)
    }

    @Test func windows1252IsDetected() throws {
        var bytes = Array("name;n\n".utf8)
        bytes += [0xC4, 0xD6, 0xDC, 0xDF] + Array(";1\n".utf8) // ÄÖÜß in Windows-1252
        let table = try Table.parse(bytes: bytes, path: "t.csv")
        #expect(table.dialect.encoding == .windows1252)
        #expect(table.cells[0][0] == .text("ÄÖÜß"))
    }

    @Test(arguments: [
        ("", "an empty file"),
        ("a,b\n1,2\n3\n", "1 fields"),
        ("a,b\n\"open,2\n", "never closed"),
        ("a,b\n\"x\"y,2\n", "text after a closing quote"),
    ])
    func badInputNamesThePlace(text: String, message: String) {
        let error = #expect(throws: InputError.self) { try Self.table(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.location.file == "t.csv")
    }

    @Test func raggedRowNamesItsLine() throws {
        let error = try #require(throws: InputError.self) { try Self.table("a;b\n1;2\n3;4;5\n") }
        #expect(error.description == "t.csv:3: found 3 fields, expected 2 fields as in the header (line 1)")
    }

    @Test func headerOnlyHasNoRows() throws {
        let table = try Self.table("a,b\n")
        #expect(table.rowCount == 0)
        #expect(table.columns.map(\.kind) == [.empty, .empty])
    }

    @Test func missingColumnListsTheColumns() throws {
        let table = try Self.table("a,b\n1,2\n")
        let error = try #require(throws: InputError.self) { try table.columnIndex("c") }
        #expect(error.description.contains("expected one of \"a\", \"b\""))
    }

    @Test func textColumnKeepsNumbersAsWritten() throws {
        let table = try Self.table("id,v\n12,1\nA7,2\n")
        #expect(table.columns[0].kind == .text)
        #expect(table.cells[0][0] == .text("12"))
        #expect(throws: InputError.self) { try table.number(row: 1, column: 0) }
    }
}
