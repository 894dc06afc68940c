import QuartierTable

/// The matching key of a street name: the spellings one street has in a register and in the house
/// coordinates (`Hauptstr.`, `Hauptstraße`, `HAUPTSTRASSE`, `Haupt-Str.`) give the same key.
///
/// Rules, applied to each character in order (the key is ASCII for German and other Latin names):
/// 1. Case: letters are lower-cased (`A`–`Z`, and the Latin-1 capitals `À`–`Þ`).
/// 2. Umlauts and ß as in German transliteration (DIN 5007-1, variant 2, the "name list" rule):
///    `ä`→`ae`, `ö`→`oe`, `ü`→`ue`, `ß` and `ẞ`→`ss`; so `Müllerstraße` = `Muellerstrasse`. A
///    combining diaeresis (U+0308, decomposed `u` + `̈`) after `a`/`o`/`u` gives the same `e`.
/// 3. Other Latin-1 letters lose their accent (`é`→`e`, `ç`→`c`, `ñ`→`n`, `ø`→`o`, `æ`→`ae`), as do
///    `š`, `ž` (→ `s`, `z`) and `œ` (→ `oe`).
/// 4. Separators are dropped: spaces (also tab and no-break space), `-` `–` `—`, `.`, `,`, `/`,
///    `_`, `(`, `)`, quotes and apostrophes (`'` `’` `´` `` ` `` `"`). So `Karl-Marx-Str.`,
///    `Karl Marx Str` and `KarlMarxstr` are one street; `Am Markt` and `Ammarkt` too (no German
///    street pair differs only by a space).
/// 5. `Str.`, `str.`, `Str` or `str` before a separator or at the end (the key so far ending in
///    `str`) is read as `strasse`: `Hauptstr.` = `Hauptstraße`, `Str. des 17. Juni` = `Straße des
///    17. Juni`. No other abbreviation is expanded (`Pl.` stays `pl`). Normalising a key again
///    gives the key (a fuzzed property).
/// 6. Digits and every other character are kept as they are (UTF-8 in the key).
///
/// Bytes are read in the file's encoding (UTF-8 or Windows-1252: `ä` is `C3 A4` or `E4`, the same
/// key); a byte that is not valid UTF-8 in a UTF-8 file is read as Windows-1252.
///
/// ```swift
/// StreetName.key("Hauptstr.") == StreetName.key("HAUPTSTRASSE")   // "hauptstrasse"
/// StreetName.key("Müller-Straße") == StreetName.key("Muellerstr")  // "muellerstrasse"
/// ```
/// Sources: DIN 5007-1:2005 (ordering of German names; umlaut and ß expansion); the abbreviation
/// `Str.` as in the Duden and the Hauskoordinaten of the Länder (AdV, "Georeferenzierte
/// Gebäudeadressen", data format description), which spell `straße` out.
public enum StreetName {
    /// The key of `text` (see the rules above).
    public static func key(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        let count = utf8.count
        return utf8.withUnsafeMutableBufferPointer { source in
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacityNeeded(count))
            defer { scratch.deallocate() }
            let length = normalise(UnsafePointer(source.baseAddress!), count, encoding: .utf8, into: scratch)
            return String(decoding: UnsafeBufferPointer(start: scratch, count: length), as: UTF8.self)
        }
    }

    /// The bytes `normalise` may write for `count` input bytes.
    @inlinable
    public static func capacityNeeded(_ count: Int) -> Int { 3 * count + 8 }

    /// Writes the key of `count` bytes at `source` (in `encoding`) to `target`, which must hold
    /// `capacityNeeded(count)` bytes; returns the key's length.
    /// - Complexity: O(count); no allocation.
    public static func normalise(_ source: UnsafePointer<UInt8>, _ count: Int, encoding: TextEncoding,
                                 into target: UnsafeMutablePointer<UInt8>) -> Int {
        var index = 0
        var length = 0
        var wordStart = 0
        @inline(__always) func endWord() {
            // `str` before a separator or the end → `strasse` (on the key so far, so that a separator
            // inside the letters, `St'r`, reads as the key itself would: normalising a key is a no-op).
            if length >= 3, target[length - 3] == 0x73, target[length - 2] == 0x74, target[length - 1] == 0x72 {
                target[length] = 0x61; target[length + 1] = 0x73; target[length + 2] = 0x73; target[length + 3] = 0x65
                length += 4
            }
            wordStart = length
        }
        @inline(__always) func emit(_ byte: UInt8) { target[length] = byte; length += 1 }
        while index < count {
            let byte = source[index]
            var scalar: UInt32
            if byte < 0x80 {
                index += 1
                switch byte {
                case 0x41...0x5A: emit(byte | 0x20); continue
                case 0x61...0x7A, 0x30...0x39: emit(byte); continue
                case 0x20, 0x09, 0x2D, 0x2E, 0x2C, 0x2F, 0x5F, 0x28, 0x29, 0x27, 0x22, 0x60: endWord(); continue
                default: emit(byte); continue
                }
            }
            // A multi-byte UTF-8 sequence, else one Windows-1252 byte.
            var width = 1
            if encoding == .utf8, let (decoded, used) = decodeUTF8(source, index, count) {
                scalar = decoded
                width = used
            } else {
                scalar = windows1252(byte)
            }
            let sequenceStart = index
            index += width
            switch scalar {
            case 0xC0...0xFF:
                let folded = latin1Fold(scalar)
                if folded == 0 {
                    endWord()
                } else {
                    emit(UInt8(truncatingIfNeeded: folded))
                    if folded > 0xFF { emit(UInt8(truncatingIfNeeded: folded >> 8)) }
                }
            case 0xA0, 0xB4, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E: endWord()
            case 0x1E9E: emit(0x73); emit(0x73)
            case 0x0160, 0x0161: emit(0x73)
            case 0x017D, 0x017E: emit(0x7A)
            case 0x0152, 0x0153: emit(0x6F); emit(0x65)
            case 0x0308:
                if length > wordStart {
                    let previous = target[length - 1]
                    if previous == 0x61 || previous == 0x6F || previous == 0x75 { emit(0x65) }
                }
            default:
                if width > 1 {
                    for offset in 0..<width { emit(source[sequenceStart + offset]) }
                } else {
                    appendUTF8(scalar, to: target, at: &length)
                }
            }
        }
        endWord()
        return length
    }

    /// The scalar of the UTF-8 sequence at `index` and its length; nil when the bytes there are
    /// not a well-formed sequence of 2 to 4 bytes.
    @inline(__always)
    static func decodeUTF8(_ source: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> (UInt32, Int)? {
        let lead = source[index]
        let width: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: width = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: width = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: width = 4; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + width <= count else { return nil }
        for offset in 1..<width {
            let next = source[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        // No overlong form, no surrogate, nothing above U+10FFFF (what String(decoding:) would replace).
        switch width {
        case 3: guard scalar >= 0x800 && !(0xD800...0xDFFF).contains(scalar) else { return nil }
        case 4: guard scalar >= 0x10000 && scalar <= 0x10FFFF else { return nil }
        default: break
        }
        return (scalar, width)
    }

    /// Appends the UTF-8 form of `scalar`.
    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to target: UnsafeMutablePointer<UInt8>, at length: inout Int) {
        if scalar < 0x80 {
            target[length] = UInt8(scalar); length += 1
        } else if scalar < 0x800 {
            target[length] = UInt8(0xC0 | scalar >> 6); target[length + 1] = UInt8(0x80 | scalar & 0x3F); length += 2
        } else {
            target[length] = UInt8(0xE0 | scalar >> 12); target[length + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            target[length + 2] = UInt8(0x80 | scalar & 0x3F); length += 3
        }
    }

    /// The Unicode scalar of a Windows-1252 byte (0x80–0x9F are the typographic characters).
    @inline(__always)
    static func windows1252(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0x80: 0x20AC
        case 0x8A: 0x0160
        case 0x8C: 0x0152
        case 0x8E: 0x017D
        case 0x91: 0x2018
        case 0x92: 0x2019
        case 0x93: 0x201C
        case 0x94: 0x201D
        case 0x84: 0x201E
        case 0x96: 0x2013
        case 0x97: 0x2014
        case 0x9A: 0x0161
        case 0x9C: 0x0153
        case 0x9E: 0x017E
        default: UInt32(byte)
        }
    }

    /// The ASCII letters of a Latin-1 letter U+00C0–U+00FF, packed little-endian (`ä` → `ae`);
    /// 0 for `×` and `÷` (separators).
    @inline(__always)
    static func latin1Fold(_ scalar: UInt32) -> UInt32 {
        let a: UInt32 = 0x61, e: UInt32 = 0x65
        if scalar == 0xDF { return 0x73 | 0x73 << 8 }  // ß
        switch scalar | 0x20 {  // fold capitals (C0–DE) onto small letters (E0–FE)
        case 0xE0, 0xE1, 0xE2, 0xE3, 0xE5: return a
        case 0xE4, 0xE6: return a | e << 8
        case 0xE7: return 0x63
        case 0xE8, 0xE9, 0xEA, 0xEB: return e
        case 0xEC, 0xED, 0xEE, 0xEF: return 0x69
        case 0xF0: return 0x64
        case 0xF1: return 0x6E
        case 0xF2, 0xF3, 0xF4, 0xF5, 0xF8: return 0x6F
        case 0xF6: return 0x6F | e << 8
        case 0xF9, 0xFA, 0xFB: return 0x75
        case 0xFC: return 0x75 | e << 8
        case 0xFD, 0xFF: return 0x79
        case 0xFE: return 0x74 | 0x68 << 8
        case 0xF7: return 0  // × (D7) and ÷ (F7)
        default: return 0
        }
    }
}
