import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

@Suite struct CSVWriterTests {
    @Test(arguments: [
        (CSVWriter.Value.text("Stülerstraße"), "Stülerstraße"),
        (.text("a,b"), "\"a,b\""),
        (.text("say \"hi\""), "\"say \"\"hi\"\"\""),
        (.text("two\nlines"), "\"two\nlines\""),
        (.text("=SUM(A1)"), "'=SUM(A1)"),
        (.text("-1+1"), "'-1+1"),
        (.text("@cmd"), "'@cmd"),
        (.number(-1.5), "-1.5"),
        (.number(3), "3"),
        (.integer(-42), "-42"),
        (.absent(marker: "."), "."),
        (.absent(marker: ""), ""),
    ])
    func field(value: CSVWriter.Value, expected: String) {
        #expect(CSVWriter().line([value]) == expected)
    }

    @Test func germanStyle() {
        let writer = CSVWriter(style: .german, decimals: 1)
        #expect(writer.line([.text("a;b"), .number(12.34), .integer(1171)]) == "\"a;b\";12,3;1171")
    }

    /// Numbers round-trip through text in both styles, tiny and huge ones (exponent form) included.
    @Test(arguments: [CSVWriter.Style.international, .german])
    func numbersRoundTrip(style: CSVWriter.Style) throws {
        let numbers: [Double] = [0, -0.25, 1.0 / 3, 1171, 361234.567, 1e-05, 1.5e-300, 6.02e23, -9999, 0.1 + 0.2]
        let writer = CSVWriter(style: style)
        let text = writer.text(header: numbers.indices.map { "n\($0)" }, rows: [numbers.map { .number($0) }])
        let table = try Table.parse(bytes: Array(text.utf8), path: "n.csv")
        #expect(table.cells[0].map(\.number) == numbers.map { $0 })
        let reader = try CSVRecordReader(bytes: Array(text.utf8), path: "n.csv")
        var streamed: [Double?] = []
        try reader.forEachRecord { record in streamed = (0..<record.count).map { record.double($0) } }
        #expect(streamed == numbers.map { $0 })
    }

    @Test func roundTripThroughTheReader() throws {
        let names = ["Hamburg-Altstadt", "a,b;c", "say \"hi\"", "two\nlines", "=SUM(A1)", "ÄÖÜß", "<script>alert(1)</script> & \"Ü\""]
        let rows: [[CSVWriter.Value]] = names.enumerated().map { [.text($0.element), .number(Double($0.offset) + 0.25), .absent(marker: ".")] }
        let folder = try TestPaths.temporaryFolder()
        for style in [CSVWriter.Style.international, .german] {
            let path = folder.appendingPathComponent("t-\(style).csv").path
            try CSVWriter(style: style).write(header: ["name", "value", "secret"], rows: rows, to: path)
            let table = try Table.read(path: path)
            #expect(table.header == ["name", "value", "secret"])
            #expect(table.rowCount == names.count)
            for (row, name) in names.enumerated() {
                // Formula-like text comes back with the protecting apostrophe.
                let expected = name.hasPrefix("=") ? "'" + name : name
                #expect(table.cells[row][0] == .text(expected))
                #expect(table.cells[row][1] == .number(Double(row) + 0.25))
                #expect(table.cells[row][2] == .suppressed("."))
            }
        }
    }
}
