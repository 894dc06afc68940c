/// The one way a name (table, column, index) enters SQL text: as a quoted SQLite identifier with
/// every inner `"` doubled, so that no name — from a spec, a data file's header or a GeoPackage's
/// `gpkg_contents` — can end the identifier and run SQL of its own. Values never enter SQL text;
/// they are bound as statement arguments.
///
/// Source: SQLite, "SQL As Understood By SQLite — SQLite Keywords": "A keyword in double-quotes is an
/// identifier"; a double quote inside a quoted identifier is written twice. (GRDB's
/// `quotedDatabaseIdentifier` only wraps the name in quotes, so a name holding `"` breaks out.)
///
/// ```swift
/// SQLIdentifier.quoted(#"k" DOUBLE); DROP TABLE gpkg_contents; --"#)
/// // "k"" DOUBLE); DROP TABLE gpkg_contents; --"
/// ```
public enum SQLIdentifier {
    /// `name` as a quoted SQLite identifier. A NUL byte (which would end the C string) is replaced
    /// by U+FFFD, so the closing quote is always read.
    public static func quoted(_ name: String) -> String {
        var text = "\""
        for character in name.unicodeScalars {
            switch character {
            case "\"": text += "\"\""
            case "\u{0}": text += "\u{FFFD}"
            default: text.unicodeScalars.append(character)
            }
        }
        return text + "\""
    }
}
