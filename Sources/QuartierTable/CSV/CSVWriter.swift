import Foundation
import QuartierBase

/// Writes tables a spreadsheet or GIS opens: RFC 4180 quoting, deterministic numbers, atomic output.
///
/// - Quoting: a field is quoted when it holds the delimiter, a quote, CR or LF, or leading/trailing
///   spaces; quotes are doubled.
/// - Text from data that starts with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so that a
///   spreadsheet shows it as text instead of running it as a formula (OWASP "CSV Injection");
///   numbers are written as numbers and never prefixed.
/// - Numbers: integers without decimals; other values with `decimals` fixed digits, or the shortest
///   text that reads back to the same Double when `decimals` is nil. `.german` writes `;` and a
///   decimal comma for Excel on German systems.
public struct CSVWriter: Sendable {
    public enum Style: Sendable, Hashable {
        /// `,` and decimal point.
        case international
        /// `;` and decimal comma (Excel with German regional settings).
        case german
    }

    /// A value to write.
    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Double)
        case integer(Int64)
        /// An absent value, written as `marker` (empty by default; `.` for suppressed cells).
        case absent(marker: String)
    }

    public var style: Style
    /// Fixed decimals for non-integer numbers; nil: shortest round-trip form.
    public var decimals: Int?

    public init(style: Style = .international, decimals: Int? = nil) {
        self.style = style
        self.decimals = decimals
    }

    var delimiter: Character { style == .german ? ";" : "," }

    /// One line (without the line end).
    public func line(_ values: [Value]) -> String {
        values.map(field).joined(separator: String(delimiter))
    }

    /// The whole table: header, rows, each line ended by `\n`.
    public func text(header: [String], rows: [[Value]]) -> String {
        var out = line(header.map { .text($0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// Writes the table to `path` atomically (UTF-8; with `.german` a BOM so that Excel detects UTF-8).
    public func write(header: [String], rows: [[Value]], to path: String) throws {
        let body = text(header: header, rows: rows)
        try AtomicFile.write((style == .german ? "\u{FEFF}" : "") + body, to: path)
    }

    func field(_ value: Value) -> String {
        switch value {
        case .integer(let integer): return String(integer)
        case .number(let number): return format(number)
        case .absent(let marker): return quoteIfNeeded(marker)
        case .text(let text):
            var safe = text
            if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { safe = "'" + text }
            return quoteIfNeeded(safe)
        }
    }

    func format(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "" : (number > 0 ? "inf" : "-inf") }
        var text: String
        if number == number.rounded(), abs(number) < 1e15 {
            text = String(Int64(number))
        } else if let decimals {
            text = String(format: "%.\(decimals)f", number)
        } else {
            text = "\(number)"
        }
        if style == .german { text = text.replacingOccurrences(of: ".", with: ",") }
        return text
    }

    /// `text` as one RFC 4180 field: quoted (inner quotes doubled) when it holds the delimiter, a quote,
    /// a line break or a leading or trailing space; no formula guard (for names and data, not cells).
    public func quoteIfNeeded(_ text: String) -> String {
        let needs = text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r")
            || text.first == " " || text.last == " "
        return needs ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
