import QuartierBase

/// Finds one CSV record's field bounds in a byte buffer: the one record scanner behind
/// `CSVRecordReader` (sequential) and `CSVChunkedFile` (parallel chunks).
///
/// RFC 4180 (Shafranovich 2005) as municipal exports write it: any one-byte delimiter, fields
/// optionally quoted with `"` (a doubled `""` inside stands for one quote; line breaks inside quotes
/// belong to the field), LF, CRLF or CR line ends. A quote inside an unquoted field is a literal
/// character. One scanner per thread: it owns its bound buffers (`@available(*, unavailable)` Sendable).
public final class CSVRecordScanner {
    /// Where the scanned record ends, or that the buffer ended first.
    public enum Result {
        /// `next`: offset of the byte after the record's line end; `fields`: field count; `lines`:
        /// line ends consumed (the record's own and those inside quotes).
        case record(next: Int, fields: Int, lines: Int)
        /// The buffer ends inside the record and more input may come.
        case needMore
    }

    let path: String
    let delimiter: UInt8
    let delimiterName: String
    /// Field bounds of the last scanned record: starts[i]..<ends[i]; `escaped[i]`: 1 quoted, 2 holds `""`.
    var starts: UnsafeMutablePointer<Int>
    var ends: UnsafeMutablePointer<Int>
    var escaped: UnsafeMutablePointer<UInt8>
    private var capacity = 64

