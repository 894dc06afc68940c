import QuartierBase

/// One record of a CSV file: its fields as text and the line it starts on (1-based).
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]
    /// Whether each field was quoted (a quoted field is never a suppression marker or a number
    /// with a leading zero read as a number: see `CellParser`).
    public var quoted: [Bool]
}

/// Splits CSV bytes into records (RFC 4180, plus any one-byte delimiter, LF, CRLF or CR line ends,
/// a UTF-8 BOM, and a last line without a line end).
///
/// The plain reading of RFC 4180, one `String` per field: kept as the reference the streaming
/// `CSVRecordReader` (which `Table` uses) is tested against, and for callers that want all records
/// as text at once. Quoted fields may hold delimiters, line breaks and doubled quotes. A quote inside an unquoted
/// field is kept as a character. Empty lines are skipped. Fields are decoded with the dialect's
/// encoding; nothing else is changed (no trimming: that is the cell parser's business).
public enum CSVParser {
    /// - Throws: `InputError` for an unterminated quoted field (naming the line where it opened)
    ///   or text after a closing quote.
    public static func records(_ bytes: [UInt8], dialect: CSVDialect, path: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var quoted: [Bool] = []
        var field: [UInt8] = []
        var fieldQuoted = false
        var line = 1
        var recordLine = 1
        var index = dialect.hasByteOrderMark ? 3 : 0
        let count = bytes.count
        let delimiter = dialect.delimiter
        let quote = UInt8(ascii: "\"")

        func endField() {
            fields.append(dialect.encoding.decode(field[...]))
            quoted.append(fieldQuoted)
            field.removeAll(keepingCapacity: true)
            fieldQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && !quoted[0]) {
                records.append(CSVRecord(line: recordLine, fields: fields, quoted: quoted))
            }
            fields.removeAll(keepingCapacity: true)
            quoted.removeAll(keepingCapacity: true)
        }

        while index < count {
            let byte = bytes[index]
            if byte == quote && field.isEmpty && !fieldQuoted {
                // A quoted field: read to the closing quote.
                fieldQuoted = true
                let openLine = line
                index += 1
                var closed = false
                while index < count {
                    let b = bytes[index]
                    if b == quote {
                        if index + 1 < count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if b == 10 || (b == 13 && !(index + 1 < count && bytes[index + 1] == 10)) { line += 1 }
                    field.append(b)
                    index += 1
                }
                guard closed else {
                    throw InputError(InputLocation(file: path, line: openLine, column: fields.count + 1),
                                     found: "a quoted field that is never closed", expected: "a closing \"")
                }
                if index < count {
                    let next = bytes[index]
                    guard next == delimiter || next == 10 || next == 13 else {
                        throw InputError(InputLocation(file: path, line: line, column: fields.count + 1),
                                         found: "text after a closing quote",
                                         expected: "the delimiter \(dialect.delimiterName) or a line end")
                    }
                }
                continue
            }
            if byte == delimiter {
                endField()
            } else if byte == 10 || byte == 13 {
                endRecord()
                if byte == 13 && index + 1 < count && bytes[index + 1] == 10 { index += 1 }
                line += 1
                recordLine = line
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldQuoted { endRecord() }
        return records
    }
}
