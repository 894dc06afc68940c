#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import QuartierBase

/// A CSV file cut into groups of whole records that threads read in parallel: the fast path of
/// `aggregate` and `run` over millions of records, with the same dialect, header, decimal style and
/// record scanner (`CSVRecordScanner`) as `CSVRecordReader`.
///
/// **Finding record starts with quoted line breaks.** The file is mapped read-only and cut into
/// byte chunks. A chunk cannot know by itself whether its first byte lies inside a quoted field, so
/// a first pass (parallel, one per chunk) counts the chunk's quote bytes and notes the first line
/// feed after an even and after an odd number of quotes from the chunk's start. The quote parity at
/// each chunk's start is then the prefix sum of the counts (RFC 4180: inside a quoted field every
/// `"` is paired, `""` counting twice), which picks the line feed that ends a record; the byte after
/// it starts the chunk's first record (a chunk with no such line feed starts none and its bytes
/// belong to the group before). Records are then scanned group by group, each from a record start
/// to the next. The counting assumes quotes only around fields; a quote inside an unquoted field
/// (`5" screen`) breaks the parity, which the scan notices — a group's last record then does not
/// end exactly where the next group starts — and `forEachRecord(inGroup:)` reports it as
/// `misaligned`: the caller reads the file again as one group (`sequential`), which is always right.
/// CR-only line ends give one group (only line feeds split).
///
/// - Complexity: O(bytes) for the first pass, then O(bytes) for the scan; memory O(chunks) plus the
///   mapping (pages the kernel may drop).
public final class CSVChunkedFile: @unchecked Sendable {
    // @unchecked: everything is immutable after `init`; the mapping is read-only.
    public let path: String
    public let dialect: CSVDialect
    /// The header's field names (as `CSVRecordReader` reads them: decoded, trimmed, unique).
    public let header: [String]
    /// The header line's bytes as written (without its line end): `--unassigned` copies it.
    public let headerBytes: [UInt8]
    public let decimalStyle: DecimalStyle
    /// The line of the first data record (2 unless the header holds quoted line breaks).
    public let firstLine: Int
    /// Byte offsets of the groups' first records; the last entry is the file size.
    public let groupStarts: [Int]
    private let base: UnsafePointer<UInt8>?
    private let size: Int

    /// Whether a group's records ran past the next group's start (see the type's documentation).
    public struct Misaligned: Error {}

    /// Maps `path`, reads its header with `CSVRecordReader` and finds the groups.
    /// - Parameters:
    ///   - chunkSize: bytes per chunk (nil: about 16 per thread, 256 KiB … 4 MiB); `Int.max` gives one group.
    ///   - threads: threads for the first pass.
    /// - Throws: `InputError` when the file cannot be read or has no header.
    public init(path: String, options: TableOptions = TableOptions(), chunkSize: Int? = nil, threads: Int = 1) throws {
        let reader = try CSVRecordReader(path: path, options: options)
        self.path = path
        dialect = reader.dialect
        header = reader.header
        decimalStyle = reader.decimalStyle
        firstLine = reader.line
        let dataStart = reader.offset
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(InputLocation(file: path), found: "no readable file (\(String(cString: strerror(errno))))", expected: "a CSV file")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw InputError(InputLocation(file: path), found: "no readable file (\(String(cString: strerror(errno))))", expected: "a CSV file")
        }
        size = Int(info.st_size)
        if size > 0 {
            let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
            guard let mapped, mapped != MAP_FAILED else {
                throw InputError(InputLocation(file: path), found: "a file that cannot be mapped (\(String(cString: strerror(errno))))",
                                 expected: "a readable CSV file")
            }
            madvise(mapped, size, MADV_SEQUENTIAL)
            base = UnsafePointer(mapped.assumingMemoryBound(to: UInt8.self))
        } else {
            base = nil
        }
        // The header's bytes: from the start (after a BOM) to its line end.
        var headerStart = dialect.hasByteOrderMark ? 3 : 0
        var headerEnd = min(dataStart, size)
        if let base {
            while headerEnd > headerStart, base[headerEnd - 1] == 10 || base[headerEnd - 1] == 13 { headerEnd -= 1 }
            headerStart = min(headerStart, headerEnd)
            headerBytes = Array(UnsafeBufferPointer(start: base + headerStart, count: headerEnd - headerStart))
        } else {
            headerBytes = []
        }
        let dataBytes = max(0, size - dataStart)
        let chunk = max(1 << 12, chunkSize ?? max(256 << 10, min(4 << 20, dataBytes / (16 * max(1, threads)))))
        groupStarts = Self.groups(base: base, from: dataStart, to: size, chunk: chunk, threads: threads)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    /// The number of record groups.
    public var groupCount: Int { groupStarts.count - 1 }

