import Foundation
import QuartierBase
import QuartierTable
import Testing

/// Every quirk of municipal exports the brief lists, as one table: input bytes, options, and what
/// the whole-table reader must give (header and first row, or an error naming the place).
@Suite struct CSVQuirkTableTests {
    enum Outcome: Sendable {
        case rows(header: [String], count: Int, first: [Cell]?)
        case error(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var options = TableOptions()
        var outcome: Outcome
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("a;b\n1;2\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.number(1), .number(2)])),
        Case(name: "CRLF", bytes: Array("a,b\r\n1,2\r\n3,4\r\n".utf8), outcome: .rows(header: ["a", "b"], count: 2, first: [.number(1), .number(2)])),
        Case(name: "quoted delimiter", bytes: Array("a;b\n\"x;y\";2\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.text("x;y"), .number(2)])),
        Case(name: "quoted newline", bytes: Array("a;b\n\"x\r\ny\";2\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.text("x\r\ny"), .number(2)])),
        Case(name: "doubled quotes", bytes: Array("a,b\n\"\"\"Q\"\" 1\",2\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.text("\"Q\" 1"), .number(2)])),
        Case(name: "decimal comma", bytes: Array("a;b\n11,1;-0,5\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.number(11.1), .number(-0.5)])),
        Case(name: "thousands: space, no-break space, point with decimal comma", bytes: Array("a;b;c;d\n1 171;1\u{A0}171;1.171;2,5\n".utf8),
             outcome: .rows(header: ["a", "b", "c", "d"], count: 1, first: [.number(1171), .number(1171), .number(1171), .number(2.5)])),
        Case(name: "1.171 stays 1.171 in a decimal-point column", bytes: Array("a,b\n1.171,0.5\n2.5,1\n".utf8),
             outcome: .rows(header: ["a", "b"], count: 2, first: [.number(1.171), .number(0.5)])),
        Case(name: "sign with spaces", bytes: Array("a;b\n-  23;+ 4\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.number(-23), .number(4)])),
        Case(name: "suppression markers", bytes: Array("a;b;c;d;e\n.;-;*;x;–\n".utf8),
             outcome: .rows(header: ["a", "b", "c", "d", "e"], count: 1, first: [.suppressed("."), .suppressed("-"), .suppressed("*"), .suppressed("x"), .suppressed("–")])),
        Case(name: "quoted marker is text", bytes: Array("a\n\"x\"\n".utf8), outcome: .rows(header: ["a"], count: 1, first: [.text("x")])),
        Case(name: "sentinel", bytes: Array("S1,S2\n-9999,-9999\n".utf8), options: TableOptions(sentinels: ["S1": [-9999]]),
             outcome: .rows(header: ["S1", "S2"], count: 1, first: [.sentinel(-9999), .number(-9999)])),
        Case(name: "empty file", bytes: [], outcome: .error("t.csv: found an empty file, expected a header line")),
        Case(name: "only blank lines", bytes: Array("\n\r\n\n".utf8), outcome: .error("t.csv: found an empty file, expected a header line")),
        Case(name: "header only", bytes: Array("a;b\r\n".utf8), outcome: .rows(header: ["a", "b"], count: 0, first: nil)),
        Case(name: "ragged row (too many)", bytes: Array("a;b\n1;2\n3;4;5\n".utf8), outcome: .error("t.csv:3: found 3 fields, expected 2 fields as in the header (line 1)")),
        Case(name: "ragged row (too few)", bytes: Array("a;b\n1\n".utf8), outcome: .error("t.csv:2: found 1 fields, expected 2 fields as in the header (line 1)")),
        Case(name: "trailing empty line", bytes: Array("a,b\n1,2\n\n".utf8), outcome: .rows(header: ["a", "b"], count: 1, first: [.number(1), .number(2)])),
        Case(name: "Windows-1252 umlauts", bytes: Array("Name;n\n".utf8) + [0xC4, 0x64, 0x65, 0x20, 0xD6, 0xDC, 0xDF] + Array(";1\n".utf8),
             outcome: .rows(header: ["Name", "n"], count: 1, first: [.text("Äde ÖÜß"), .number(1)])),
        Case(name: "Windows-1252 forced on ASCII-only bytes", bytes: Array("a;b\nyz;1\n".utf8), options: TableOptions(encoding: .windows1252),
             outcome: .rows(header: ["a", "b"], count: 1, first: [.text("yz"), .number(1)])),
        Case(name: "id with leading zero is text", bytes: Array("PLR_ID,n\n\"01100101\",3\n".utf8), outcome: .rows(header: ["PLR_ID", "n"], count: 1, first: [.text("01100101"), .number(3)])),
        Case(name: "declared text column", bytes: Array("id,n\n4711,3\n".utf8), options: TableOptions(textColumns: ["id"]),
             outcome: .rows(header: ["id", "n"], count: 1, first: [.text("4711"), .number(3)])),
        Case(name: "unclosed quote", bytes: Array("a,b\n1,\"open\n".utf8), outcome: .error("t.csv:2:2: found a quoted field that is never closed, expected a closing \"")),
    ]

    @Test(arguments: cases)
    func quirk(_ quirk: Case) throws {
        switch quirk.outcome {
        case let .rows(header, count, first):
            let table = try Table.parse(bytes: quirk.bytes, path: "t.csv", options: quirk.options)
            #expect(table.header == header)
            #expect(table.rowCount == count)
            #expect(table.cells.first == first)
        case let .error(message):
            let error = try #require(throws: InputError.self) { try Table.parse(bytes: quirk.bytes, path: "t.csv", options: quirk.options) }
            #expect(error.description == message)
        }
    }
}
