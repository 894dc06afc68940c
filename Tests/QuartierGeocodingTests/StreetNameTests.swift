import QuartierGeocoding
import QuartierTable
import Testing

@Suite("StreetName: normalised street keys")
struct StreetNameTests {
    /// Spellings of one street that must give one key.
    @Test("spellings of one street give one key", arguments: [
        ("Hauptstraße", "hauptstrasse"),
        ("Hauptstr.", "hauptstrasse"),
        ("Hauptstr", "hauptstrasse"),
        ("HAUPTSTRASSE", "hauptstrasse"),
        ("hauptstrasse", "hauptstrasse"),
        ("Haupt-Str.", "hauptstrasse"),
        ("  Haupt Straße ", "hauptstrasse"),
        ("Müllerstraße", "muellerstrasse"),
        ("Muellerstr.", "muellerstrasse"),
        ("MÜLLERSTRASSE", "muellerstrasse"),
        ("Mu\u{0308}llerstraße", "muellerstrasse"),
        ("Karl-Marx-Str.", "karlmarxstrasse"),
        ("Karl Marx Straße", "karlmarxstrasse"),
        ("Str. des 17. Juni", "strassedes17juni"),
        ("Straße des 17. Juni", "strassedes17juni"),
        ("Am Markt", "ammarkt"),
        ("Köln-Düsseldorfer Weg", "koelnduesseldorferweg"),
        ("Görlitzer Ufer", "goerlitzerufer"),
        ("Rue d’Été", "ruedete"),
        ("GROẞE BLEICHE", "grossebleiche"),
        ("Königsallee", "koenigsallee"),
        ("Bahnhofstr.12", "bahnhofstrasse12"),
    ])
    func keys(spelling: String, key: String) {
        #expect(StreetName.key(spelling) == key)
    }

    /// Names that must stay apart: only `str` closing a word is expanded, letters are not dropped.
    @Test("different streets keep different keys", arguments: [
        ("Hauptstraße", "Hauptweg"),
        ("Elsterstraße", "Elstrstraße"),
        ("Marktplatz", "Marktpl."),
        ("Stresemannstraße", "Strasemannstraße"),
        ("Müllerstraße", "Mullerstraße"),
        ("Straße 1", "Straße 11"),
    ])
    func distinct(a: String, b: String) {
        #expect(StreetName.key(a) != StreetName.key(b))
    }

    @Test("Windows-1252 bytes give the UTF-8 key", arguments: [
        ([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x73, 0x74, 0x72, 0x61, 0xDF, 0x65] as [UInt8], "muellerstrasse"), // Müllerstraße
        ([0x4B, 0xD6, 0x4E, 0x49, 0x47, 0x2D, 0x53, 0x54, 0x52, 0x2E], "koenigstrasse"),                   // KÖNIG-STR.
        ([0x41, 0x20, 0x96, 0x20, 0x42], "ab"),                                                             // A – B (en dash)
    ])
    func windows1252(bytes: [UInt8], key: String) {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: StreetName.capacityNeeded(bytes.count))
        defer { out.deallocate() }
        let length = bytes.withUnsafeBufferPointer { StreetName.normalise($0.baseAddress!, $0.count, encoding: .windows1252, into: out) }
        #expect(String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self) == key)
    }

    @Test("a byte that is not UTF-8 in a UTF-8 field is read as Windows-1252")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]  // "Müller" in Windows-1252
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: StreetName.capacityNeeded(bytes.count))
        defer { out.deallocate() }
        let length = bytes.withUnsafeBufferPointer { StreetName.normalise($0.baseAddress!, $0.count, encoding: .utf8, into: out) }
        #expect(String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self) == "mueller")
    }

    @Test("edge cases", arguments: [
        ("", ""),
        ("   ", ""),
        ("...", ""),
        ("str", "strasse"),
        ("Ö", "oe"),
        ("日本橋", "日本橋"),
        // Found by Fuzz/run.sh: a separator inside `str` left a key ending in `str`, which a second pass expanded.
        ("Hau/t2'2'st''r''", "haut22strasse"),
    ])
    func edges(spelling: String, key: String) {
        #expect(StreetName.key(spelling) == key)
    }

    @Test("normalising a key again gives the key", arguments: [
        "Hau/t2'2'st''r''", "Hauptstr.", "S T R", "Mu\u{0308}ller", "A – B", "Straße des 17. Juni", "ÆØÅ", "x\u{0308}y",
    ])
    func idempotent(spelling: String) {
        #expect(StreetName.key(StreetName.key(spelling)) == StreetName.key(spelling))
    }
}