    /// The first pass: per chunk, its quote count and first line feed at even/odd parity.
    static func groups(base: UnsafePointer<UInt8>?, from start: Int, to end: Int, chunk: Int, threads: Int) -> [Int] {
        guard let base, end > start else { return [min(start, end), end] }
        if chunk >= end - start { return [start, end] }
        let chunkCount = (end - start + chunk - 1) / chunk
        let quotes = UnsafeMutablePointer<Int>.allocate(capacity: chunkCount)
        let evenFeed = UnsafeMutablePointer<Int>.allocate(capacity: chunkCount)
        let oddFeed = UnsafeMutablePointer<Int>.allocate(capacity: chunkCount)
        defer { quotes.deallocate(); evenFeed.deallocate(); oddFeed.deallocate() }
        let workers = max(1, min(threads, chunkCount))
        nonisolated(unsafe) let (q, e, o) = (quotes, evenFeed, oddFeed) // each chunk's slots written by one thread
        nonisolated(unsafe) let bytes = base // read-only mapping
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var k = w
            while k < chunkCount {
                let from = start + k * chunk, to = min(from + chunk, end)
                var count = 0
                var even = -1, odd = -1
                var p = from
                // Until both line feeds are found, track the parity byte by byte ...
                while p < to && (even < 0 || odd < 0) {
                    let byte = bytes[p]
                    if byte == 0x22 { count += 1 } else if byte == 0x0A {
                        if count & 1 == 0 { if even < 0 { even = p } } else if odd < 0 { odd = p }
                    }
                    p += 1
                }
                // ... then only count quotes (a loop the compiler vectorises).
                var rest = 0
                while p < to { rest &+= bytes[p] == 0x22 ? 1 : 0; p += 1 }
                q[k] = count + rest
                e[k] = even
                o[k] = odd
                k += workers
            }
        }
        var starts = [start]
        var parity = 0
        for k in 0 ..< chunkCount {
            if k > 0 {
                let feed = parity == 0 ? evenFeed[k] : oddFeed[k]
                if feed >= 0, feed + 1 < end, feed + 1 > starts[starts.count - 1] { starts.append(feed + 1) }
            }
            parity ^= quotes[k] & 1
        }
        starts.append(end)
        return starts
    }

    /// Calls `body` with every record of group `group`, in file order, with its line relative to
    /// the group's first record (1 = its first line) and its byte range `[start, next)` in `bytes`
    /// (including its line end); `body` returns false to stop. Empty lines are skipped; the field
    /// count is not checked (a ragged record is the caller's to reject).
    /// - Returns: the line ends the group spans (its records' lines).
    /// - Throws: `Misaligned` when the group's last record ends past the next group's start;
    ///   `InputError` from the scanner (with a line relative to the group); what `body` throws.
    public func forEachRecord(inGroup group: Int, scanner: CSVRecordScanner,
                              _ body: (CSVFields, _ start: Int, _ next: Int) throws -> Bool) throws -> Int {
        guard let base else { return 0 }
        var position = groupStarts[group]
        let end = groupStarts[group + 1]
        var lines = 0
        while position < end {
            switch try scanner.scan(base, from: position, end: size, atEnd: true, line: 1 + lines) {
            case .needMore:
                return lines
            case let .record(next, fields, recordLines):
                let line = 1 + lines
                lines += recordLines
                defer { position = next }
                if next > end { throw Misaligned() }
                if scanner.isEmptyLine(fields: fields) { continue }
                let record = scanner.fields(base, count: fields, line: line, encoding: dialect.encoding, decimalStyle: decimalStyle)
                if try !body(record, position, next) { return lines }
            }
        }
        return lines
    }

    /// The mapped bytes (valid while the file object lives); nil for an empty file.
    public var bytes: UnsafePointer<UInt8>? { base }

    /// A scanner for this file's dialect (one per thread).
    public func makeScanner() -> CSVRecordScanner { CSVRecordScanner(path: path, dialect: dialect) }
}
