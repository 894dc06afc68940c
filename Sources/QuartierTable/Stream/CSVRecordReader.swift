#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import QuartierBase

/// Streams a big CSV file record by record as byte ranges: the fast path for files of millions of
/// rows (`id,x,y,hh_id,age,sgb2`), with no `String` and no allocation per record or field.
///
/// The file is read in chunks (1 MiB by default) into one buffer; each record's fields are byte
/// ranges into it, valid only during the call that receives them. Same dialect rules as `Table`
/// (RFC 4180 quoting, any one-byte delimiter, LF/CRLF/CR, UTF-8 BOM, empty lines skipped), dialect
/// detected from the first chunk unless forced. A row whose field count differs from the header's
/// is an `InputError` naming its line and both counts.
///
/// ```swift
/// let reader = try CSVRecordReader(path: "persons.csv")
/// let x = try reader.columnIndex("x"), age = try reader.columnIndex("age")
/// try reader.forEachRecord { record in
///     guard let easting = record.double(x) else { throw reader.error(record, column: x, expected: "a number") }
///     ...
/// }
/// ```
public final class CSVRecordReader {
    /// The file, as given (for messages).
    public let path: String
    public private(set) var dialect = CSVDialect(delimiter: UInt8(ascii: ","), encoding: .utf8)
    /// The header's field names (decoded, trimmed).
    public private(set) var header: [String] = []
    /// The decimal style `CSVFields.double(_:)` uses: forced by `options.decimalStyle`, else the
    /// majority evidence of the first chunk's records (up to 1,000; `1,5` → comma, `1.5` or `0.25`
    /// → point, `1.171` decides nothing), else `.comma` for `;`-separated files and `.point` otherwise.
    /// One style for the whole file: columns with mixed styles need `Table`.
    public private(set) var decimalStyle = DecimalStyle.point

    private var descriptor: Int32 = -1
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Valid bytes are buffer[start..<filled].
    private var start = 0
    private var filled = 0
    private var atEndOfInput = false
    /// The record scanner (field bounds of the current record).
    private var scanner: CSVRecordScanner
    /// The line the next record starts on (1-based).
    public private(set) var line = 1
    /// Bytes of the file before `buffer[0]` (so `offset` is where the next record starts).
    private var consumed = 0
    /// The file offset of the next record (after `init`: of the first data record).
    public var offset: Int { consumed + start }

