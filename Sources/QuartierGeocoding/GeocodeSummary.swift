import Foundation

/// What geocoding a file gave: every record is counted once, under its method or its reason, so
/// `records = matched + unmatched`, `matched = Σ methods`, `unmatched = Σ reasons`.
public struct GeocodeSummary: Sendable, Hashable, Codable {
    public var file: String
    public var houseCoordinates: String
    public var records = 0
    public var matched = 0
    public var unmatched = 0
    /// matched / records (0 for no records).
    public var matchRate: Double { records == 0 ? 0 : Double(matched) / Double(records) }
    /// Matched records per `MatchMethod` (every method listed, 0 included).
    public var methods: [String: Int] = Dictionary(uniqueKeysWithValues: MatchMethod.allCases.map { ($0.rawValue, 0) })
    /// Unmatched records per `UnmatchedReason` (every reason listed).
    public var reasons: [String: Int] = Dictionary(uniqueKeysWithValues: UnmatchedReason.allCases.map { ($0.rawValue, 0) })
    /// Matched records whose number was a range (`12-14`, matched on 12).
    public var ranges = 0
    /// Rows of the house-coordinate table, its distinct normalised streets, and rows whose
    /// normalised address was already there (kept; the first in file order serves non-exact matches).
    public var addresses = 0
    public var streets = 0
    public var duplicateAddresses = 0
    public var maxNumberDistance = 0

    public init(file: String, houseCoordinates: String) {
        self.file = file
        self.houseCoordinates = houseCoordinates
    }

    enum CodingKeys: String, CodingKey {
        case file, houseCoordinates = "house_coordinates", records, matched, unmatched, matchRate = "match_rate"
        case methods, reasons, ranges, addresses, streets, duplicateAddresses = "duplicate_addresses"
        case maxNumberDistance = "max_number_distance"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        houseCoordinates = try container.decode(String.self, forKey: .houseCoordinates)
        records = try container.decode(Int.self, forKey: .records)
        matched = try container.decode(Int.self, forKey: .matched)
        unmatched = try container.decode(Int.self, forKey: .unmatched)
        methods = try container.decode([String: Int].self, forKey: .methods)
        reasons = try container.decode([String: Int].self, forKey: .reasons)
        ranges = try container.decode(Int.self, forKey: .ranges)
        addresses = try container.decode(Int.self, forKey: .addresses)
        streets = try container.decode(Int.self, forKey: .streets)
        duplicateAddresses = try container.decode(Int.self, forKey: .duplicateAddresses)
        maxNumberDistance = try container.decode(Int.self, forKey: .maxNumberDistance)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(houseCoordinates, forKey: .houseCoordinates)
        try container.encode(records, forKey: .records)
        try container.encode(matched, forKey: .matched)
        try container.encode(unmatched, forKey: .unmatched)
        try container.encode((matchRate * 1e6).rounded() / 1e6, forKey: .matchRate)
        try container.encode(methods, forKey: .methods)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(ranges, forKey: .ranges)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(streets, forKey: .streets)
        try container.encode(duplicateAddresses, forKey: .duplicateAddresses)
        try container.encode(maxNumberDistance, forKey: .maxNumberDistance)
    }

    /// The summary as JSON (sorted keys: the same summary gives the same bytes).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// One line for stderr: `geocode: 1000 records, 950 matched (95.00 %): exact 800, … ; unmatched 50: unknown-street 30, …`.
    public var line: String {
        let rate = String(format: "%.2f", 100 * matchRate)
        let methodText = MatchMethod.allCases.map { "\($0.rawValue) \(methods[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        let reasonText = UnmatchedReason.allCases.map { "\($0.rawValue) \(reasons[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        return "geocode: \(records) records, \(matched) matched (\(rate) %): \(methodText); \(ranges) ranges; unmatched \(unmatched): \(reasonText)"
    }

    /// Adds tallies indexed by `Geocoder.Found.Code` (methods first, then reasons).
    mutating func add(tallies: [Int], ranges: Int) {
        let methodCases = MatchMethod.allCases, reasonCases = UnmatchedReason.allCases
        for (offset, method) in methodCases.enumerated() {
            methods[method.rawValue, default: 0] += tallies[offset]
            matched += tallies[offset]
        }
        for (offset, reason) in reasonCases.enumerated() {
            reasons[reason.rawValue, default: 0] += tallies[methodCases.count + offset]
            unmatched += tallies[methodCases.count + offset]
        }
        records += tallies.reduce(0, +)
        self.ranges += ranges
    }
}
