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
    /// entries[i].number, apart: the binary search touches only these.
    var numbers: [Int32] = []
    /// Direct number slots of the streets whose numbers are dense (see `Builder.buildSlots`): for
    /// street s with `slotStart[s] >= 0` and numbers 0 ... `slotCount[s]` − 2,
    /// `slots[slotStart[s] + n]` is the first entry whose number is at least n (a lower bound found
    /// by one read instead of a binary search's dozen dependent cache misses); streets with
    /// `slotStart[s] < 0` are searched. Each slot carries a tag beside it (`Slot.tag`, see `taggingSlots`).
    var slots: [Slot] = []
    var slotStart: [Int32] = []
    var slotCount: [Int32] = []
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
    /// The number of streets whose house numbers are found by a direct slot read (dense numbers); the
    /// others by a binary search. Both give the same answers.
    public var slottedStreetCount: Int { slotStart.count { $0 >= 0 } }

    /// An index of `addresses` (in order; `line` in matches is the row index + 2, as if a header came first).
    public init(addresses: [HouseAddress]) throws {
        var builder = Builder()
        for (row, address) in addresses.enumerated() {
            let fields = [address.street, address.number, address.suffix, address.municipality, address.streetKey].map { Array($0.utf8) }
            try fields[0].withUnsafeBufferPointer { street in try fields[1].withUnsafeBufferPointer { number in
                try fields[2].withUnsafeBufferPointer { suffix in try fields[3].withUnsafeBufferPointer { municipality in
                    try fields[4].withUnsafeBufferPointer { key in
                        try builder.add(street: street, number: number, suffix: suffix, municipality: municipality, streetKey: key,
                                        x: address.x, y: address.y, coordinates: nil, line: row + 2, source: "addresses")
                    } } } } }
        }
        self = builder.finish()
    }

    init() {}

    /// The addresses of street `street`, as a range of `entries`.
    @inline(__always)
    func range(ofStreet street: Int) -> Range<Int> { Int(streetStart[street]) ..< Int(streetStart[street + 1]) }

    /// A number slot: the first entry with at least this number (low 31 bits) and the plain-single
    /// flag; and a caller's tag of that entry (-1 when untagged), read in the same cache line.
    struct Slot: Sendable {
        var entry: UInt32
        var tag: Int32 = -1
    }

    /// The entries of street `street` whose number is `number`: empty (at the lower bound) when none.
    @inline(__always)
    func entries(ofStreet street: Int, number: Int32) -> Range<Int> { numberRun(ofStreet: street, number: number).entries }

    /// This index with each plain-single slot (a number with exactly one entry, no suffix) tagged
    /// with `tags[entry]` of its entry (0 ..< `count` entries' tags; other slots untagged), so that a
    /// matcher finds the tag with the slot, without reading per-entry data (`Geocoder` gives it as
    /// `GeocoderFieldMatcher.matchTag`). The answers of the index do not change.
    public func taggingSlots(with tags: [Int32]) -> AddressIndex {
        precondition(tags.count == entries.count, "one tag per entry")
        var tagged = self
        tagged.slots = slots.map { slot in
            var slot = slot
            slot.tag = slot.entry & Self.plainSingleFlag != 0 ? tags[Int(slot.entry & Self.slotMask)] : -1
            return slot
        }
        HugePages.collapse(tagged.slots)
        return tagged
    }

    /// The entries of street `street` whose number is `number` (empty, at the lower bound, when
    /// none), and whether they are known to be one entry without a suffix (`plainSingle`: told by
    /// the slot itself, so a caller may skip reading the entry; always false for a searched street).
    @inline(__always)
    func numberRun(ofStreet street: Int, number: Int32) -> (entries: Range<Int>, plainSingle: Bool, tag: Int32) {
        let range = range(ofStreet: street)
        let start = Int(slotStart[street])
        if start >= 0 {
            let count = Int(slotCount[street])
            guard number >= 0 else { return (range.lowerBound ..< range.lowerBound, false, -1) }
            guard Int(number) < count - 1 else { return (range.upperBound ..< range.upperBound, false, -1) }
            return slots.withUnsafeBufferPointer { slots in
                let low = slots[start + Int(number)], high = slots[start + Int(number) + 1]
                return (Int(low.entry & Self.slotMask) ..< Int(high.entry & Self.slotMask), low.entry & Self.plainSingleFlag != 0, low.tag)
            }
        }
        let low = lowerBound(number, in: range)
        var high = low
        numbers.withUnsafeBufferPointer { numbers in
            while high < range.upperBound && numbers[high] == number { high += 1 }
        }
        return (low ..< high, false, -1)
    }

    /// A slot's entry position (its low 31 bits) and its flag: the number has exactly one entry,
    /// without a suffix.
    static let slotMask: UInt32 = 0x7FFF_FFFF
    static let plainSingleFlag: UInt32 = 0x8000_0000

    /// The first entry of `range` whose number is at least `number` (a binary search).
    @inline(__always)
    func lowerBound(_ number: Int32, in range: Range<Int>) -> Int {
        var low = range.lowerBound, high = range.upperBound
        numbers.withUnsafeBufferPointer { numbers in
            while low < high {
                let middle = (low + high) >> 1
                if numbers[middle] < number { low = middle + 1 } else { high = middle }
            }
        }
        return low
    }
}

