import QuartierTable

/// One thread's byte-level geocoding of CSV fields: the street, house number and suffix bytes of a
/// record (in the file's encoding, as `CSVFields.bytes` gives them) matched by `Geocoder`'s rules
/// without a `String` per record. The record pipeline (the monitoring's address placer) calls it
/// once per record; `quartier geocode` uses the same matching (`Geocoder.match`).
/// Not thread-safe: it owns its scratch buffer; make one per thread.
public final class GeocoderFieldMatcher {
    /// Where the address is, or why it was not found.
    public enum Outcome: Equatable {
        /// Found: the house's coordinates, how it matched, and the house's entry (0 ..< `Geocoder.entryCount`,
        /// for callers that precompute something per house).
        case located(x: Double, y: Double, method: MatchMethod, entry: Int)
        case unmatched(UnmatchedReason)
    }

    /// The house entry the fields match, and how (its coordinates: `Geocoder.coordinates(ofEntry:)`), or why none.
    public enum EntryOutcome: Equatable {
        case entry(Int, method: MatchMethod)
        case unmatched(UnmatchedReason)
    }

    public let geocoder: Geocoder
    private var scratch: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    public init(geocoder: Geocoder) {
        self.geocoder = geocoder
        capacity = Geocoder.scratchCapacity(256)
        scratch = .allocate(capacity: capacity)
    }

    deinit { scratch.deallocate() }

    /// Matches one record's fields; `suffix` may be empty.
    public func match(street: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>,
                      encoding: TextEncoding) -> Outcome {
        switch matchEntry(street: street, number: number, suffix: suffix, encoding: encoding) {
        case .entry(let entry, let method):
            let (x, y) = geocoder.coordinates(ofEntry: entry)
            return .located(x: x, y: y, method: method, entry: entry)
        case .unmatched(let reason): return .unmatched(reason)
        }
    }

    /// Matches one record's fields for the entry only (`labelsExact` false), and gives the tag of the
    /// slot it was found by (`AddressIndex.taggingSlots`; -1 when none): a caller that tagged the
    /// slots with a per-house answer reads it here, without reading per-house data.
    @inline(__always)
    public func matchTag(street: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>,
                         encoding: TextEncoding) -> (outcome: EntryOutcome, tag: Int32) {
        let found = find(street: street, number: number, suffix: suffix, encoding: encoding, labelsExact: false)
        guard let method = found.method else { return (.unmatched(found.reason!), -1) }
        return (.entry(found.entry, method: method), found.tag)
    }

    /// Matches one record's fields to a house entry without reading its coordinates; `suffix` may be empty.
    /// `labelsExact`: false for callers that use the entry only (the same entry either way): a match
    /// of the one entry with the record's number and suffix is then labelled `normalised` even when
    /// it is written exactly so, which saves comparing the texts.
    @inline(__always)
    public func matchEntry(street: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>,
                           encoding: TextEncoding, labelsExact: Bool = true) -> EntryOutcome {
        let found = find(street: street, number: number, suffix: suffix, encoding: encoding, labelsExact: labelsExact)
        guard let method = found.method else { return .unmatched(found.reason!) }
        return .entry(found.entry, method: method)
    }

    /// `Geocoder.match` with this matcher's scratch buffer (grown to the fields when needed).
    @inline(__always)
    private func find(street: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>,
                      encoding: TextEncoding, labelsExact: Bool) -> Geocoder.Found {
        let needed = Geocoder.scratchCapacity(street.count + number.count + suffix.count)
        if needed > capacity {
            scratch.deallocate()
            capacity = needed
            scratch = .allocate(capacity: capacity)
        }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        return geocoder.match(street: street, number: number, suffix: suffix, municipality: empty, streetKey: empty,
                              encoding: encoding, scratch: scratch, capacity: capacity, labelsExact: labelsExact)
    }
}
