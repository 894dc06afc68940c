import Foundation

/// Maps each key path of a TOML text to the line that defines it.
///
/// A light scan, not a parser (TOMLKit has already validated the syntax): table headers `[a.b]`,
/// arrays of tables `[[a]]` (numbered in order of appearance) and `key = value` lines, including
/// dotted and quoted keys. Values spanning several lines (arrays, multi-line strings) are skipped.
struct SpecLineIndex: Sendable {
    private var lineOfPath: [String: Int] = [:]

    init(text: String) {
        var table = SpecPath.root
        var arrayCounts: [String: Int] = [:]
        var inMultilineString = false
        var openBrackets = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if inMultilineString {
                if line.contains("\"\"\"") || line.contains("'''") { inMultilineString = false }
                continue
            }
            if openBrackets > 0 {
                openBrackets += line.filter { $0 == "[" }.count - line.filter { $0 == "]" }.count
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let keys = Self.keys(String(line.dropFirst(2).prefix { $0 != "]" }))
                let base = SpecPath(keys.map { .key($0) })
                let index = arrayCounts[base.description, default: 0]
                arrayCounts[base.description] = index + 1
                table = base.appending(index: index)
                record(table, lineNumber)
                record(base, lineNumber)
            } else if line.hasPrefix("[") {
                let keys = Self.keys(String(line.dropFirst().prefix { $0 != "]" }))
                table = SpecPath(keys.map { .key($0) })
                record(table, lineNumber)
            } else if let equals = Self.unquotedEquals(in: line) {
                var path = table
                for key in Self.keys(String(line[..<equals])) { path = path.appending(key) }
                record(path, lineNumber)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if (value.hasPrefix("\"\"\"") && !value.dropFirst(3).contains("\"\"\""))
                    || (value.hasPrefix("'''") && !value.dropFirst(3).contains("'''")) {
                    inMultilineString = true
                } else if value.hasPrefix("[") {
                    openBrackets = value.filter { $0 == "[" }.count - value.filter { $0 == "]" }.count
                }
            }
        }
    }

    /// Keeps the first line a path appears on.
    private mutating func record(_ path: SpecPath, _ line: Int) {
        let key = path.description
        if lineOfPath[key] == nil { lineOfPath[key] = line }
    }

    /// The line of `path`, or of its nearest enclosing table or key that has one.
    func line(of path: SpecPath) -> Int? {
        var components = path.components
        while !components.isEmpty {
            if let line = lineOfPath[SpecPath(components).description] { return line }
            components.removeLast()
        }
        return nil
    }

    /// Splits a dotted key (`a."b.c".d`) into its parts, unquoting quoted parts.
    static func keys(_ text: String) -> [String] {
        var keys: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                keys.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        keys.append(current.trimmingCharacters(in: .whitespaces))
        return keys.filter { !$0.isEmpty }
    }

    /// The index of the first `=` outside quotes, if any.
    static func unquotedEquals(in line: String) -> String.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if character == "#" {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }
}
