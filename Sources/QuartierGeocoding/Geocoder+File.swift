import Foundation
import QuartierBase
import QuartierTable

/// The address columns of a register (names as in its header line).
public struct RecordAddressColumns: Sendable, Hashable {
    public var street: String
    public var number: String
    public var suffix: String?
    /// The municipality key, needed when the house coordinates have them.
    public var municipality: String?
    /// The street key, used when the house coordinates have them.
    public var streetKey: String?

    public init(street: String, number: String, suffix: String? = nil, municipality: String? = nil, streetKey: String? = nil) {
        self.street = street
        self.number = number
        self.suffix = suffix
        self.municipality = municipality
        self.streetKey = streetKey
    }
}

/// Where `Geocoder.geocodeFile` writes, and the names of the columns it adds.
public struct GeocodeOutput: Sendable, Hashable {
    /// Every record in file order with all its columns, then x, y, match, note.
    public var path: String
    /// The unmatched records: `line`, `reason`, then all their columns.
    public var unmatchedPath: String?
    public var xColumn: String
    public var yColumn: String
    /// The method (`exact` …) or `unmatched`.
    public var matchColumn: String
    /// The reason of an unmatched record; for a match the table's house number when it differs
    /// (`without-suffix`, `nearest-number`: `table 14`) and `range` for a range.
    public var noteColumn: String

    public init(path: String, unmatchedPath: String? = nil, xColumn: String = "x", yColumn: String = "y",
                matchColumn: String = "match", noteColumn: String = "match_note") {
        self.path = path
        self.unmatchedPath = unmatchedPath
        self.xColumn = xColumn
        self.yColumn = yColumn
        self.matchColumn = matchColumn
        self.noteColumn = noteColumn
    }
}

extension Geocoder {
    /// Geocodes every record of a register (CSV, read by QuartierTable's streaming reader) and
    /// calls `body` with the record and its result, in file order.
    /// - Returns: the counts (every record under one method or reason).
    /// - Throws: `InputError` for a missing column or a malformed file; what `body` throws.
    public func geocodeRecords(path: String, columns: RecordAddressColumns, options: TableOptions = TableOptions(),
                               _ body: (CSVFields, GeocodeResult) throws -> Void) throws -> GeocodeSummary {
        let reader = try CSVRecordReader(path: path, options: options)
        return try forEachFound(reader, columns) { record, found in try body(record, result(found)) }
    }

    /// Geocodes a register and writes it with coordinates (see `GeocodeOutput`), atomically;
    /// `output.unmatchedPath` gets the unmatched records with line and reason.
    /// Output: UTF-8, `,`, quoting and formula protection as `CSVWriter`; the house coordinates'
    /// x and y as the table wrote them (decimal point). Same input, same bytes, whatever `threads`:
    /// the reading thread cuts the records into chunks, `threads` workers match them, and the chunks
    /// are written in file order.
    /// - Throws: `InputError` for a missing column, a column name the output would repeat, or a
    ///   malformed file; `OutputError` when a file cannot be written. Nothing is written then.
    public func geocodeFile(path: String, columns: RecordAddressColumns, options: TableOptions = TableOptions(),
                            output: GeocodeOutput, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> GeocodeSummary {
        let reader = try CSVRecordReader(path: path, options: options)
        let added = [output.xColumn, output.yColumn, output.matchColumn, output.noteColumn]
        for name in added where reader.header.contains(name) {
            throw InputError(InputLocation(file: path, line: 1, field: name), found: "a column named \"\(name)\"",
                             expected: "no column of a name the output adds (\(added.joined(separator: ", "))); choose other output names")
        }
        var unmatched = RowWriter(handle: nil)
        defer { unmatched.release() }
        unmatched.appendHeader(["line", "reason"] + reader.header)
        var summary = GeocodeSummary(file: path, houseCoordinates: index.source)
        try AtomicFile.write(to: output.path) { handle in
            var header = RowWriter(handle: handle, capacity: 1 << 12)
            defer { header.release() }
            header.appendHeader(reader.header + added)
            try header.flush()
            let (tallies, ranges) = try writeChunks(reader, columns, keepUnmatched: output.unmatchedPath != nil,
                                                    threads: max(1, threads)) { chunk in
                try handle.write(contentsOf: chunk.output.data)
                unmatched.append(chunk.unmatched.buffer)
            }
            summary.add(tallies: tallies, ranges: ranges)
        }
        summary.addresses = index.count
        summary.streets = index.streetCount
        summary.duplicateAddresses = index.duplicates
        summary.maxNumberDistance = maxNumberDistance
        if let unmatchedPath = output.unmatchedPath {
            try AtomicFile.write(Data(unmatched.bytes), to: unmatchedPath)
        }
        return summary
    }

    /// The indexes of the street, number, suffix, municipality and street-key columns (the first two always there).
    /// - Throws: `InputError` for a missing column, or when the house coordinates have municipality
    ///   keys and the records name no municipality column.
    func addressColumns(_ reader: CSVRecordReader, _ columns: RecordAddressColumns) throws -> [Int?] {
        let street = try reader.columnIndex(columns.street), number = try reader.columnIndex(columns.number)
        let suffix = try columns.suffix.map(reader.columnIndex)
        let municipality = try columns.municipality.map(reader.columnIndex)
        let streetKey = try columns.streetKey.map(reader.columnIndex)
        if index.hasMunicipalities && municipality == nil {
            throw InputError(InputLocation(file: reader.path, line: 1), found: "no municipality column for the records",
                             expected: "the records' municipality key column, as the house coordinates carry municipality keys")
        }
        return [street, number, suffix, municipality, streetKey]
    }

    static let labels = MatchMethod.allCases.map(\.rawValue) + UnmatchedReason.allCases.map(\.rawValue)

    /// The byte-level loop shared by `geocodeRecords` and `geocodeFile`.
    func forEachFound(_ reader: CSVRecordReader, _ columns: RecordAddressColumns,
                      _ body: (CSVFields, Found) throws -> Void) throws -> GeocodeSummary {
        let resolved = try addressColumns(reader, columns)
        let street = resolved[0]!, number = resolved[1]!, suffix = resolved[2], municipality = resolved[3], streetKey = resolved[4]
        var capacity = 1 << 16
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { scratch.deallocate() }
        var tallies = [Int](repeating: 0, count: Self.labels.count)
        var ranges = 0
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        try forEachRecordOf(reader) { record in
            let streetBytes = record.bytes(street), numberBytes = record.bytes(number)
            let suffixBytes = suffix.map(record.bytes) ?? empty
            let municipalityBytes = municipality.map(record.bytes) ?? empty
            let keyBytes = streetKey.map(record.bytes) ?? empty
            let needed = Self.scratchCapacity(streetBytes.count + numberBytes.count + suffixBytes.count + municipalityBytes.count + keyBytes.count)
            if needed > capacity {
                scratch.deallocate()
                capacity = needed
                scratch = .allocate(capacity: capacity)
            }
            let found = match(street: streetBytes, number: numberBytes, suffix: suffixBytes, municipality: municipalityBytes,
                              streetKey: keyBytes, encoding: record.encoding, scratch: scratch, capacity: capacity)
            tallies[Int(found.code.rawValue)] += 1
            if found.isRange && found.entry >= 0 { ranges += 1 }
            try body(record, found)
        }
        var summary = GeocodeSummary(file: reader.path, houseCoordinates: index.source)
        summary.add(tallies: tallies, ranges: ranges)
        summary.addresses = index.count
        summary.streets = index.streetCount
        summary.duplicateAddresses = index.duplicates
        summary.maxNumberDistance = maxNumberDistance
        return summary
    }

    private func forEachRecordOf(_ reader: CSVRecordReader, _ body: (CSVFields) throws -> Void) throws {
        try reader.forEachRecord(body)
    }
}

/// Output rows as bytes: each field as `CSVWriter` writes it (a plain field — no delimiter, quote,
/// line break, outer space, leading `=` `+` `-` `@`, and valid UTF-8 — is its own bytes; any other is
/// decoded and handed to `CSVWriter`), flushed to the file in 1 MiB blocks.
struct RowWriter {
    let handle: FileHandle?
    /// The bytes not yet written: storage[0 ..< count].
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    static let block = 1 << 20
    static let csv = CSVWriter()

