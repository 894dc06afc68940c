import QuartierBase
import QuartierTable

/// One row of a house-coordinate table (Hauskoordinaten, "georeferenzierte Gebäudeadressen").
public struct HouseAddress: Sendable, Hashable {
    public var street: String
    /// The house number as written (`12`, `12a`, `12-14`).
    public var number: String
    public var suffix: String
    public var x: Double
    public var y: Double
    /// The municipality key (Gemeindeschlüssel, AGS) when the table spans several municipalities.
    public var municipality: String
    /// The street key (Straßenschlüssel) of the municipality's street register, if any.
    public var streetKey: String

    public init(street: String, number: String, suffix: String = "", x: Double, y: Double,
                municipality: String = "", streetKey: String = "") {
        self.street = street
        self.number = number
        self.suffix = suffix
        self.x = x
        self.y = y
        self.municipality = municipality
        self.streetKey = streetKey
    }
}

/// The house coordinates indexed for geocoding: a hash table from the normalised street name
/// (`StreetName`, prefixed by the municipality key when there is one) to the street's addresses
/// sorted by house number and suffix.
///
/// Build it from a CSV file (`AddressIndex(path:columns:)`) or from rows (`init(addresses:)`);
/// query it through a `Geocoder`. Two rows with the same normalised address are both kept, in
/// file order: a geocoder takes the one written exactly as the record, else the first.
/// - Complexity: building O(n + Σ k log k) for n rows and k rows per street; a street lookup O(length
///   of the name), a house number O(log k).
public struct AddressIndex: Sendable {
    struct Entry: Sendable {
        var number: Int32
        var spelling: UInt32
        var suffix: UInt64
        /// The id of the number and suffix as written (trimmed, joined) in `rawNumbers`.
        var rawNumber: UInt32
        /// The coordinates as text for output (`x,y`): coordinateText[textStart ..< textStart + textLength].
        var textStart: UInt32
        var textLength: UInt16
        var x: Double
        var y: Double
        /// The table's line (1-based, header = 1; for `init(addresses:)` the row index + 2).
        var line: Int32
    }

    /// Normalised street (with the municipality prefix) → street id.
    var streets = ByteKeyTable()
    /// (municipality prefix +) street key → street id.
    var streetKeys = ByteKeyTable()
    /// Street key id → street id.
    var streetKeyStreet: [Int32] = []
    /// Street names as written (UTF-8, trimmed) → spelling id.
    var spellings = ByteKeyTable()
    /// House numbers and suffixes as written (trimmed, joined) → id.
    var rawNumbers = ByteKeyTable()
    /// Street id s has entries[streetStart[s] ..< streetStart[s + 1]], sorted by number, suffix, line.
    var streetStart: [Int32] = [0]
    var entries: [Entry] = []
    var coordinateText: [UInt8] = []
    /// Where the rows came from (the file's path, or `addresses`).
    public internal(set) var source = "addresses"
    /// Whether the table carries municipality keys (then records must name theirs).
    public internal(set) var hasMunicipalities = false
    public internal(set) var hasStreetKeys = false
    /// Rows whose normalised address (street, number, suffix) was already in the table.
    public internal(set) var duplicates = 0

    /// The number of addresses (rows).
    public var count: Int { entries.count }
    /// The number of distinct normalised streets.
    public var streetCount: Int { streets.count }

    /// An index of `addresses` (in order; `line` in matches is the row index + 2, as if a header came first).
    public init(addresses: [HouseAddress]) throws {
        var builder = Builder()
        for (row, address) in addresses.enumerated() {
            try builder.add(street: Array(address.street.utf8), number: Array(address.number.utf8),
                            suffix: Array(address.suffix.utf8), municipality: Array(address.municipality.utf8),
                            streetKey: Array(address.streetKey.utf8), x: address.x, y: address.y,
                            coordinateText: nil, line: row + 2, source: "addresses")
        }
        self = builder.finish()
    }

    init() {}

    /// The addresses of street `street`, as a range of `entries`.
    @inline(__always)
    func range(ofStreet street: Int) -> Range<Int> { Int(streetStart[street]) ..< Int(streetStart[street + 1]) }

    /// The first entry of `range` whose number is at least `number`.
    @inline(__always)
    func lowerBound(_ number: Int32, in range: Range<Int>) -> Int {
        var low = range.lowerBound, high = range.upperBound
        entries.withUnsafeBufferPointer { entries in
            while low < high {
                let middle = (low + high) >> 1
                if entries[middle].number < number { low = middle + 1 } else { high = middle }
            }
        }
        return low
    }
}

extension AddressIndex {
    /// Collects rows, then sorts them into an index.
    struct Builder {
        var index = AddressIndex()
        var streetOfEntry: [Int32] = []
        var entries: [Entry] = []
        var scratch: [UInt8] = []

