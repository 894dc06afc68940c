/// The one escaping function for text from data in HTML and SVG (text nodes and quoted attributes).
///
/// Escapes `&`, `<`, `>`, `"` and `'` as the HTML Living Standard's "escaping a string" does for
/// attribute mode plus `<`/`>`/`'`, so one function is safe in element content and in `"`- or
/// `'`-quoted attributes of HTML and SVG (XML). Every name, label and id from data goes through it.
public enum Markup {
    /// The text with `& < > " '` replaced by character references.
    ///
    ///     Markup.escape(#"<b> & "Ü""#) == "&lt;b&gt; &amp; &quot;Ü&quot;"
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0: drop them.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