    init(handle: FileHandle?, capacity: Int = Self.block + (1 << 16)) {
        self.handle = handle
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    /// The bytes held (valid until the next append).
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }
    /// The bytes held, not copied (valid until the next append).
    var data: Data { Data(bytesNoCopy: storage, count: count, deallocator: .none) }

    mutating func removeAll() { count = 0 }

    /// Frees the buffer (a `struct` cannot have a `deinit`).
    func release() { storage.deallocate() }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + extra))
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = max(2 * capacity, count + extra)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        if buffer.count <= 64 {
            // Fields are short: a byte loop beats a call to memmove.
            for index in 0..<buffer.count { storage[count + index] = base[index] }
        } else {
            (storage + count).update(from: base, count: buffer.count)
        }
        count += buffer.count
    }

    mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func appendHeader(_ names: [String]) {
        appendASCII(Self.csv.line(names.map { .text($0) }))
        append(0x0A)
    }

    /// Field `column` of `record` as `CSVWriter` writes it: numbers that start with a sign as
    /// numbers, suppression markers as they are, everything else as text.
    mutating func appendField(_ record: CSVFields, _ column: Int) {
        let field = record.bytes(column)
        if Self.isPlain(field, record.encoding) {
            append(field)
            return
        }
        let value: CSVWriter.Value
        if let first = field.first, first == 0x2D || first == 0x2B, let number = record.double(column) {
            value = .number(number)
        } else if record.isMarker(column, in: TableOptions.officialMarkers) {
            value = .absent(marker: record.string(column))
        } else {
            value = .text(record.string(column))
        }
        appendASCII(Self.csv.line([value]))
    }

    /// Whether `CSVWriter` writes these bytes unchanged.
    @inline(__always)
    static func isPlain(_ field: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding) -> Bool {
        guard let first = field.first else { return true }
        if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x20 || field.last == 0x20 {
            return false
        }
        var index = 0
        while index < field.count {
            let byte = field[index]
            if byte < 0x80 {
                if byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D { return false }
                index += 1
            } else {
                guard encoding == .utf8, let base = field.baseAddress,
                      let (_, width) = StreetName.decodeUTF8(base, index, field.count) else { return false }
                index += width
            }
        }
        return true
    }

    mutating func flushIfFull() throws {
        if count >= Self.block { try flush() }
    }

    mutating func flush() throws {
        guard let handle, count > 0 else { return }
        try handle.write(contentsOf: Data(bytesNoCopy: storage, count: count, deallocator: .none))
        count = 0
    }
}
