/// How a record's address was found in the house coordinates, from the strictest to the loosest.
public enum MatchMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// The street as written (outer spaces trimmed) and the house number and suffix as written
    /// (trimmed, joined: `12` + `a` = `12a`) are a row of the table.
    case exact
    /// The same normalised street (`StreetName`), number and suffix (`HouseNumber`).
    case normalised
    /// The same normalised street and number, the suffixes differ (`12a` for a table with `12` but
    /// no `12a`, or `12` for a table with only `12a`, `12b`): the table's address without suffix,
    /// else its first suffix in alphabetical order.
    case withoutSuffix = "without-suffix"
    /// The same normalised street, no row with this number: the nearest number of the same parity
    /// (the same side of the street under German odd/even numbering) within the geocoder's
    /// `maxNumberDistance`; at equal distance the lower number; its address without suffix, else its first.
    case nearestNumber = "nearest-number"
}

/// Why a record's address was not found.
public enum UnmatchedReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The street or the house number is empty.
    case emptyAddress = "empty-address"
    /// The house number is none (`o. Nr.`, `?`, `12#`).
    case badNumber = "bad-number"
    /// No street of that normalised name (in that municipality).
    case unknownStreet = "unknown-street"
    /// The street is there, but no number of the same parity within the limit.
    case unknownNumber = "unknown-number"
}

/// A found address: the table's coordinates and how they were found.
public struct GeocodeMatch: Sendable, Hashable {
    /// Easting and northing in the house-coordinate table's CRS.
    public var x: Double
    public var y: Double
    public var method: MatchMethod
    /// The table's house number and suffix that matched (differs from the record's for
    /// `without-suffix` and `nearest-number`).
    public var matched: HouseNumber
    /// The record's number was a range (`12-14`): its first number was matched.
    public var isRange: Bool
    /// The table row's line (1-based; the header is line 1).
    public var line: Int

    public init(x: Double, y: Double, method: MatchMethod, matched: HouseNumber, isRange: Bool, line: Int) {
        self.x = x
        self.y = y
        self.method = method
        self.matched = matched
        self.isRange = isRange
        self.line = line
    }
}

/// The outcome of geocoding one record: a match, or the reason there is none.
public enum GeocodeResult: Sendable, Hashable {
    case matched(GeocodeMatch)
    case unmatched(UnmatchedReason)

    /// The method's or the reason's name (`exact`, `unknown-street`).
    public var label: String {
        switch self {
        case .matched(let match): match.method.rawValue
        case .unmatched(let reason): reason.rawValue
        }
    }

    public var match: GeocodeMatch? {
        if case .matched(let match) = self { return match }
        return nil
    }
}