    /// A scanner for `dialect` (`path` names the file in messages).
    public init(path: String, dialect: CSVDialect) {
        self.path = path
        delimiter = dialect.delimiter
        delimiterName = dialect.delimiterName
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        escaped = .allocate(capacity: capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEscaped = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStarts.update(from: starts, count: capacity)
        newEnds.update(from: ends, count: capacity)
        newEscaped.update(from: escaped, count: capacity)
        starts.deallocate(); ends.deallocate(); escaped.deallocate()
        starts = newStarts; ends = newEnds; escaped = newEscaped
        capacity = newCapacity
    }

    /// The fields of the record last scanned in `buffer` (valid until the next scan).
    @inline(__always)
    public func fields(_ buffer: UnsafePointer<UInt8>, count: Int, line: Int, encoding: TextEncoding,
                       decimalStyle: DecimalStyle) -> CSVFields {
        CSVFields(buffer: UnsafeMutablePointer(mutating: buffer), starts: starts, ends: ends, escaped: escaped, count: count,
                  line: line, encoding: encoding, decimalStyle: decimalStyle)
    }

    /// Whether the record last scanned is an empty line (one empty unquoted field): no record.
    @inline(__always)
    public func isEmptyLine(fields: Int) -> Bool { fields == 1 && starts[0] == ends[0] && escaped[0] == 0 }

    /// Whether `scan` first tries `scanPlainRecord` (eight bytes at a time); false scans byte by
    /// byte only (the reference the tests compare with). Both give the same results.
    public var scansWords = true

    /// The fast path of `scan` for a record whose line end lies at least eight bytes before `end`
    /// and whose quoted fields (if any) hold no doubled quote and no line break: the delimiters,
    /// quotes and line ends are found eight bytes at a time (SWAR: each byte compared with the
    /// delimiter, LF, CR and `"` by exact zero-byte tests on a 64-bit word, after Mycroft's test in
    /// Anderson's "Bit Twiddling Hacks", made exact per byte). Nil for anything else (a doubled
    /// quote, a quote inside an unquoted field, a line break inside quotes, text after a closing
    /// quote, a record near the end of the buffer): then the byte scanner reads the record from its start.
    @inline(__always)
    func scanPlainRecord(_ buffer: UnsafePointer<UInt8>, from position: Int, end: Int) -> Result? {
        #if _endian(little)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let delimiters = UInt64(delimiter) &* ones, lineFeeds = 0x0A &* ones, returns = 0x0D &* ones, quotes = 0x22 &* ones
        /// The high bit of each byte of `x` that is zero (exact: no borrow between bytes).
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        let raw = UnsafeRawPointer(buffer)
        /// The first byte at or after `from` that is a quote or a line end (nil: none within reach).
        @inline(__always) func closingQuote(_ from: Int) -> Int? {
            var index = from
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let hits = zeroBytes(word ^ quotes) | zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ returns)
                if hits != 0 { return index + hits.trailingZeroBitCount >> 3 }
                index += 8
            }
            return nil
        }
        var field = 0
        starts[0] = position
        escaped[0] = 0
        /// The closing quote of the current field when it was found in the same word as its opening.
        var quotedEnd = -1
        var index = position
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            var hits = zeroBytes(word ^ delimiters) | zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ returns) | zeroBytes(word ^ quotes)
            var next = index + 8
            while hits != 0 {
                let at = index + hits.trailingZeroBitCount >> 3
                hits &= hits &- 1
                let byte = buffer[at]
                var lineEnd = at
                if byte == delimiter {
                    ends[field] = quotedEnd >= 0 ? quotedEnd : at
                    quotedEnd = -1
                    field += 1
                    if field == capacity { grow() }
                    starts[field] = at + 1
                    escaped[field] = 0
                    continue
                } else if byte == 0x22 {
                    // A quote opens a field only at its start; a doubled quote, a line break
                    // inside or text after the closing quote is the byte scanner's.
                    guard at == starts[field] else { return nil }
                    if hits != 0 {
                        // The closing quote and the byte after it in this word (`"12";`): the
                        // delimiter or line end after it is the next hit, and ends the field there.
                        let close = index + hits.trailingZeroBitCount >> 3
                        if buffer[close] == 0x22 && close + 1 < index + 8 {
                            let after = buffer[close + 1]
                            guard after == delimiter || after == 0x0A || after == 0x0D else { return nil }
                            hits &= hits &- 1
                            starts[field] = at + 1
                            escaped[field] = CSVFields.quotedFlag
                            quotedEnd = close
                            continue
                        }
                    }
                    guard let close = closingQuote(at + 1), buffer[close] == 0x22, close + 1 < end else { return nil }
                    let after = buffer[close + 1]
                    starts[field] = at + 1
                    ends[field] = close
                    escaped[field] = CSVFields.quotedFlag
                    if after == delimiter {
                        field += 1
                        if field == capacity { grow() }
                        starts[field] = close + 2
                        escaped[field] = 0
                        next = close + 2
                        break // rescan from after the delimiter
                    }
                    guard after == 0x0A || after == 0x0D else { return nil }
                    lineEnd = close + 1
                } else {
                    ends[field] = quotedEnd >= 0 ? quotedEnd : at
                }
                // The line end at `lineEnd`: LF, CRLF or CR.
                if buffer[lineEnd] == 0x0A { return .record(next: lineEnd + 1, fields: field + 1, lines: 1) }
                guard lineEnd + 1 < end else { return nil }
                return .record(next: buffer[lineEnd + 1] == 0x0A ? lineEnd + 2 : lineEnd + 1, fields: field + 1, lines: 1)
            }
            index = next
        }
        #endif
        return nil
    }

    /// Scans the record starting at `position` in `buffer[..<end]`.
    /// - Parameters:
    ///   - atEnd: whether `end` is the end of the input (else `.needMore` when the record runs past it).
    ///   - line: the line the record starts on, for messages.
    /// - Throws: `InputError` for a quoted field that is never closed or text after a closing quote.
    /// - Complexity: O(record length).
    public func scan(_ buffer: UnsafePointer<UInt8>, from position: Int, end: Int, atEnd: Bool, line: Int) throws -> Result {
        if scansWords, let record = scanPlainRecord(buffer, from: position, end: end) { return record }
        let quote: UInt8 = 0x22
        let delimiter = self.delimiter
        var index = position
        var field = 0
        var lines = 0
        if index >= end { return .needMore }
        while true {
            if field == capacity { grow() }
            escaped[field] = 0
            if index < end && buffer[index] == quote {
                // Quoted field: content up to the closing quote; "" stands for one quote.
                escaped[field] = CSVFields.quotedFlag
                let openLine = line + lines
                index += 1
                starts[field] = index
                var closed = false
                while index < end {
                    let byte = buffer[index]
                    if byte == quote {
                        if index + 1 < end {
                            if buffer[index + 1] == quote { escaped[field] |= CSVFields.escapedFlag; index += 2; continue }
                            closed = true
                            break
                        }
                        if atEnd { closed = true }
                        break
                    }
                    if byte == 10 || (byte == 13 && !(index + 1 < end && buffer[index + 1] == 10)) {
                        if byte == 13 && index + 1 == end && !atEnd { return .needMore }
                        lines += 1
                    }
                    index += 1
                }
                guard closed else {
                    if !atEnd { return .needMore }
                    throw InputError(InputLocation(file: path, line: openLine, column: field + 1),
                                     found: "a quoted field that is never closed", expected: "a closing \"")
                }
                ends[field] = index
                index += 1 // past the closing quote
                if index < end {
                    let next = buffer[index]
                    if next != delimiter && next != 10 && next != 13 {
                        throw InputError(InputLocation(file: path, line: line + lines, column: field + 1),
                                         found: "text after a closing quote",
                                         expected: "the delimiter \(delimiterName) or a line end")
                    }
                } else if !atEnd {
                    return .needMore
                }
            } else {
                starts[field] = index
                // Unquoted: up to the delimiter or a line end (the hot loop).
                while index < end {
                    let byte = buffer[index]
                    if byte == delimiter || byte == 10 || byte == 13 { break }
                    index += 1
                }
                ends[field] = index
            }
            field += 1
            if index >= end {
                if !atEnd { return .needMore }
                return .record(next: index, fields: field, lines: lines + 1)
            }
            let byte = buffer[index]
            if byte == delimiter {
                index += 1
                continue
            }
            // Line end: CRLF, LF or CR.
            if byte == 13 {
                if index + 1 >= end && !atEnd { return .needMore }
                index += (index + 1 < end && buffer[index + 1] == 10) ? 2 : 1
            } else {
                index += 1
            }
            return .record(next: index, fields: field, lines: lines + 1)
        }
    }
}

@available(*, unavailable, message: "a scanner owns its field-bound buffers; use one per thread")
extension CSVRecordScanner: Sendable {}