    /// Opens `path` and reads its header.
    /// - Parameters:
    ///   - options: forced delimiter, encoding, decimal style (the rest of `TableOptions` is for `Table`).
    ///   - chunkSize: bytes read per `read(2)`.
    /// - Throws: `InputError` when the file cannot be opened or has no header.
    public convenience init(path: String, options: TableOptions = TableOptions(), chunkSize: Int = 1 << 20) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(InputLocation(file: path), found: "no readable file (\(String(cString: strerror(errno))))", expected: "a CSV file")
        }
        try self.init(path: path, descriptor: descriptor, bytes: nil, options: options, chunkSize: chunkSize)
    }

    /// Streams CSV bytes held in memory (`path` names them in messages).
    public convenience init(bytes: [UInt8], path: String, options: TableOptions = TableOptions()) throws {
        try self.init(path: path, descriptor: -1, bytes: bytes, options: options, chunkSize: max(bytes.count, 1))
    }

    private init(path: String, descriptor: Int32, bytes: [UInt8]?, options: TableOptions, chunkSize: Int) throws {
        self.path = path
        self.descriptor = descriptor
        capacity = max(chunkSize, 64)
        buffer = .allocate(capacity: capacity)
        scanner = CSVRecordScanner(path: path, dialect: CSVDialect(delimiter: UInt8(ascii: ","), encoding: .utf8))
        if let bytes {
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
            }
            filled = bytes.count
            atEndOfInput = true
        } else {
            try fill()
        }
        // Detect on the first chunk, cut after its last line end (no half UTF-8 character).
        var sampleEnd = filled
        if !atEndOfInput {
            while sampleEnd > 0, buffer[sampleEnd - 1] != 10 { sampleEnd -= 1 }
            if sampleEnd == 0 { sampleEnd = filled }
        }
        var detected = CSVDialect.detect(Array(UnsafeBufferPointer(start: buffer, count: sampleEnd)))
        if let delimiter = options.delimiter { detected.delimiter = delimiter }
        if let encoding = options.encoding { detected.encoding = encoding }
        dialect = detected
        scanner = CSVRecordScanner(path: path, dialect: detected)
        decimalStyle = options.decimalStyle ?? (detected.delimiter == UInt8(ascii: ";") ? .comma : .point)
        if detected.hasByteOrderMark { start = 3 }

        var names: [String]?
        try forEachRecordUntil { record in
            names = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
            return false
        }
        guard let names else {
            throw InputError(InputLocation(file: path), found: "an empty file", expected: "a header line")
        }
        var firstColumn: [String: Int] = [:]
        for (column, name) in names.enumerated() {
            if let first = firstColumn[name] {
                throw InputError(InputLocation(file: path, line: 1, column: column + 1, field: InputError.excerpt(name)),
                                 found: "the name of column \(first + 1) again (columns \(first + 1) and \(column + 1))",
                                 expected: "a unique name per column")
            }
            firstColumn[name] = column
        }
        header = names
        if options.decimalStyle == nil, let sampled = try sampleDecimalStyle() { decimalStyle = sampled }
    }

    /// The decimal style the records already in the buffer speak for (`NumberParser.evidence`:
    /// `1,5` → comma, `1.5`/`0.25` → point, `1.171` nothing), by majority; nil on a tie.
    /// Reads nothing more and consumes no record.
    private func sampleDecimalStyle() throws -> DecimalStyle? {
        var position = start
        var comma = 0, point = 0
        var records = 0
        while records < 1000, case let .record(next, fields, _) = try scanner.scan(buffer, from: position, end: filled, atEnd: atEndOfInput, line: line) {
            let record = scanner.fields(buffer, count: fields, line: line, encoding: dialect.encoding, decimalStyle: decimalStyle)
            for field in 0..<fields where record.bytes(field).count < 40 {
                switch NumberParser.evidence(record.string(field)) {
                case .comma: comma += 1
                case .point: point += 1
                case nil: break
                }
            }
            position = next
            records += 1
        }
        return comma == point ? nil : (comma > point ? .comma : .point)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
    }

    /// The index of the column `name`.
    /// - Throws: `InputError` listing the columns that exist.
    public func columnIndex(_ name: String) throws -> Int {
        if let index = header.firstIndex(of: name) { return index }
        throw InputError(InputLocation(file: path, line: 1, field: InputError.excerpt(name)), found: "no column \"\(InputError.excerpt(name))\"",
                         expected: "one of \(InputError.excerpt(list: header))")
    }

    /// An `InputError` for a field of `record`, quoting what it holds.
    public func error(_ record: CSVFields, column: Int, expected: String) -> InputError {
        InputError(InputLocation(file: path, line: record.line, column: column + 1, field: header[column]),
                   found: "\"\(InputError.excerpt(record.string(column)))\"", expected: expected)
    }

    /// Calls `body` with every data record in file order.
    /// - Throws: what `body` throws, or `InputError` for a ragged row, an unterminated quote, text after
    ///   a closing quote, or a read error.
    public func forEachRecord(_ body: (CSVFields) throws -> Void) throws {
        let expected = header.count
        try forEachRecordUntil { record in
            guard record.count == expected else {
                throw InputError(InputLocation(file: path, line: record.line),
                                 found: "\(record.count) fields", expected: "\(expected) fields as in the header (line 1)")
            }
            try body(record)
            return true
        }
    }

    // MARK: - Implementation

    /// Reads more bytes after `filled`, first moving the unread rest to the front (growing the buffer
    /// when one record fills it).
    private func fill() throws {
        if start > 0 {
            let rest = filled - start
            if rest > 0 { buffer.update(from: buffer + start, count: rest) }
            consumed += start
            filled = rest
            start = 0
        }
        if filled == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        while filled < capacity {
            let count = read(descriptor, buffer + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(InputLocation(file: path, line: line), found: "a read error (\(String(cString: strerror(errno))))", expected: "a readable file")
            }
            if count == 0 { atEndOfInput = true; break }
            filled += count
        }
    }

    /// Records until `body` returns false.
    private func forEachRecordUntil(_ body: (CSVFields) throws -> Bool) throws {
        while true {
            switch try scanner.scan(buffer, from: start, end: filled, atEnd: atEndOfInput, line: line) {
            case .needMore:
                if atEndOfInput { return }
                try fill()
            case let .record(next, fields, lines):
                let recordLine = line
                line += lines
                start = next
                // An empty line is no record.
                if scanner.isEmptyLine(fields: fields) {
                    continue
                }
                let record = scanner.fields(buffer, count: fields, line: recordLine, encoding: dialect.encoding,
                                            decimalStyle: decimalStyle)
                if try !body(record) { return }
            }
        }
    }
}

