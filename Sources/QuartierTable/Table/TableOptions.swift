/// How to read a table; every field has a detecting default.
public struct TableOptions: Sendable, Hashable {
    /// Force the delimiter (nil: detect).
    public var delimiter: UInt8?
    /// Force the encoding (nil: detect).
    public var encoding: TextEncoding?
    /// Force the decimal style of every numeric column (nil: detect per column, see `Table`).
    public var decimalStyle: DecimalStyle?
    /// Cells that mean "suppressed" (compared after trimming spaces); never read as 0.
    public var suppressionMarkers: Set<String>
    /// Sentinel values per column name (e.g. `["S1": [-9999]]`); `"*"` applies to every column.
    public var sentinels: [String: [Double]]
    /// Columns always read as text (ids such as `01100101`; columns with a leading zero are text anyway).
    public var textColumns: Set<String>

    /// The markers of German official statistics (Zeichenerklärung): `.` unknown or secret, `-`/`–`
    /// nothing there, `x` cell blocked, `*` suppressed, `/` not reliable enough, `...` later.
    public static let officialMarkers: Set<String> = [".", "-", "–", "—", "*", "x", "X", "/", "...", "…"]

    public init(delimiter: UInt8? = nil, encoding: TextEncoding? = nil, decimalStyle: DecimalStyle? = nil,
                suppressionMarkers: Set<String> = TableOptions.officialMarkers, sentinels: [String: [Double]] = [:],
                textColumns: Set<String> = []) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.decimalStyle = decimalStyle
        self.suppressionMarkers = suppressionMarkers
        self.sentinels = sentinels
        self.textColumns = textColumns
    }
}

extension TableOptions {
    /// A delimiter given by name: one ASCII character (`;`, `,`, `|`), or `tab` (also `\\t`); nil otherwise.
    public static func delimiter(named text: String) -> UInt8? {
        if text == "tab" || text == "\\t" || text == "\t" { return 9 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80, byte != 0x22, byte != 0x0A, byte != 0x0D else { return nil }
        return byte
    }
}

extension DecimalStyle {
    /// A decimal style given by its separator: `.` (or `point`) and `,` (or `comma`).
    public init?(separator text: String) {
        switch text {
        case ".", "point": self = .point
        case ",", "comma": self = .comma
        default: return nil
        }
    }
}

