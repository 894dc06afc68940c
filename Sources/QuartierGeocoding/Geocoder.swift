import QuartierTable

/// Finds records' addresses (street, house number, suffix) in house coordinates.
///
/// Each record gets the first of these that applies (see `MatchMethod` and `UnmatchedReason`):
/// 1. `empty-address` when the street or the number is empty; `bad-number` when the number is none.
/// 2. The street: by its street key when the table and the record have one, else by the
///    normalised name (`StreetName`), in the record's municipality when the table has municipality
///    keys; none → `unknown-street`.
/// 3. `exact`, else `normalised` (the same number and suffix after `HouseNumber`'s rules), else
///    `without-suffix` (the same number, other suffix), else `nearest-number` (same parity, within
///    `maxNumberDistance`), else `unknown-number`. A range (`12-14`) is matched on its first number
///    and flagged (`GeocodeMatch.isRange`).
///
/// ```swift
/// let geocoder = Geocoder(index: try AddressIndex(path: "hauskoordinaten.csv", columns: columns))
/// if case .matched(let match) = geocoder.geocode(street: "Hauptstr.", number: "12 A") { print(match.x, match.method) }
/// ```
/// Method: a deterministic cascade from the strictest comparison to the loosest, each result
/// labelled with the step that produced it, after standardising names and numbers — the order of
/// record-linkage practice (P. Christen, "Data Matching", Springer 2012, ch. 3 "Data
/// Pre-Processing" on standardising names and addresses, and ch. 5 on field comparison). The
/// house-number fallbacks use German odd/even numbering: odd and even numbers face each other.
/// - Complexity: O(length of the address + log k) per record for k addresses on the street.
public struct Geocoder: Sendable {
    public let index: AddressIndex
    /// The largest difference between a record's number and a `nearest-number` match (default 4:
    /// two houses along on the same side).
    public let maxNumberDistance: Int

    /// The number of house entries (`GeocoderFieldMatcher.Outcome.located`'s `entry` is below it).
    public var entryCount: Int { index.entries.count }

    /// The coordinates of house entry `entry`.
    public func coordinates(ofEntry entry: Int) -> (x: Double, y: Double) {
        let e = index.entries[entry]
        return (e.x, e.y)
    }

    public init(index: AddressIndex, maxNumberDistance: Int = 4) {
        self.index = index
        self.maxNumberDistance = maxNumberDistance
    }

