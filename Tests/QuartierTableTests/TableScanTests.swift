import Foundation
import QuartierBase
import QuartierTable
import QuartierTestSupport
import Testing

/// The streaming scan (bytes → `FieldNumber` → `CompiledFilter`) against the whole-table reader
/// (`String` cells → `NumberParser`) on the same real files: two independent code paths.
@Suite struct TableScanTests {
    @Test func berlinIndicatorsSumsAndCountsMatchTheTable() throws {
        let path = TestPaths.shared("berlin-mss-2021/mss2021_index_indikatoren_plr.csv").path
        let options = TableOptions(sentinels: ["*": [-9999]])
        let scan = try CSVRecordReader(path: path, options: options)
            .scan(sums: ["S1", "D1"], counts: [try NamedFilter(parsing: "high=S1 > 5 and D1 < 0"), try NamedFilter(parsing: "low=not (S1 > 5)")],
                  options: options)
        let table = try Table.read(path: path, options: options)
        let s1 = try table.columnIndex("S1"), d1 = try table.columnIndex("D1")
        let s1Values = table.cells.compactMap { $0[s1].number }
        #expect(scan.rows == 542)
        #expect(scan.sums[0].values == s1Values.count)
        #expect(scan.sums[0].missing == 6)
        #expect(abs(scan.sums[0].total - s1Values.reduce(0, +)) <= 1e-9 * abs(scan.sums[0].total))
        let high = table.cells.filter { row in
            guard let a = row[s1].number, let b = row[d1].number else { return false }
            return a > 5 && b < 0
        }.count
        let low = table.cells.filter { row in row[s1].number.map { !($0 > 5) } ?? false }.count
        #expect(scan.counts.map(\.count) == [high, low])
        // The six invalid areas are in neither count: missing is not "not high".
        #expect(high + low == 542 - 6 - table.cells.filter { $0[s1].number.map { $0 > 5 } == true && $0[d1].number.map { $0 < 0 } != true }.count)
    }

    @Test func hamburgWithDecimalCommaAndQuotedColumnName() throws {
        let path = TestPaths.shared("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv").path
        let reader = try CSVRecordReader(path: path)
        #expect(reader.decimalStyle == .comma)
        let scan = try reader.scan(sums: ["Bevölkerung"], counts: [try NamedFilter(parsing: "jung=`Anteil der unter 18-Jährigen in %` >= 20")])
        let table = try Table.read(path: path)
        let population = try table.columnIndex("Bevölkerung")
        let share = try table.columnIndex("Anteil der unter 18-Jährigen in %")
        #expect(scan.rows == 107)
        #expect(scan.sums[0].total == table.cells.compactMap { $0[population].number }.reduce(0, +))
        #expect(scan.counts[0].count == table.cells.filter { ($0[share].number ?? -1) >= 20 }.count)
    }

    @Test func textInANeededColumnNamesThePlace() throws {
        let reader = try CSVRecordReader(bytes: Array("id,age\n1,12\n2,zwölf\n".utf8), path: "p.csv")
        let error = try #require(throws: InputError.self) { try reader.scan(sums: [], counts: [try NamedFilter(parsing: "k=age < 15")]) }
        #expect(error.description == "p.csv:3:2 field \"age\": found \"zwölf\", expected a number, an empty cell or a suppression marker")
    }
}

@Suite struct StreamDecimalStyleTests {
    /// (file, decimal style the reader settles on)
    @Test(arguments: [
        ("berlin-mss-2021/mss2021_tabelle3_zwerte_plr_published_2dp.csv", DecimalStyle.point), // `;` but `-0.25`
        ("berlin-mss-2021/mss2021_index_indikatoren_plr.csv", .point),
        ("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv", .comma),
    ])
    func detectedFromTheRecords(file: String, style: DecimalStyle) throws {
        let path = TestPaths.shared(file).path
        let reader = try CSVRecordReader(path: path)
        #expect(reader.decimalStyle == style)
        // Streamed column kinds agree with the whole-table reader's per-column detection.
        let streamed = try reader.summarize()
        #expect(streamed.columns.map(\.kind) == (try Table.read(path: path)).columns.map(\.kind))
    }

    @Test func plainFastPathEqualsSwiftParsing() {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 20 }
        for _ in 0..<20_000 {
            let digits = Int(next() % 18) + 1
            var text = String((0..<digits).map { _ in Character(String(next() % 10)) })
            let point = Int(next() % UInt64(digits + 1))
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if next() % 2 == 0 { text = "-" + text }
            let parsed = Array(text.utf8).withUnsafeBufferPointer { FieldNumber.parse($0, style: .point) }
            #expect(parsed == Double(text), "\(text)")
        }
    }
}
