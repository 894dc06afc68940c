import QuartierBase
import QuartierTable

/// The columns of a house-coordinate table (names as in its header line).
///
/// The AdV's Hauskoordinaten name them e.g. `str`/`strasse`, `hnr`, `adz` or `zusatz`, `ostwert`/`x`,
/// `nordwert`/`y`, `gmdschl` (municipality key, AGS) and `strschl` (street key).
public struct HouseCoordinateColumns: Sendable, Hashable {
    public var street: String
    public var number: String
    public var suffix: String?
    /// Easting.
    public var x: String
    /// Northing.
    public var y: String
    /// The municipality key; the index then tells the same street name in two municipalities apart.
    public var municipality: String?
    /// The street key (Straßenschlüssel).
    public var streetKey: String?

    public init(street: String, number: String, suffix: String? = nil, x: String, y: String,
                municipality: String? = nil, streetKey: String? = nil) {
        self.street = street
        self.number = number
        self.suffix = suffix
        self.x = x
        self.y = y
        self.municipality = municipality
        self.streetKey = streetKey
    }
}

extension AddressIndex {
    /// Reads a house-coordinate table (CSV: `,` `;` or tab, UTF-8 or Windows-1252, German numbers)
    /// through QuartierTable's streaming reader and indexes it.
    /// - Throws: `InputError` naming file, line and field for a missing column, an empty street, a
    ///   house number that is none (`o. Nr.`), or an easting or northing that is not a number.
    /// - Complexity: O(bytes + Σ k log k).
    public init(path: String, columns: HouseCoordinateColumns, options: TableOptions = TableOptions()) throws {
        let reader = try CSVRecordReader(path: path, options: options)
        let street = try reader.columnIndex(columns.street), number = try reader.columnIndex(columns.number)
        let suffix = try columns.suffix.map(reader.columnIndex)
        let x = try reader.columnIndex(columns.x), y = try reader.columnIndex(columns.y)
        let municipality = try columns.municipality.map(reader.columnIndex)
        let streetKey = try columns.streetKey.map(reader.columnIndex)
        var builder = Builder()
        try reader.forEachRecord { record in
            guard let easting = record.double(x) else { throw reader.error(record, column: x, expected: "a number (easting)") }
            guard let northing = record.double(y) else { throw reader.error(record, column: y, expected: "a number (northing)") }
            var text = Self.plainNumber(record.bytes(x), decimal: record.decimalStyle)
            if let northingText = Self.plainNumber(record.bytes(y), decimal: record.decimalStyle), text != nil {
                text!.append(0x2C)
                text!.append(contentsOf: northingText)
            } else {
                text = nil
            }
            do {
                try builder.add(street: Self.utf8(record, street), number: Self.utf8(record, number),
                                suffix: suffix.map { Self.utf8(record, $0) } ?? [],
                                municipality: municipality.map { Self.utf8(record, $0) } ?? [],
                                streetKey: streetKey.map { Self.utf8(record, $0) } ?? [],
                                x: easting, y: northing, coordinateText: text, line: record.line, source: path)
            } catch let error as InputError {
                // Name the column as the header does.
                let column = error.location.field == "street" ? street : number
                throw reader.error(record, column: column, expected: error.expected)
            }
        }
        self = builder.finish()
        source = path
    }

    /// Field `column` of `record` as UTF-8 bytes (ASCII fields copied, others decoded).
    static func utf8(_ record: CSVFields, _ column: Int) -> [UInt8] {
        let bytes = record.bytes(column)
        if record.encoding == .utf8 && !bytes.contains(0x22) { return Array(bytes) }
        if !bytes.contains(where: { $0 >= 0x80 || $0 == 0x22 }) { return Array(bytes) }
        return Array(record.string(column).utf8)
    }

    /// The text of a number field to write as it is, when it is plain (`-`, digits, one decimal
    /// separator of the file's style, written as `.`); nil otherwise (then the double is formatted).
    static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>, decimal: DecimalStyle) -> [UInt8]? {
        let separator = decimal == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var low = 0, high = bytes.count
        while low < high, bytes[low] == 0x20 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 { high -= 1 }
        guard low < high else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(high - low)
        var seenSeparator = false, digits = 0
        for index in low..<high {
            let byte = bytes[index]
            if byte &- 0x30 < 10 { out.append(byte); digits += 1 }
            else if byte == 0x2D && index == low { out.append(byte) }
            else if byte == separator && !seenSeparator && digits > 0 { seenSeparator = true; out.append(0x2E) }
            else { return nil }
        }
        guard digits > 0, out.last != 0x2E else { return nil }
        return out
    }
}