extension AddressIndex {
    /// Builds the direct number slots of every street whose largest number is below
    /// 8 × its entries + 64 (house numbers run densely from 1: all real streets); the slots take at
    /// most 32 bytes per entry plus 260 per street. Other streets keep the binary search.
    mutating func buildSlots() {
        let streetCount = streetStart.count - 1
        slotStart = [Int32](repeating: -1, count: streetCount)
        slotCount = [Int32](repeating: 0, count: streetCount)
        var slots: [Slot] = []
        for street in 0..<streetCount {
            let range = range(ofStreet: street)
            guard let largest = range.last.map({ numbers[$0] }), numbers[range.lowerBound] >= 0,
                  Int(largest) < 8 * range.count + 64, range.upperBound < Int(Self.slotMask) else { continue }
            // Slot n (0 ... largest + 1) is the first entry with number >= n, flagged when number n
            // has exactly one entry and it has no suffix.
            slotStart[street] = Int32(slots.count)
            slotCount[street] = largest + 2
            var position = range.lowerBound
            for number in 0 ... Int(largest) + 1 {
                while position < range.upperBound && Int(numbers[position]) < number { position += 1 }
                let single = position < range.upperBound && Int(numbers[position]) == number && entries[position].suffix == 0
                    && (position + 1 == range.upperBound || Int(numbers[position + 1]) != number)
                slots.append(Slot(entry: UInt32(position) | (single ? Self.plainSingleFlag : 0)))
            }
        }
        self.slots = slots
    }

    /// Collects rows, then sorts them into an index.
    struct Builder {
        var index = AddressIndex()
        var streetOfEntry: [Int32] = []
        var entries: [Entry] = []
        var scratch: [UInt8] = []

