/// Where in an input something was found: a file and, as far as known, a line, a column
/// (1-based), a feature (GeoJSON/GeoPackage/Shapefile index or id) and a field.
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var feature: String?
    public var field: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, feature: String? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.feature = feature
        self.field = field
    }

    /// `file.csv:12:3`, `areas.geojson feature 17`, `... field "age"`.
    public var description: String {
        var text = InputError.escaped(file)
        if let line { text += ":\(line)" }
        if let column { text += line == nil ? " column \(column)" : ":\(column)" }
        if let feature { text += " feature \(feature)" }
        if let field { text += " field \"\(InputError.excerpt(field))\"" }
        return text
    }
}

/// Bad input: says where, what was found and what was expected.
///
/// Every reader in Quartier throws this for malformed data, so a planner gets one line such as
/// `persons.csv:1042:3 field "y": found "52,5x", expected a number`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: InputLocation
    public var found: String
    public var expected: String

    public init(_ location: InputLocation, found: String, expected: String) {
        self.location = location
        self.found = found
        self.expected = expected
    }

    /// One line: the location, then `found` and `expected`, with control bytes escaped and `found`
    /// cut to `maximumFound` characters (a reader quoting a whole 100 MB line still prints one short line).
    public var description: String {
        "\(location): found \(InputError.excerpt(found, limit: InputError.maximumFound)), expected \(InputError.excerpt(expected, limit: InputError.maximumFound))"
    }

    /// The longest `found`/`expected` text a message prints, in characters.
    public static let maximumFound = 240
    /// The longest excerpt of one field's content a message quotes, in characters.
    public static let maximumExcerpt = 60

    /// The one way a message quotes input text: control bytes (C0, DEL, C1) escaped as `\u{1B}`, and
    /// text longer than `limit` characters cut with its length: `first 60 characters… (104857600 bytes)`.
    public static func excerpt(_ text: String, limit: Int = maximumExcerpt) -> String {
        let head = text.utf8.count > limit ? text.prefix(limit + 1) : Substring(text)
        let cut = head.count > limit
        let shown = escaped(String(cut ? head.prefix(limit) : head))
        return cut ? "\(shown)… (\(text.utf8.count) bytes)" : shown
    }

    /// `text` with control characters (U+0000–U+001F, U+007F–U+009F) written as `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

extension InputError {
    /// The `expected` text for a column missing from `header`: the header's names (each an excerpt,
    /// at most 20) when the first line looks like a table header — at least two fields, each
    /// printable text —, else only what was expected. So a spec that names any readable file (a
    /// key, a password file) as a table never gets that file's first line quoted back.
    public static func expectedColumn(_ name: String, header: [String]) -> String {
        let looksLikeHeader = header.count >= 2 && header.allSatisfy { field in
            field.utf8.count <= 200 && !field.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FFFD}" }
        }
        guard looksLikeHeader else {
            return "a table whose first line names the column \"\(excerpt(name))\" (line 1 is not a table header: \(header.count) field(s), not quoted)"
        }
        let shown = header.prefix(20).map { "\"\(excerpt($0))\"" }.joined(separator: ", ")
        return "one of \(shown)" + (header.count > 20 ? " … (\(header.count) columns)" : "")
    }
}