    /// Geocodes one address. `municipality`: the record's municipality key (needed when the table
    /// has them); `streetKey`: its street key (used when the table has them).
    public func geocode(street: String, number: String, suffix: String = "", municipality: String = "",
                        streetKey: String = "") -> GeocodeResult {
        // The strings' own UTF-8 (no copy for native strings) and a scratch buffer on the stack.
        var street = street, number = number, suffix = suffix, municipality = municipality, streetKey = streetKey
        let found = street.withUTF8 { s in number.withUTF8 { n in suffix.withUTF8 { x in
            municipality.withUTF8 { m in streetKey.withUTF8 { k in
                let capacity = Self.scratchCapacity(s.count + n.count + x.count + m.count + k.count)
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
                    match(street: s, number: n, suffix: x, municipality: m, streetKey: k, encoding: .utf8,
                          scratch: scratch.baseAddress!, capacity: capacity)
                }
            } } } } }
        return result(found)
    }

    // MARK: - Byte level

    /// A match without allocation: the entry (or -1) and the method or reason.
    struct Found {
        enum Code: UInt8 { case exact, normalised, withoutSuffix, nearestNumber, emptyAddress, badNumber, unknownStreet, unknownNumber }
        var code: Code
        var entry: Int = -1
        var isRange = false
        /// The slot's tag when the match came from a tagged plain-single slot (`AddressIndex.taggingSlots`), else -1.
        var tag: Int32 = -1

        /// How it matched (nil when it did not).
        var method: MatchMethod? {
            switch code {
            case .exact: .exact
            case .normalised: .normalised
            case .withoutSuffix: .withoutSuffix
            case .nearestNumber: .nearestNumber
            case .emptyAddress, .badNumber, .unknownStreet, .unknownNumber: nil
            }
        }

        /// Why it did not match (nil when it did).
        var reason: UnmatchedReason? {
            switch code {
            case .emptyAddress: .emptyAddress
            case .badNumber: .badNumber
            case .unknownStreet: .unknownStreet
            case .unknownNumber: .unknownNumber
            case .exact, .normalised, .withoutSuffix, .nearestNumber: nil
            }
        }
    }

    /// Scratch bytes `match` needs for fields of `total` bytes.
    static func scratchCapacity(_ total: Int) -> Int { 2 * StreetName.capacityNeeded(total) + 16 }

    /// The public result of a byte-level match.
    func result(_ found: Found) -> GeocodeResult {
        guard let method = found.method else { return .unmatched(found.reason!) }
        let entry = index.entries[found.entry]
        return .matched(GeocodeMatch(x: entry.x, y: entry.y, method: method,
                                     matched: HouseNumber(number: Int(entry.number), suffix: SuffixKey.text(entry.suffix)),
                                     isRange: found.isRange, line: Int(entry.line)))
    }

    /// Matches the fields' bytes (in `encoding`); `scratch` holds `scratchCapacity(total field bytes)`.
    /// `labelsExact`: tell `exact` from `normalised` (the same entry either way when only one entry has
    /// the number and suffix; when false, such a match is labelled `normalised` without comparing
    /// the texts, for callers that need the entry only).
    func match(street: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>,
               municipality: UnsafeBufferPointer<UInt8>, streetKey: UnsafeBufferPointer<UInt8>,
               encoding: TextEncoding, scratch: UnsafeMutablePointer<UInt8>, capacity: Int, labelsExact: Bool = true) -> Found {
        let street = Self.trimmed(street)
        let parsed = HouseNumber.parseBytes(number, suffix, encoding: encoding)
        if street.count == 0 || parsed.outcome == .empty { return Found(code: .emptyAddress) }
        if parsed.outcome == .bad { return Found(code: .badNumber) }
        let isRange = parsed.rangeEnd >= 0

        // The street.
        let municipality = Self.trimmed(municipality)
        var prefix = Self.copyUTF8(municipality, encoding, into: scratch)
        scratch[prefix] = 0x1F
        prefix += 1
        var streetID: Int?
        let key = Self.trimmed(streetKey)
        if index.hasStreetKeys && key.count > 0 {
            let length = Self.copyUTF8(key, encoding, into: scratch + prefix)
            if let id = index.streetKeys.id(of: scratch, prefix + length) { streetID = Int(index.streetKeyStreet[id]) }
        }
        if streetID == nil {
            let length = StreetName.normalise(street.baseAddress!, street.count, encoding: encoding, into: scratch + prefix)
            streetID = index.streets.id(of: scratch, prefix + length)
        }
        guard let streetID else { return Found(code: .unknownStreet) }

        // The number: its entries on the street (a direct slot read for dense streets).
        let target = parsed.number
        let (run, plainSingle, tag) = index.numberRun(ofStreet: streetID, number: target)
        // One entry of this number, without a suffix, for a record without one: the match, found
        // without reading the entry (when the caller does not ask exact from normalised).
        if plainSingle && parsed.suffix == 0 && !labelsExact {
            return Found(code: .normalised, entry: run.lowerBound, isRange: isRange, tag: tag)
        }
        return index.entries.withUnsafeBufferPointer { entries in
            if !run.isEmpty {
                let low = run.lowerBound, high = run.upperBound
                var same = low
                while same < high && entries[same].suffix != parsed.suffix { same += 1 }
                if same == high { return Found(code: .withoutSuffix, entry: low, isRange: isRange) }
                // One entry of this number and suffix, and the caller does not ask exact from
                // normalised: it is the match either way.
                if !labelsExact && (same + 1 == high || entries[same + 1].suffix != parsed.suffix) {
                    return Found(code: .normalised, entry: same, isRange: isRange)
                }
                // Exact: the same spelling of the street and the same number text (compared with
                // the entry's texts directly: no hash lookup).
                let streetLength = Self.copyUTF8(street, encoding, into: scratch)
                let numberText = scratch + streetLength
                let numberLength = Self.copyUTF8(Self.trimmed(number), encoding, into: numberText)
                let rawLength = numberLength + Self.copyUTF8(Self.trimmed(suffix), encoding, into: numberText + numberLength)
                var candidate = same
                while candidate < high && entries[candidate].suffix == parsed.suffix {
                    if index.rawNumbers.key(Int(entries[candidate].rawNumber), equals: numberText, rawLength)
                        && index.spellings.key(Int(entries[candidate].spelling), equals: scratch, streetLength) {
                        return Found(code: .exact, entry: candidate, isRange: isRange)
                    }
                    candidate += 1
                }
                return Found(code: .normalised, entry: same, isRange: isRange)
            }
            var distance: Int32 = 2
            while distance <= Int32(clamping: maxNumberDistance) {
                for side in 0..<2 {
                    let candidate = side == 0 ? target - distance : target + distance
                    guard candidate >= 0 else { continue }
                    let near = index.entries(ofStreet: streetID, number: candidate)
                    if !near.isEmpty { return Found(code: .nearestNumber, entry: near.lowerBound, isRange: isRange) }
                }
                distance += 2
            }
            return Found(code: .unknownNumber)
        }
    }

    /// The bytes without outer spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var low = 0, high = bytes.count
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        guard low < high, let base = bytes.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + low, count: high - low)
    }

    /// Copies `bytes` as UTF-8 (Windows-1252 bytes ≥ 0x80 transcoded; a doubled quote `""` of a
    /// quoted CSV field as one); returns the length written (at most 3 × count).
    @inline(__always)
    static func copyUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding, into target: UnsafeMutablePointer<UInt8>) -> Int {
        var length = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 && index + 1 < bytes.count && bytes[index + 1] == 0x22 { index += 1 }
            if byte < 0x80 || encoding == .utf8 {
                target[length] = byte
                length += 1
            } else {
                StreetName.appendUTF8(StreetName.windows1252(byte), to: target, at: &length)
            }
            index += 1
        }
        return length
    }
}
