import QuartierTable

/// A house number read from a register or a house-coordinate table: the number, its suffix
/// (Hausnummernzusatz) and, for a range, the last number.
///
/// Rules (the number field, then the optional suffix field; case and spaces do not matter):
/// - `12` → 12; `12a`, `12 A`, `12-a`, `12.a` → 12 with suffix `a`; `12 bis` → suffix `bis`.
/// - `12-14`, `12 – 14`, `12-14a` → a **range**: 12, `rangeEnd` 14; a geocoder matches its first
///   number and says so. `12a-c` → 12 `a` (a range of suffixes: the first).
/// - `12/14` is a range when the second number is larger and of the same parity (a double house
///   12/14); otherwise, as in Baden-Württemberg's sub-numbers, `12/1` is 12 with suffix `1`.
/// - `12 1/2` and `12½` → 12 with suffix `1/2`.
/// - A separate suffix field is read the same way (letters and digits, lower-cased; spaces, `.`
///   and `-` dropped) and joined to a suffix in the number field unless the two are equal.
/// - Empty (or spaces only) → `.empty`; anything else (no leading digit such as `o. Nr.`, more
///   than six digits, other characters) → `.bad`.
///
/// ```swift
/// HouseNumber.parse("12 A") == .number(HouseNumber(number: 12, suffix: "a"))
/// HouseNumber.parse("12-14") == .number(HouseNumber(number: 12, suffix: "", rangeEnd: 14))
/// ```
/// Source: the AdV's description of the Hauskoordinaten (house number `hnr` and suffix `adz` as
/// separate fields) and the numbering customs of German municipalities (ranges for double houses,
/// sub-numbers `12/1` in Baden-Württemberg).
public struct HouseNumber: Hashable, Sendable, CustomStringConvertible {
    public var number: Int
    /// Lower-case letters and digits (`a`, `1/2`); empty when there is none.
    public var suffix: String
    /// The last number of a range (`12-14` → 14).
    public var rangeEnd: Int?

    public init(number: Int, suffix: String = "", rangeEnd: Int? = nil) {
        self.number = number
        self.suffix = suffix
        self.rangeEnd = rangeEnd
    }

    /// `12a`, `12-14`.
    public var description: String { "\(number)\(suffix)" + (rangeEnd.map { "-\($0)" } ?? "") }

    /// What a number field (and suffix field) held.
    public enum Parsed: Hashable, Sendable {
        case number(HouseNumber)
        /// Nothing (or spaces only) in the number field.
        case empty
        /// Not a house number.
        case bad
    }

    /// Reads `number` and `suffix` by the rules above.
    public static func parse(_ number: String, suffix: String = "") -> Parsed {
        var numberBytes = Array(number.utf8), suffixBytes = Array(suffix.utf8)
        return numberBytes.withUnsafeMutableBufferPointer { n in
            suffixBytes.withUnsafeMutableBufferPointer { s in
                let parsed = parseBytes(UnsafeBufferPointer(n), UnsafeBufferPointer(s), encoding: .utf8)
                switch parsed.outcome {
                case .empty: return .empty
                case .bad: return .bad
                case .number:
                    return .number(HouseNumber(number: Int(parsed.number), suffix: parsed.suffixText,
                                               rangeEnd: parsed.rangeEnd < 0 ? nil : Int(parsed.rangeEnd)))
                }
            }
        }
    }

    // MARK: - Byte level

    /// The outcome of `parseBytes` without allocation: the suffix as a sortable key.
    struct Bytes {
        enum Outcome { case number, empty, bad }
        var outcome: Outcome
        var number: Int32 = 0
        var rangeEnd: Int32 = -1
        /// The suffix packed (see `SuffixKey`).
        var suffix: UInt64 = 0
        /// The suffix's text (only kept for the String API and messages).
        var suffixText: String { SuffixKey.text(suffix) }
    }

    static let maxDigits = 6