@available(*, unavailable, message: "a reader owns a file descriptor and a buffer; use one per thread")
extension CSVRecordReader: Sendable {}

/// The fields of one record as byte ranges into the reader's buffer; valid only inside the
/// `forEachRecord` call that receives it (do not store it).
public struct CSVFields {
    @usableFromInline let buffer: UnsafeMutablePointer<UInt8>
    @usableFromInline let starts: UnsafeMutablePointer<Int>
    @usableFromInline let ends: UnsafeMutablePointer<Int>
    @usableFromInline let escaped: UnsafeMutablePointer<UInt8>
    static let quotedFlag: UInt8 = 1
    static let escapedFlag: UInt8 = 2
    /// Number of fields.
    public let count: Int
    /// The line the record starts on (1-based; the header is line 1).
    public let line: Int
    public let encoding: TextEncoding
    /// The decimal style `double(_:)` uses.
    public private(set) var decimalStyle = DecimalStyle.point

    /// The raw bytes of field `index` (quotes removed; a doubled quote `""` stays doubled: see `string`).
    @inlinable
    public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[index], count: ends[index] - starts[index])
    }

    /// The number in field `index`; nil when it is empty or not a number (see `FieldNumber`).
    @inlinable
    public func double(_ index: Int) -> Double? {
        FieldNumber.parse(buffer + starts[index], ends[index] - starts[index], style: decimalStyle)
    }

    /// Whether field `index` is empty or spaces only.
    @inlinable
    public func isBlank(_ index: Int) -> Bool {
        var position = starts[index]
        let end = ends[index]
        while position < end {
            let byte = buffer[position]
            if byte != 0x20 && byte != 0x09 { return false }
            position += 1
        }
        return true
    }

    /// Whether field `index`, trimmed, equals one of `markers` (e.g. `TableOptions.officialMarkers`).
    public func isMarker(_ index: Int, in markers: Set<String>) -> Bool {
        let length = ends[index] - starts[index]
        guard length <= 8 else { return false }
        return markers.contains(string(index).trimmingCharacters(in: .whitespaces))
    }

    /// Field `index` decoded as text (a doubled quote read as one).
    public func string(_ index: Int) -> String {
        let text = encoding.decode(ArraySlice(bytes(index)))
        return escaped[index] & Self.escapedFlag != 0 ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Whether field `index` was quoted (a quoted field is never a suppression marker for `Table`).
    @inlinable
    public func isQuoted(_ index: Int) -> Bool { escaped[index] & 1 != 0 }
}
