extension InputError {
    /// A field's text as an error message may quote it: control characters escaped (`\n`, `\t`,
    /// `\u{1B}`), and when longer than `limit` characters its first `limit` followed by
    /// `… (N characters)`, so a message stays one short line whatever the input holds (a file without
    /// a line break, escape sequences aimed at the terminal).
    ///
    ///     InputError.excerpt("ab\u{1B}[2J")   // "ab\u{1B}[2J"
    public static func excerpt(_ text: String, limit: Int = 40) -> String {
        var out = ""
        var count = 0
        for character in text.unicodeScalars {
            if count == limit {
                return out + "… (\(text.unicodeScalars.count) characters)"
            }
            switch character {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || (0x7F...0x9F).contains(c.value):
                out += "\\u{\(String(c.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(character)
            }
            count += 1
        }
        return out
    }

    /// A list of names for a message: each excerpted, at most `limit` of them, quoted and
    /// comma-separated (`"id", "x", "y"`, `… and 12 more`).
    public static func excerpt(list names: [String], limit: Int = 30) -> String {
        var text = names.prefix(limit).map { "\"\(excerpt($0))\"" }.joined(separator: ", ")
        if names.count > limit { text += " … and \(names.count - limit) more" }
        return text
    }
}