    /// Parses the bytes of a number field and a suffix field (either may be empty).
    /// - Complexity: O(n); no allocation.
    static func parseBytes(_ number: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>,
                           encoding: TextEncoding) -> Bytes {
        var builder = SuffixKey.Builder()
        var index = skipSpaces(number, 0)
        if index == number.count { return Bytes(outcome: .empty) }
        guard let (value, afterDigits) = digits(number, index) else { return Bytes(outcome: .bad) }
        var result = Bytes(outcome: .number, number: value)
        index = skipSpaces(number, afterDigits)
        var suffixDone = false
        while index < number.count {
            let byte = number[index]
            if let dashWidth = dash(number, index, encoding) {
                let next = skipSpaces(number, index + dashWidth)
                if next < number.count, let (end, afterEnd) = digits(number, next) {
                    let isSlash = byte == 0x2F
                    if isSlash && !(end > value && (end - value) % 2 == 0) {
                        // 12/1: a sub-number, the suffix `1`; `12 1/2` came as suffix `1` + `/2` below.
                        guard builder.isEmpty else { return Bytes(outcome: .bad) }
                        builder.appendDigits(number, next, afterEnd)
                    } else if result.rangeEnd < 0 {
                        result.rangeEnd = end
                    }
                    // Letters after the range's last number (`12-14a`) belong to it: skipped.
                    index = afterEnd
                    while index < number.count, isLetter(number[index]) { index += 1 }
                    suffixDone = true
                } else if next < number.count, isLetter(number[next]), !suffixDone {
                    index = next  // `12-a`: a hyphen before the suffix
                } else if next < number.count, isLetter(number[next]), suffixDone, result.rangeEnd < 0 {
                    // `12a-c`: a range of suffixes, the first one counts.
                    result.rangeEnd = value
                    index = next
                    while index < number.count, isLetter(number[index]) { index += 1 }
                } else {
                    return Bytes(outcome: .bad)
                }
            } else if isLetter(byte) {
                guard !suffixDone else { return Bytes(outcome: .bad) }
                while index < number.count, isLetter(number[index]) {
                    guard builder.append(number[index] | 0x20) else { return Bytes(outcome: .bad) }
                    index += 1
                }
                suffixDone = true
            } else if let width = half(number, index, encoding) {
                guard !suffixDone else { return Bytes(outcome: .bad) }
                builder.appendHalf()
                index += width
                suffixDone = true
            } else if byte == 0x2E {
                index += 1  // `12.a`, `12.`
            } else if byte &- 0x30 < 10 {
                // `12 1/2`: digits after a space are only a half.
                guard let (one, after) = digits(number, index), one == 1, after + 2 < number.count + 1,
                      after + 1 < number.count, number[after] == 0x2F, number[after + 1] == 0x32,
                      !suffixDone else { return Bytes(outcome: .bad) }
                builder.appendHalf()
                index = after + 2
                suffixDone = true
            } else {
                return Bytes(outcome: .bad)
            }
            index = skipSpaces(number, index)
        }
        // The suffix field.
        var field = SuffixKey.Builder()
        var position = 0
        while position < suffix.count {
            let byte = suffix[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x2E || byte == 0x2D {
                position += 1
            } else if isLetter(byte) || byte &- 0x30 < 10 || byte == 0x2F {
                guard field.append(isLetter(byte) ? byte | 0x20 : byte) else { return Bytes(outcome: .bad) }
                position += 1
            } else if let width = half(suffix, position, encoding) {
                field.appendHalf()
                position += width
            } else if let width = spaceWidth(suffix, position) {
                position += width
            } else {
                return Bytes(outcome: .bad)
            }
        }
        if !field.isEmpty && field.key != builder.key {
            guard builder.append(contentsOf: field) else { return Bytes(outcome: .bad) }
        }
        result.suffix = builder.key
        return result
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Digits at `index` (at most `maxDigits`) and the index after them.
    @inline(__always)
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Int32, Int)? {
        var position = index
        var value: Int32 = 0
        while position < bytes.count, bytes[position] &- 0x30 < 10 {
            guard position - index < maxDigits else { return nil }
            value = value * 10 + Int32(bytes[position] &- 0x30)
            position += 1
        }
        return position == index ? nil : (value, position)
    }

    /// The width of a space (space, tab, no-break space in UTF-8 or Windows-1252) at `index`.
    @inline(__always)
    static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 || byte == 0xA0 { return 1 }
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
        return nil
    }

    @inline(__always)
    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        var position = index
        while position < bytes.count, let width = spaceWidth(bytes, position) { position += width }
        return position
    }

    /// The width of `-`, `/` or an en dash (UTF-8 `E2 80 93`, Windows-1252 `96`) at `index`.
    @inline(__always)
    static func dash(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ encoding: TextEncoding) -> Int? {
        let byte = bytes[index]
        if byte == 0x2D || byte == 0x2F { return 1 }
        if encoding == .windows1252 { return byte == 0x96 ? 1 : nil }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x93 { return 3 }
        return nil
    }

    /// The width of `½` (UTF-8 `C2 BD`, Windows-1252 `BD`) at `index`.
    @inline(__always)
    static func half(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ encoding: TextEncoding) -> Int? {
        if encoding == .windows1252 { return bytes[index] == 0xBD ? 1 : nil }
        return bytes[index] == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xBD ? 2 : nil
    }
}

/// A house-number suffix as one sortable `UInt64`: up to 8 ASCII bytes packed big-endian (so the
/// integer order is the text order, and no suffix is 0); a longer suffix is its 64-bit FNV-1a hash
/// with the top bit set (ASCII never sets it).
enum SuffixKey {
    static let none: UInt64 = 0

    /// The text of a key (`?` for a hashed long suffix).
    static func text(_ key: UInt64) -> String {
        if key == 0 { return "" }
        if key >> 63 != 0 { return "?" }
        var bytes: [UInt8] = []
        var shift = 56
        while shift >= 0 {
            let byte = UInt8(truncatingIfNeeded: key >> UInt64(shift))
            if byte != 0 { bytes.append(byte) }
            shift -= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Collects suffix bytes without allocating.
    struct Builder {
        private(set) var packed: UInt64 = 0
        private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        private(set) var count = 0
        static let maxCount = 32

        var isEmpty: Bool { count == 0 }

        /// Adds one byte; false when the suffix grows beyond `maxCount` bytes.
        @inline(__always)
        mutating func append(_ byte: UInt8) -> Bool {
            guard count < Self.maxCount else { return false }
            if count < 8 { packed = packed << 8 | UInt64(byte) }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            count += 1
            return true
        }

        mutating func appendHalf() {
            _ = append(0x31); _ = append(0x2F); _ = append(0x32)
        }

        mutating func appendDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
            for index in from..<to { _ = append(bytes[index]) }
        }

        /// Appends another builder's bytes (only its first 8 are known: longer ones fail).
        mutating func append(contentsOf other: Builder) -> Bool {
            guard other.count <= 8 else { return false }
            var shift = (other.count - 1) * 8
            while shift >= 0 {
                guard append(UInt8(truncatingIfNeeded: other.packed >> UInt64(shift))) else { return false }
                shift -= 8
            }
            return true
        }

        var key: UInt64 {
            if count == 0 { return 0 }
            if count > 8 { return hash | 1 << 63 }
            return packed << UInt64(8 * (8 - count))
        }
    }
}
