import Foundation
import QuartierAggregation
import QuartierBase
import QuartierTable
import QuartierTestSupport
import Testing

/// The aggregator's one record path for records without coordinates (`RecordPlacer`) and for files
/// of several years (`RecordSlots`): the monitoring counts every register through it.
@Suite("Aggregator: records placed by area id or address, files of several years")
struct RecordPlacerTests {
    static func write(_ bytes: [UInt8], name: String = "records.csv") throws -> String {
        let path = try TestPaths.temporaryFolder().appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let ids = ["Süd 1", "nord", "10"]

    /// Records naming their area, as registers spell ids: trimmed, quoted, with an umlaut in UTF-8 and
    /// Windows-1252; unknown ids unmatched; empty ids rejected; a record of 2019 counts in slot 0,
    /// of 2020 in slot 1, of 2018 nowhere.
    static let rows: [(line: String, slot: Int?, area: Int?, age: Int)] = [
        ("2019,Süd 1,4", 0, 0, 4),
        ("2019,\" Süd 1 \",40", 0, 0, 40),
        ("2020,nord,3", 1, 1, 3),
        ("2020, 10 ,70", 1, 2, 70),
        ("2019,\"10\",12", 0, 2, 12),
        ("2019,Nord,5", 0, nil, 5),       // ids are compared exactly: unmatched
        ("2020,,5", 1, nil, 5),           // rejected: no id
        ("2018,nord,5", nil, 1, 5),       // another year: in no slot
    ]

    func run(_ bytes: [UInt8], threads: Int, chunkSize: Int? = nil) throws -> AggregationResult {
        let path = try Self.write(bytes)
        let slots = RecordSlots(field: "jahr", count: 2, expected: "a year such as 2021") { bytes in
            guard let year = Int(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else { return nil }
            return [2019: 0, 2020: 1][year] ?? -1
        }
        let spec = AggregationSpec(columns: [.count(name: "kinder", filter: try RecordFilter("alter < 15"))], boundaryRule: .contains,
                                   threads: threads, chunkSize: chunkSize, placer: AreaIDPlacer(field: "block", ids: Self.ids), slots: slots)
        return try Aggregator.run(pointsPath: path, locator: nil, areaCount: Self.ids.count, spec: spec)
    }

    @Test("area ids as registers write them, per year, every record accounted for", arguments: [1, 2])
    func areaIDs(threads: Int) throws {
        let text = "jahr,block,alter\n" + Self.rows.map(\.line).joined(separator: "\n") + "\n"
        let result = try run(Array(text.utf8), threads: threads)
        #expect(result.summaries.count == 2)
        #expect(result.otherSlots == Self.rows.filter { $0.slot == nil }.count)
        for slot in 0 ..< 2 {
            let mine = Self.rows.filter { $0.slot == slot }
            let summary = result.summaries[slot]
            #expect(summary.records == mine.count)
            #expect(summary.assigned == mine.filter { $0.area != nil }.count)
            #expect(summary.unmatched == (slot == 0 ? 1 : 0))
            #expect(summary.unmatchedReasons == (slot == 0 ? ["unknown area id": 1] : [:]))
            #expect(summary.rejected == (slot == 1 ? 1 : 0))
            #expect(summary.records == summary.assigned + summary.unassigned + summary.onBoundary + summary.unmatched + summary.rejected)
            for area in Self.ids.indices {
                let here = mine.filter { $0.area == area }
                #expect(result.value(slot: slot, area: area, column: 0) == Int64(here.count), "slot \(slot) area \(area) n")
                #expect(result.value(slot: slot, area: area, column: 1) == Int64(here.filter { $0.age < 15 }.count),
                        "slot \(slot) area \(area) kinder")
            }
        }
    }

    @Test("the same counts from a Windows-1252 file with ; and CRLF, over many small chunks")
    func windows1252() throws {
        let plain = "jahr,block,alter\n" + Self.rows.map(\.line).joined(separator: "\n") + "\n"
        let german = "jahr;block;alter\r\n" + Self.rows.map { $0.line.replacingOccurrences(of: ",", with: ";") }.joined(separator: "\r\n") + "\r\n"
        let cp1252 = german.unicodeScalars.map { UInt8($0.value) } // ü = 0xFC in Windows-1252
        #expect(cp1252.contains(0xFC))
        let a = try run(Array(plain.utf8), threads: 1)
        let b = try run(cp1252, threads: 2, chunkSize: 4096)
        #expect(a.values.count == b.values.count)
        #expect(a.values == b.values)
        #expect(a.summaries == b.summaries)
        #expect(a.value(slot: 0, area: 0, column: 0) == 2) // the umlaut id was found in both
    }

    @Test("a year field that names no year is one error naming the file, line and field")
    func badYear() throws {
        let text = "jahr,block,alter\n2019,nord,4\nzwanzig,nord,5\n"
        #expect {
            _ = try run(Array(text.utf8), threads: 1)
        } throws: { error in
            let message = "\(error)"
            return message.contains("records.csv:3 ") && message.contains("jahr")
                && message.contains("zwanzig") && message.contains("a year such as 2021")
        }
    }
}
