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
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        try reader.forEachRecord { record in
            guard let easting = record.double(x) else { throw reader.error(record, column: x, expected: "a number (easting)") }
            guard let northing = record.double(y) else { throw reader.error(record, column: y, expected: "a number (northing)") }
            do {
                try Self.withUTF8(record, street) { streetBytes in
                try Self.withUTF8(record, number) { numberBytes in
                    try Self.withOptionalUTF8(record, suffix) { suffixBytes in try Self.withOptionalUTF8(record, municipality) { municipalityBytes in
                        try Self.withOptionalUTF8(record, streetKey) { keyBytes in
                            try builder.add(street: streetBytes, number: numberBytes, suffix: suffixBytes ?? none,
                                            municipality: municipalityBytes ?? none, streetKey: keyBytes ?? none,
                                            x: easting, y: northing, coordinates: (record.bytes(x), record.bytes(y), record.decimalStyle),
                                            line: record.line, source: path)
                        } } } }
                }
            } catch let error as InputError {
                // Name the column as the header does.
                let column = error.location.field == "street" ? street : number
                throw reader.error(record, column: column, expected: error.expected)
            }
        }
        self = builder.finish()
        source = path
    }

    /// Calls `body` with field `column` of `record` as UTF-8 bytes: the reader's own bytes when
    /// they are (a UTF-8 file, no doubled quote), else the decoded text's.
    static func withUTF8<T>(_ record: CSVFields, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let bytes = record.bytes(column)
        if !bytes.contains(0x22) && (record.encoding == .utf8 || !bytes.contains(where: { $0 >= 0x80 })) {
            return try body(bytes)
        }
        return try Array(record.string(column).utf8).withUnsafeBufferPointer(body)
    }

    static func withOptionalUTF8<T>(_ record: CSVFields, _ column: Int?, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        guard let column else { return try body(nil) }
        return try withUTF8(record, column) { try body($0) }
    }
}
