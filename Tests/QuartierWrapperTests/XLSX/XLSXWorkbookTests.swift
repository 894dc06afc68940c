import Foundation
import QuartierTestSupport
import QuartierXLSX
import Testing

@Suite struct XLSXWorkbookTests {
    static let names = ["Stülerstraße", "<script>alert(1)</script> & \"Ü\"", "=SUM(A1)", "a;b,c"]

    static func write(_ path: String) throws {
        let book = try XLSXWorkbook(path: path)
        try book.addSheet(
            name: "Indikatoren",
            columns: [.init("PLR", .text), .init("Name", .text), .init("Quote", .number(format: "0.0")), .init("n", .number(format: "0"))],
            rows: names.enumerated().map { index, name in
                [.text(String(format: "%08d", index + 1100101)), .text(name),
                 index == 2 ? .absent(marker: ".") : .number(Double(index) + 0.25), .number(Double(index * 100))]
            })
        try book.addSheet(name: "Indikatoren", columns: [.init("x", .number(format: "0"))], rows: [[.number(1)]])
        try book.close()
    }

    @Test(.enabled(if: ReferenceTool.runs(python: ["openpyxl"]), "needs python3 with openpyxl"))
    func readsBackWithAnIndependentReader() throws {
        try ReferenceTool.require(python: ["openpyxl"])
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("t.xlsx").path
        try Self.write(path)
        #expect(FileManager.default.fileExists(atPath: path))
        // openpyxl reads it back; a reader that fails is a test failure.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ReferenceTool.python, TestPaths.packageRoot.appendingPathComponent("scripts/reference/read_xlsx.py").path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openpyxl could not read the file: \(message)")
        let sheets = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[Any?]]])
        #expect(Set(sheets.keys) == ["Indikatoren", "Indikatoren (2)"])
        let rows = try #require(sheets["Indikatoren"])
        #expect(rows.count == 1 + Self.names.count)
        #expect(rows[0].compactMap { $0 as? String } == ["PLR", "Name", "Quote", "n"])
        for (index, name) in Self.names.enumerated() {
            let row = rows[index + 1]
            #expect(row[0] as? String == String(format: "%08d", index + 1100101)) // text: leading zero kept
            #expect(row[1] as? String == name)
            if index == 2 {
                #expect(row[2] as? String == ".")
            } else {
                #expect((row[2] as? NSNumber)?.doubleValue == Double(index) + 0.25)
            }
        }
    }

    /// The sheet XML itself (via `unzip -p`; skipped where unzip is missing, a failure under CI=true): frozen header row,
    /// numbers as `<v>` values with a style, ids as shared strings.
    @Test(.enabled(if: ReferenceTool.runs(executables: ["unzip"]), "needs unzip"))
    func sheetXMLHasFrozenHeaderAndTypedCells() throws {
        try ReferenceTool.require(executables: ["unzip"])
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("t.xlsx").path
        try Self.write(path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", path, "xl/worksheets/sheet1.xml"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<c r=\"A2\" t=\"s\">"))          // the id 01100101 is a (shared) string
        #expect(xml.contains("<c r=\"C2\" s=\"") && xml.contains("<v>0.25</v>")) // a styled number
    }

    @Test func sameDataSameBytes() throws {
        let folder = try TestPaths.temporaryFolder()
        let a = folder.appendingPathComponent("a.xlsx").path, b = folder.appendingPathComponent("b.xlsx").path
        try Self.write(a)
        try Self.write(b)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test func unclosedWorkbookLeavesNoFile() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("never.xlsx").path
        do {
            let book = try XLSXWorkbook(path: path)
            try book.addSheet(name: "s", columns: [.init("a", .text)], rows: [[.text("x")]])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func refusedCellNamesThePlace() throws {
        let folder = try TestPaths.temporaryFolder()
        let book = try XLSXWorkbook(path: folder.appendingPathComponent("t.xlsx").path)
        let error = #expect(throws: XLSXError.self) {
            try book.addSheet(name: "s", columns: [.init("a", .text)], rows: [[.text(String(repeating: "x", count: 40_000))]])
        }
        #expect(error?.description.contains("row 2, column 1 of s") == true, "\(String(describing: error))")
    }
}
