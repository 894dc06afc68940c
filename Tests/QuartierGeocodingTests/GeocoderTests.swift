import QuartierGeocoding
import Testing

@Suite("Geocoder: address spellings against house coordinates")
struct GeocoderTests {
    /// A small house-coordinate table; x encodes the row (1000 + row) so a test sees which row matched.
    static let table: [HouseAddress] = {
        let rows: [(String, String, String)] = [
            ("Hauptstraße", "10", ""), ("Hauptstraße", "12", ""), ("Hauptstraße", "12", "b"), ("Hauptstraße", "14", ""),
            ("Hauptstraße", "15", ""), ("Müllerstraße", "1", ""), ("Müllerstraße", "3", ""), ("Müllerstraße", "5", "a"),
            ("Karl-Marx-Straße", "100", ""), ("Am Markt", "2", ""), ("Straße des 17. Juni", "1", ""),
            ("Goethestraße", "7", "a"), ("Goethestraße", "7", "c"),
            // `12B` as written exists (on another street): `Hauptstraße 12 B` must still be only normalised.
            ("Goethestraße", "12", "B"),
        ]
        return rows.enumerated().map { HouseAddress(street: $1.0, number: $1.1, suffix: $1.2, x: Double(1000 + $0), y: 5_000_000) }
    }()

    static let geocoder = try! Geocoder(index: AddressIndex(addresses: table))

    /// (street, number, suffix) → method or reason, and the table row (x − 1000) it matched.
    static let spellingCases: [(String, String, String, String, Int)] = [
        ("Hauptstraße", "12", "", "exact", 1),
        ("  Hauptstraße ", " 12", "", "exact", 1),
        ("Hauptstraße", "12b", "", "exact", 2),
        ("Hauptstraße", "12", "b", "exact", 2),
        ("Hauptstr.", "12", "", "normalised", 1),
        ("HAUPTSTRASSE", "12", "", "normalised", 1),
        ("Hauptstrasse", "12", "", "normalised", 1),
        ("Hauptstr.", "12 B", "", "normalised", 2),
        ("Hauptstraße", "12 b", "", "normalised", 2),
        ("Hauptstraße", "12", "B", "normalised", 2),
        ("Muellerstr.", "3", "", "normalised", 6),
        ("Müllerstrasse", "5 a", "", "normalised", 7),
        ("Karl Marx Str", "100", "", "normalised", 8),
        ("Str. des 17. Juni", "1", "", "normalised", 10),
        ("Straße des 17. Juni", "1", "", "exact", 10),
        ("Hauptstraße", "12a", "", "without-suffix", 1),
        ("Hauptstraße", "12 1/2", "", "without-suffix", 1),
        ("Müllerstraße", "5", "", "without-suffix", 7),
        ("Goethestraße", "7", "", "without-suffix", 11),
        ("Goethestraße", "7", "b", "without-suffix", 11),
        ("Hauptstraße", "16", "", "nearest-number", 3),
        ("Hauptstraße", "13", "", "nearest-number", 4),
        ("Hauptstraße", "11", "", "nearest-number", 4),
        ("Hauptstraße", "8", "", "nearest-number", 0),
        ("Hauptstraße", "6", "", "nearest-number", 0),
        ("Müllerstraße", "7", "", "nearest-number", 7),
        ("Hauptstraße", "20", "", "unknown-number", -1),
        ("Hauptstraße", "21", "", "unknown-number", -1),
        ("Hauptstraße", "19", "", "nearest-number", 4),
        ("Am Markt", "1", "", "unknown-number", -1),
        ("Schillerstraße", "1", "", "unknown-street", -1),
        ("Hauptweg", "12", "", "unknown-street", -1),
        ("Str. d. 17. Juni", "1", "", "unknown-street", -1),
        ("", "12", "", "empty-address", -1),
        ("Hauptstraße", "", "", "empty-address", -1),
        ("Hauptstraße", "  ", "a", "empty-address", -1),
        ("Hauptstraße", "o. Nr.", "", "bad-number", -1),
        ("Hauptstraße", "12#", "", "bad-number", -1),
    ]

    /// (street, number, suffix) → method or reason, and the table row (x − 1000) it matched.
    @Test("each spelling gets its method and row", arguments: spellingCases)
    func spellings(street: String, number: String, suffix: String, label: String, row: Int) {
        let result = Self.geocoder.geocode(street: street, number: number, suffix: suffix)
        #expect(result.label == label)
        #expect(result.match.map { Int($0.x) - 1000 } ?? -1 == row)
    }

    /// The table with a far house number on each street: every street is then too sparse for
    /// direct number slots and is binary-searched; the far rows (appended) change no answer below.
    static let sparseGeocoder: Geocoder = {
        let streets = ["Hauptstraße", "Müllerstraße", "Karl-Marx-Straße", "Am Markt", "Straße des 17. Juni", "Goethestraße"]
        let far = streets.map { HouseAddress(street: $0, number: "90000", x: 0, y: 0) }
        return try! Geocoder(index: AddressIndex(addresses: table + far))
    }()

