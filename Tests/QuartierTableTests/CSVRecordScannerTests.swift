import QuartierMethods // SeededGenerator (SplitMix64), the one seeded generator
import QuartierTable
import Testing

@Suite("CSVRecordScanner: the word-at-a-time path (plain and simply quoted fields) gives what the byte scanner gives")
struct CSVRecordScannerTests {
    /// Pieces a random buffer is made of: text, delimiters, quotes (opening, doubled, stray), every
    /// line end, empty fields, long fields (over eight bytes), and 70 fields in a row (the bounds grow).
    static let pieces: [String] = ["a", "12", "Straße", ";", ";", ";", ",", "\"", "\"\"", "\"x;y\"", "\"x,y\"", "\"12345\"",
                                   "\"ab\ncd\"", "\"Straße 7\";", "\n", "\r\n", "\r",
                                   "Rosenstraße 157", "384303.239", String(repeating: ";", count: 70), "\t", " "]

    /// The records of `bytes` as each scanner sees them: (next, fields, lines, bounds) or needMore/an error.
    static func records(_ bytes: [UInt8], delimiter: UInt8, words: Bool, atEnd: Bool) -> [String] {
        let scanner = CSVRecordScanner(path: "t.csv", dialect: CSVDialect(delimiter: delimiter, encoding: .utf8))
        scanner.scansWords = words
        var out: [String] = []
        var position = 0
        var line = 1
        bytes.withUnsafeBufferPointer { buffer in
            while position < bytes.count {
                do {
                    switch try scanner.scan(buffer.baseAddress!, from: position, end: bytes.count, atEnd: atEnd, line: line) {
                    case .needMore:
                        out.append("needMore")
                        return
                    case .record(let next, let count, let lines):
                        let fields = scanner.fields(buffer.baseAddress!, count: count, line: line, encoding: .utf8, decimalStyle: .point)
                        out.append("\(next) \(count) \(lines) " + (0 ..< count).map { (fields.isQuoted($0) ? "q:" : "") + fields.string($0) }.joined(separator: "|"))
                        position = next
                        line += lines
                    }
                } catch {
                    out.append("error \(error)")
                    return
                }
            }
        }
        return out
    }

    @Test("random buffers with ; , and tab, whole and cut off", arguments: [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09])
    func randomBuffers(delimiter: UInt8) {
        var generator = SeededGenerator(seed: 42)
        var plainRecords = 0
        for _ in 0 ..< 2000 {
            // Half the buffers without doubled or stray quotes (quoted fields whole), so that the fast
            // path takes whole records.
            let pool = Bool.random(using: &generator) ? Self.pieces : Self.pieces.filter { $0 != "\"" && $0 != "\"\"" }
            var text = ""
            for _ in 0 ..< Int.random(in: 1 ... 60, using: &generator) { text += pool.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            for atEnd in [true, false] {
                let fast = Self.records(bytes, delimiter: delimiter, words: true, atEnd: atEnd)
                let reference = Self.records(bytes, delimiter: delimiter, words: false, atEnd: atEnd)
                #expect(fast == reference, "\(text.debugDescription)")
            }
            if !text.contains("\"\"") && text.contains("\n") { plainRecords += 1 }
        }
        // The fast path had records to take (no quotes): the comparison is not only of fallbacks.
        #expect(plainRecords > 300)
    }
}
