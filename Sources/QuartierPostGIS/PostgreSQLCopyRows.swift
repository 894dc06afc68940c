import QuartierMonitoring

/// Rows in PostgreSQL's binary `COPY` format, built into one byte buffer: no text for the server to
/// parse (numbers as their bytes, no escapes), the bytes sent as they are.
///
/// Source: PostgreSQL 15 documentation, "COPY", File Formats: Binary Format — the 11-byte signature
/// `PGCOPY\n\377\r\n\0`, a 32-bit flags field and a 32-bit header-extension length (both 0 here);
/// each tuple a 16-bit field count, then per field a 32-bit length (-1 for NULL) and the value in the
/// type's binary send format; the trailer a 16-bit -1. All integers in network byte order (big-endian).
/// The types' binary formats (`int8send`, `float8send`, `boolsend`, `textsend`) are PostgreSQL's
/// `src/backend/utils/adt`; a PostGIS geometry's is (E)WKB (`geometry_recv`, PostGIS 3 `lwgeom_inout.c`).
///
/// Conventions: a store integer is `bigint` (8 bytes), a real `double precision` (the IEEE 754 bits:
/// NaN and ±Infinity are stored as such), a boolean one byte, a text its UTF-8 bytes.
struct PostgreSQLCopyRows {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity) }

    /// The header that begins the data of one `COPY … FROM STDIN (FORMAT binary)`.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// The trailer that ends it.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    var count: Int { bytes.count }
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
    mutating func append(raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Starts a tuple of `fields` fields.
    mutating func beginRow(fields: Int) { appendBigEndian(UInt16(truncatingIfNeeded: fields)) }

    mutating func appendNull() { appendBigEndian(UInt32.max) } // length -1

    mutating func append(_ value: Int64) {
        appendBigEndian(UInt32(8))
        appendBigEndian(UInt64(bitPattern: value))
    }

    mutating func append(_ value: StoreValue) {
        switch value {
        case .null: appendNull()
        case .integer(let i): append(i)
        case .real(let d):
            appendBigEndian(UInt32(8))
            appendBigEndian(d.bitPattern)
        case .boolean(let b):
            appendBigEndian(UInt32(1))
            bytes.append(b ? 1 : 0)
        case .text(let s): append(text: s)
        }
    }

    mutating func append(text: String) {
        var text = text
        text.withUTF8 { utf8 in
            appendBigEndian(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A field of raw bytes (a geometry's EWKB).
    mutating func append(field: [UInt8]) {
        appendBigEndian(UInt32(field.count))
        bytes.append(contentsOf: field)
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