        /// Adds one row (bytes in UTF-8). `coordinateText`: the `x,y` text to write, or nil to format the doubles.
        mutating func add(street: [UInt8], number: [UInt8], suffix: [UInt8], municipality: [UInt8], streetKey: [UInt8],
                          x: Double, y: Double, coordinateText: [UInt8]?, line: Int, source: String) throws {
            let streetText = trimmed(street)
            guard !streetText.isEmpty else {
                throw InputError(InputLocation(file: source, line: line, field: "street"), found: "an empty street", expected: "a street name")
            }
            let parsed = number.withUnsafeBufferPointer { n in
                suffix.withUnsafeBufferPointer { s in HouseNumber.parseBytes(n, s, encoding: .utf8) }
            }
            guard parsed.outcome == .number else {
                throw InputError(InputLocation(file: source, line: line, field: "house number"),
                                 found: "\"\(String(decoding: number, as: UTF8.self))\(suffix.isEmpty ? "" : " " + String(decoding: suffix, as: UTF8.self))\"",
                                 expected: "a house number such as 12, 12a, 12 A or 12-14")
            }
            let prefix = trimmed(municipality)
            if !prefix.isEmpty { index.hasMunicipalities = true }
            // Street id from the normalised name.
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: prefix)
            scratch.append(0x1F)
            let prefixLength = scratch.count
            scratch.append(contentsOf: repeatElement(0, count: StreetName.capacityNeeded(streetText.count)))
            let streetID: Int = scratch.withUnsafeMutableBufferPointer { buffer in
                let length = streetText.withUnsafeBufferPointer { text in
                    StreetName.normalise(text.baseAddress!, text.count, encoding: .utf8, into: buffer.baseAddress! + prefixLength)
                }
                return index.streets.insert(buffer.baseAddress!, prefixLength + length)
            }
            let key = trimmed(streetKey)
            if !key.isEmpty {
                index.hasStreetKeys = true
                let joined = prefix + [0x1F] + key
                joined.withUnsafeBufferPointer { buffer in
                    if index.streetKeys.id(of: buffer.baseAddress!, buffer.count) == nil {
                        // Street keys are interned in street-id order of first sight: map through `streetKeyStreet`.
                        _ = index.streetKeys.insert(buffer.baseAddress!, buffer.count)
                        streetKeyStreet.append(Int32(streetID))
                    }
                }
            }
            let spelling = streetText.withUnsafeBufferPointer { index.spellings.insert($0.baseAddress!, $0.count) }
            let raw = trimmed(number) + trimmed(suffix)
            let rawID = raw.withUnsafeBufferPointer { buffer in
                index.rawNumbers.insert(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
            let text = coordinateText ?? Array(CSVWriter().line([.number(x), .number(y)]).utf8)
            let start = index.coordinateText.count
            index.coordinateText.append(contentsOf: text)
            entries.append(Entry(number: parsed.number, spelling: UInt32(spelling), suffix: parsed.suffix, rawNumber: UInt32(rawID),
                                 textStart: UInt32(start), textLength: UInt16(clamping: text.count), x: x, y: y, line: Int32(clamping: line)))
            streetOfEntry.append(Int32(streetID))
        }

        var streetKeyStreet: [Int32] = []

        /// Buckets the rows by street (counting sort), then sorts each street by number, suffix, line.
        mutating func finish() -> AddressIndex {
            let streetCount = index.streets.count
            var start = [Int32](repeating: 0, count: streetCount + 1)
            for street in streetOfEntry { start[Int(street) + 1] += 1 }
            for street in 0..<streetCount { start[street + 1] += start[street] }
            var next = start
            var sorted = entries
            for (row, street) in streetOfEntry.enumerated() {
                sorted[Int(next[Int(street)])] = entries[row]
                next[Int(street)] += 1
            }
            var duplicates = 0
            sorted.withUnsafeMutableBufferPointer { sorted in
                for street in 0..<streetCount {
                    let range = Int(start[street]) ..< Int(start[street + 1])
                    sorted[range].sort { ($0.number, $0.suffix, $0.line) < ($1.number, $1.suffix, $1.line) }
                    for row in range.dropFirst() where sorted[row].number == sorted[row - 1].number && sorted[row].suffix == sorted[row - 1].suffix {
                        duplicates += 1
                    }
                }
            }
            index.entries = sorted
            index.streetStart = start
            index.duplicates = duplicates
            index.streetKeyStreet = streetKeyStreet
            return index
        }

        func trimmed(_ bytes: [UInt8]) -> [UInt8] {
            var low = 0, high = bytes.count
            while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
            while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
            return Array(bytes[low..<high])
        }
    }
}
