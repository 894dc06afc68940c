import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

@Suite("CSVChunkedFile: parallel groups of whole records")
struct CSVChunkedFileTests {
    /// 3,000 records, every seventh with a quoted note holding line breaks (and a `;`, `""`), so many
    /// chunk borders fall inside quotes; the dialect of a German export.
    static func file(crlf: Bool) -> String {
        let end = crlf ? "\r\n" : "\n"
        var text = "id;x;y;note" + end
        for i in 0 ..< 3000 {
            let note = i % 7 == 0 ? "\"a\(end)person; \"\"\(i)\"\"\(end)not a record\"" : "plain"
            text += "\(i);\(i % 90),5;\(i % 80),25;\(note)" + end
        }
        return text
    }

    @Test("every group starts at a record: no group is misaligned, every record is read once",
          arguments: [(4096, false), (4096, true), (5000, true), (1 << 20, false)])
    func groupsStartAtRecords(_ c: (chunk: Int, crlf: Bool)) throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("notes.csv")
        try Data(Self.file(crlf: c.crlf).utf8).write(to: url)
        let file = try CSVChunkedFile(path: url.path, chunkSize: c.chunk, threads: 2)
        #expect(file.header == ["id", "x", "y", "note"])
        if c.chunk == 4096 { #expect(file.groupCount > 10) }
        var ids: [Int] = []
        var lines = file.firstLine - 1
        let scanner = file.makeScanner()
        for group in 0 ..< file.groupCount {
            // A wrong quote parity at a border makes the group before it run past its end: Misaligned.
            lines += try file.forEachRecord(inGroup: group, scanner: scanner) { record, _, _ in
                ids.append(Int(record.string(0))!)
                #expect(record.double(1) != nil) // decimal comma read
                return true
            }
        }
        #expect(ids == Array(0 ..< 3000))
        #expect(lines == 1 + 3000 + 2 * (3000 + 6) / 7) // the header, the records, two breaks per note
    }
}