    @Test("dense streets (direct number slots) and sparse ones (binary search) give the same answers",
          arguments: spellingCases)
    func slotsAndSearchAgree(street: String, number: String, suffix: String, label: String, row: Int) {
        // All but Karl-Marx-Straße (one house, number 100: too sparse) have direct slots.
        #expect(Self.geocoder.index.slottedStreetCount == Self.geocoder.index.streetCount - 1)
        #expect(Self.sparseGeocoder.index.slottedStreetCount == 0)
        let result = Self.sparseGeocoder.geocode(street: street, number: number, suffix: suffix)
        #expect(result.label == label)
        #expect(result.match.map { Int($0.x) - 1000 } ?? -1 == row)
    }

    @Test("matching for the entry only (labelsExact false) finds the same house; only exact becomes normalised",
          arguments: spellingCases)
    func entryOnly(street: String, number: String, suffix: String, label: String, row: Int) {
        let matcher = GeocoderFieldMatcher(geocoder: Self.geocoder)
        let outcome = Array(street.utf8).withUnsafeBufferPointer { s in Array(number.utf8).withUnsafeBufferPointer { n in
            Array(suffix.utf8).withUnsafeBufferPointer { x in matcher.matchEntry(street: s, number: n, suffix: x, encoding: .utf8, labelsExact: false) } } }
        switch outcome {
        case .entry(let entry, let method):
            #expect(Int(matcher.geocoder.coordinates(ofEntry: entry).x) - 1000 == row)
            #expect(method.rawValue == (label == "exact" ? "normalised" : label))
        case .unmatched(let reason):
            #expect(row == -1)
            #expect(reason.rawValue == label)
        }
    }

    @Test("a range matches its first number and says so")
    func range() throws {
        let match = try #require(Self.geocoder.geocode(street: "Karl-Marx-Straße", number: "100-102").match)
        #expect(match.method == .normalised)
        #expect(match.isRange)
        #expect(match.matched == HouseNumber(number: 100))
        #expect(Self.geocoder.geocode(street: "Karl-Marx-Straße", number: "100").match?.isRange == false)
    }

    @Test("nearest-number honours the limit and the parity")
    func limit() {
        let strict = Geocoder(index: Self.geocoder.index, maxNumberDistance: 0)
        #expect(strict.geocode(street: "Hauptstraße", number: "16").label == "unknown-number")
        let wide = Geocoder(index: Self.geocoder.index, maxNumberDistance: 10)
        #expect(wide.geocode(street: "Hauptstraße", number: "20").match?.matched.number == 14)
        // 17 is odd: the even 14 and 16-ish numbers nearby never serve it, 15 does.
        #expect(Self.geocoder.geocode(street: "Hauptstraße", number: "17").match?.matched.number == 15)
    }

    @Test("two rows of one normalised address: the exact spelling wins, else the first")
    func duplicates() throws {
        let index = try AddressIndex(addresses: [
            HouseAddress(street: "Hauptstraße", number: "12", x: 1, y: 1),
            HouseAddress(street: "Hauptstr.", number: "12", x: 2, y: 2),
        ])
        #expect(index.duplicates == 1)
        let geocoder = Geocoder(index: index)
        #expect(geocoder.geocode(street: "Hauptstr.", number: "12").match?.x == 2)
        #expect(geocoder.geocode(street: "Hauptstr.", number: "12").label == "exact")
        #expect(geocoder.geocode(street: "HAUPTSTR", number: "12").match?.x == 1)
    }

    @Test("municipality keys tell one street name in two municipalities apart")
    func municipalities() throws {
        let index = try AddressIndex(addresses: [
            HouseAddress(street: "Hauptstraße", number: "1", x: 1, y: 1, municipality: "05315000"),
            HouseAddress(street: "Hauptstraße", number: "1", x: 2, y: 2, municipality: "05111000"),
        ])
        let geocoder = Geocoder(index: index)
        #expect(geocoder.geocode(street: "Hauptstr.", number: "1", municipality: "05111000").match?.x == 2)
        #expect(geocoder.geocode(street: "Hauptstr.", number: "1", municipality: "05315000").match?.x == 1)
        #expect(geocoder.geocode(street: "Hauptstr.", number: "1", municipality: "05999000").label == "unknown-street")
        #expect(geocoder.geocode(street: "Hauptstr.", number: "1").label == "unknown-street")
    }

    @Test("a street key finds the street whatever the name says")
    func streetKeys() throws {
        let index = try AddressIndex(addresses: [
            HouseAddress(street: "Hauptstraße", number: "1", x: 1, y: 1, streetKey: "01234"),
            HouseAddress(street: "Nebenweg", number: "1", x: 2, y: 2, streetKey: "05678"),
        ])
        let geocoder = Geocoder(index: index)
        #expect(geocoder.geocode(street: "Hauptsrtaße", number: "1", streetKey: "01234").match?.x == 1)
        #expect(geocoder.geocode(street: "Hauptstraße", number: "1", streetKey: "05678").match?.x == 2)
        // An unknown key falls back to the name.
        #expect(geocoder.geocode(street: "Hauptstraße", number: "1", streetKey: "09999").match?.x == 1)
    }

    @Test("a house-coordinate row without a house number is an error naming it")
    func badTableRow() {
        #expect(throws: (any Error).self) {
            _ = try AddressIndex(addresses: [HouseAddress(street: "Hauptstraße", number: "o. Nr.", x: 1, y: 1)])
        }
        #expect(throws: (any Error).self) {
            _ = try AddressIndex(addresses: [HouseAddress(street: " ", number: "1", x: 1, y: 1)])
        }
    }
}