        /// Adds one row (bytes in UTF-8). `coordinates`: the raw x and y fields and their decimal
        /// style, written as they are when plain (see `appendPlainNumber`), else the doubles are formatted.
        mutating func add(street: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>,
                          municipality: UnsafeBufferPointer<UInt8>, streetKey: UnsafeBufferPointer<UInt8>,
                          x: Double, y: Double, coordinates: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, DecimalStyle)?,
                          line: Int, source: String) throws {
            let streetText = Geocoder.trimmed(street)
            guard streetText.count > 0 else {
                throw InputError(InputLocation(file: source, line: line, field: "street"), found: "an empty street", expected: "a street name")
            }
            let parsed = HouseNumber.parseBytes(number, suffix, encoding: .utf8)
            guard parsed.outcome == .number else {
                throw InputError(InputLocation(file: source, line: line, field: "house number"),
                                 found: "\"\(String(decoding: number, as: UTF8.self))\(suffix.isEmpty ? "" : " " + String(decoding: suffix, as: UTF8.self))\"",
                                 expected: "a house number such as 12, 12a, 12 A or 12-14")
            }
            let prefix = Geocoder.trimmed(municipality), key = Geocoder.trimmed(streetKey)
            if prefix.count > 0 { index.hasMunicipalities = true }
            let needed = prefix.count + 1 + max(StreetName.capacityNeeded(streetText.count), key.count, number.count + suffix.count)
            if scratch.count < needed { scratch = [UInt8](repeating: 0, count: 2 * needed) }
            let (streetID, spelling, rawID): (Int, Int, Int) = scratch.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                // Street id from the normalised name (after the municipality and 0x1F).
                if let from = prefix.baseAddress { base.update(from: from, count: prefix.count) }
                base[prefix.count] = 0x1F
                let length = StreetName.normalise(streetText.baseAddress!, streetText.count, encoding: .utf8, into: base + prefix.count + 1)
                let streetID = index.streets.insert(base, prefix.count + 1 + length)
                if key.count > 0 {
                    index.hasStreetKeys = true
                    (base + prefix.count + 1).update(from: key.baseAddress!, count: key.count)
                    if index.streetKeys.id(of: base, prefix.count + 1 + key.count) == nil {
                        _ = index.streetKeys.insert(base, prefix.count + 1 + key.count)
                        streetKeyStreet.append(Int32(streetID))
                    }
                }
                let spelling = index.spellings.insert(streetText.baseAddress!, streetText.count)
                // The number and suffix as written, trimmed, joined.
                let numberText = Geocoder.trimmed(number), suffixText = Geocoder.trimmed(suffix)
                if let from = numberText.baseAddress { base.update(from: from, count: numberText.count) }
                if let from = suffixText.baseAddress { (base + numberText.count).update(from: from, count: suffixText.count) }
                let rawID = index.rawNumbers.insert(base, numberText.count + suffixText.count)
                return (streetID, spelling, rawID)
            }
            let start = index.coordinateText.count
            if let (xText, yText, style) = coordinates, Self.appendPlainNumber(xText, style, to: &index.coordinateText) {
                index.coordinateText.append(0x2C)
                if !Self.appendPlainNumber(yText, style, to: &index.coordinateText) {
                    index.coordinateText.removeSubrange(start...)
                }
            }
            if index.coordinateText.count == start {
                index.coordinateText.append(contentsOf: CSVWriter().line([.number(x), .number(y)]).utf8)
            }
            entries.append(Entry(number: parsed.number, spelling: UInt32(spelling), suffix: parsed.suffix, rawNumber: UInt32(rawID),
                                 textStart: UInt32(start), textLength: UInt16(clamping: index.coordinateText.count - start),
                                 x: x, y: y, line: Int32(clamping: line)))
            streetOfEntry.append(Int32(streetID))
        }

        /// Appends a number field as it is when it is plain (`-`, digits, one decimal separator of
        /// `style`, written as `.`; spaces around dropped) and returns true; else appends nothing.
        static func appendPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ style: DecimalStyle, to out: inout [UInt8]) -> Bool {
            let separator = style == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
            let field = Geocoder.trimmed(bytes)
            var separatorAt = -1, digits = 0
            for index in 0..<field.count {
                let byte = field[index]
                if byte &- 0x30 < 10 { digits += 1 }
                else if byte == 0x2D && index == 0 { continue }
                else if byte == separator && separatorAt < 0 && digits > 0 { separatorAt = index }
                else { return false }
            }
            guard digits > 0, separatorAt != field.count - 1 else { return false }
            let start = out.count
            out.append(contentsOf: field)
            if separatorAt >= 0 { out[start + separatorAt] = 0x2E }
            return true
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
            index.numbers = sorted.map(\.number)
            index.streetStart = start
            index.duplicates = duplicates
            index.streetKeyStreet = streetKeyStreet
            index.buildSlots()
            // Read at random per record: backed by huge pages where the kernel allows.
            HugePages.collapse(index.slots)
            HugePages.collapse(index.entries)
            HugePages.collapse(index.numbers)
            return index
        }

    }
}
