/// How a CSV file is written: delimiter, encoding, byte-order mark.
public struct CSVDialect: Sendable, Hashable, CustomStringConvertible {
    public var delimiter: UInt8
    public var encoding: TextEncoding
    public var hasByteOrderMark: Bool

    public init(delimiter: UInt8, encoding: TextEncoding, hasByteOrderMark: Bool = false) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
    }

    /// The delimiters detection chooses from, in order of preference on a tie.
    public static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// `;`, `,`, `tab` or `|`.
    public var delimiterName: String { delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter)) }

    public var description: String {
        "delimiter \(delimiterName), \(encoding)\(hasByteOrderMark ? " with BOM" : "")"
    }

    /// Detects the dialect of `bytes` (the whole file or its start).
    ///
    /// - Encoding: a UTF-8 BOM means UTF-8; else UTF-8 when the bytes are valid UTF-8, otherwise
    ///   Windows-1252.
    /// - Delimiter: for each candidate, its count outside quotes on each of the first 50 non-empty
    ///   lines; the candidate that occurs on every line the same number of times (and most often)
    ///   wins; failing that, the one with the highest count on the header line; a file with none of
    ///   them has one column (`,`).
    public static func detect(_ bytes: [UInt8]) -> CSVDialect {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let encoding: TextEncoding = bom ? .utf8 : TextEncoding.detect(bytes)
        let start = bom ? 3 : 0
        var counts: [[Int]] = [] // per line, per candidate
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        var index = start
        while index < bytes.count, counts.count < 50 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                lineHasContent = true
            } else if !inQuotes && (byte == 10 || byte == 13) {
                if lineHasContent { counts.append(current) }
                current = [Int](repeating: 0, count: candidates.count)
                lineHasContent = false
            } else if !inQuotes, let k = candidates.firstIndex(of: byte) {
                current[k] += 1
                lineHasContent = true
            } else if byte != 32 {
                lineHasContent = true
            }
            index += 1
        }
        if lineHasContent && counts.count < 50 { counts.append(current) }
        guard let header = counts.first else { return CSVDialect(delimiter: UInt8(ascii: ","), encoding: encoding, hasByteOrderMark: bom) }
        var best: (candidate: Int, count: Int)?
        for k in candidates.indices where header[k] > 0 && counts.allSatisfy({ $0[k] == header[k] }) {
            if best == nil || header[k] > best!.count { best = (k, header[k]) }
        }
        if best == nil, let k = candidates.indices.max(by: { header[$0] < header[$1] }), header[k] > 0 {
            best = (k, header[k])
        }
        return CSVDialect(delimiter: best.map { candidates[$0.candidate] } ?? UInt8(ascii: ","),
                          encoding: encoding, hasByteOrderMark: bom)
    }
}
