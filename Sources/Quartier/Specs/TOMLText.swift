import QuartierBase
import TOMLKit

/// The one way Quartier parses TOML (monitoring and index specs, disclosure rules): TOMLKit, with its
/// parse errors as `InputError`s at their line and column.
///
/// toml++ 3 (TOMLKit 0.6.0's parser) asserts — aborting a build with assertions, undefined behaviour
/// without — on a table header whose `[` or `[[` is followed by something that starts no key (`[[`
/// alone on a line, `[ = 1`; found by Fuzz/FuzzSpec). Such a header is refused here first, with its line:
/// a line whose first non-blank character is `[` must go on (after `[[` and blanks) with a bare-key
/// character, a quote or `]`. A multi-line array value whose own line starts with `[` followed by
/// anything else (an inline table, a line break) is refused too; specs hold no such values.
enum TOMLText {
    static func parse(_ text: String, file: String) throws -> TOMLTable {
        try checkTableHeaders(text, file: file)
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw InputError(InputLocation(file: file, line: error.source.begin.line, column: error.source.begin.column),
                             found: "invalid TOML (\(error.description))", expected: "TOML syntax")
        }
    }

    static func checkTableHeaders(_ text: String, file: String) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line.utf8)
            var i = 0
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { continue }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "[") { i += 1 }
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            if i < bytes.count {
                let c = bytes[i]
                let startsKey = (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
                    || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
                    || c == UInt8(ascii: "]")
                if startsKey { continue }
            }
            let found = i < bytes.count ? "\"\(InputError.excerpt(String(decoding: bytes[i...].prefix(12), as: UTF8.self)))\"" : "the end of the line"
            throw InputError(InputLocation(file: file, line: lineNumber, column: i + 1),
                             found: "a table header [ followed by \(found)", expected: "a table name after [ or [[ (e.g. [levels.block] or [[sources]])")
        }
    }
}
