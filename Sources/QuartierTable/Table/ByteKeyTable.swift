/// Byte strings interned to dense ids (0, 1, 2, … in order of first insertion), looked up from a
/// pointer and a length: no `String`, no array and no allocation per lookup.
///
/// Open addressing with linear probing over a power-of-two slot array kept at most half full; the
/// keys live back to back in one byte arena. Hash: 64-bit FNV-1a (Fowler, Noll, Vo; IETF draft
/// "The FNV Non-Cryptographic Hash Algorithm"), good enough for short keys such as street names.
/// - Complexity: lookup and insert O(length) expected.
///
/// The one byte-keyed lookup of the project: street names, spellings and house numbers of the geocoder's
/// index (QuartierGeocoding), area ids of records that name their area (QuartierAggregation's `AreaIDPlacer`).
public struct ByteKeyTable: Sendable {
    @usableFromInline var arena: [UInt8] = []
    /// Key `id` is arena[offsets[id] ..< offsets[id + 1]].
    @usableFromInline var offsets: [Int] = [0]
    @usableFromInline var hashes: [UInt64] = []
    /// id + 1, or 0 for an empty slot.
    @usableFromInline var slots: [UInt32] = Array(repeating: 0, count: 64)

    public init() {}

    public var count: Int { hashes.count }

    @inlinable
    static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in 0..<count { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }

    /// Whether `count` bytes at `a` and `b` are equal (a byte loop: keys are short).
    @inlinable
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count > 64 { return memcmp(a, b, count) == 0 }
        var index = 0
        while index + 8 <= count {
            if UnsafeRawPointer(a + index).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + index).loadUnaligned(as: UInt64.self) { return false }
            index += 8
        }
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// The id of the key, or nil.
    @inlinable
    public func id(of bytes: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let hash = Self.hash(bytes, count)
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                offsets.withUnsafeBufferPointer { offsets in
                    hashes.withUnsafeBufferPointer { hashes in
                        let mask = slots.count - 1
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let entry = slots[slot]
                            if entry == 0 { return nil }
                            let id = Int(entry) - 1
                            if hashes[id] == hash {
                                let start = offsets[id], length = offsets[id + 1] - start
                                if length == count && Self.equal(arena.baseAddress! + start, bytes, count) { return id }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// The id of the key, inserting it when new.
    public mutating func insert(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        if let id = id(of: bytes, count) { return id }
        let id = hashes.count
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        offsets.append(arena.count)
        hashes.append(Self.hash(bytes, count))
        if 2 * hashes.count > slots.count {
            rehash(slots.count * 2)
        } else {
            place(id)
        }
        return id
    }

    /// Whether key `id` is the `count` bytes at `bytes`.
    @inlinable
    public func key(_ id: Int, equals bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        offsets.withUnsafeBufferPointer { offsets in
            let start = offsets[id]
            guard offsets[id + 1] - start == count else { return false }
            return arena.withUnsafeBufferPointer { arena in count == 0 || Self.equal(arena.baseAddress! + start, bytes, count) }
        }
    }

    /// The key's bytes.
    public func key(_ id: Int) -> ArraySlice<UInt8> { arena[offsets[id] ..< offsets[id + 1]] }

    private mutating func place(_ id: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[id]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(id + 1)
    }

    private mutating func rehash(_ capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for id in hashes.indices { place(id) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
