import Foundation
import QuartierBase

/// A small RFC 4180 reader and writer for the disclosure TABLE files.
///
/// Written before QuartierTable's reader existed; the table files are small (≤ 10⁵ rows), so a plain
/// reader suffices. Moving `records` onto QuartierTable (German numbers, encodings) is open work.
enum DisclosureCSV {
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// The header and the records of a comma-separated UTF-8 file (BOM, CRLF and quoted fields accepted).
    static func read(_ path: String) throws -> (header: [String], records: [Record]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no readable file", expected: "a CSV table")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [Record] = []
        var field = "", fields: [String] = []
        var inQuotes = false, line = 1, recordLine = 1, quoteClosed = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []; field = ""
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; quoteClosed = true; pending = next }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !quoteClosed else {
                    throw InputError(InputLocation(file: path, line: line), found: "a quote inside a field", expected: "quotes around whole fields")
                }
                inQuotes = true
            case ",": fields.append(field); field = ""; quoteClosed = false
            case "\r": break
            case "\n":
                endRecord(); quoteClosed = false
                line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw InputError(InputLocation(file: path, line: recordLine), found: "an unclosed quote", expected: "a closing quote") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            throw InputError(InputLocation(file: path, line: 1), found: "an empty file", expected: "a header row")
        }
        return (first.fields, Array(records.dropFirst()))
    }

    /// One CSV field: quoted when it holds a comma, quote, CR or LF, or starts with a formula character
    /// (`= + - @`, neutralised with a leading apostrophe so spreadsheets do not run data from area names).
    static func escape(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
