import Quartier
import QuartierBase
import QuartierTable

/// Where an address is: its coordinates and how they were found, or why none were.
public enum AddressMatch: Sendable, Hashable {
    /// Located at (x, y) in the house-coordinate table's CRS; `method` says how (`exact`).
    case located(x: Double, y: Double, method: String)
    /// Not located; `reason` is short and countable (`unknown street`, `unknown house number`).
    case unmatched(reason: String)
}

/// The seam through which a monitoring locates records at an address: street, house number and
/// suffix in, coordinates (or the reason there are none) out. Called once per record.
///
/// `ExactAddressTable` implements it by exact match for now; at merge, QuartierGeocoding's
/// `Geocoder` (normalised street names and house numbers, documented fallbacks, each match with
/// its method) takes its place behind this protocol.
public protocol AddressLocator: Sendable {
    func locate(street: String, number: String, suffix: String) -> AddressMatch
}

/// A house-coordinate table (Hauskoordinaten: street, house number, suffix, easting, northing)
/// matched exactly: fields trimmed of spaces, nothing else normalised (no case folding, no
/// `Str.`/`Straße`): a stand-in until QuartierGeocoding's `Geocoder` is merged.
public struct ExactAddressTable: AddressLocator {
    private var coordinates: [String: (x: Double, y: Double)] = [:]
    private var streets: Set<String> = []
    public var count: Int { coordinates.count }

    /// Reads the table; a row without a number in x or y, or an address twice, is an error naming its line.
    public init(spec: HouseCoordinateSpec) throws {
        let reader = try CSVRecordReader(path: spec.file)
        let street = try reader.columnIndex(spec.street), number = try reader.columnIndex(spec.number)
        let suffix = try spec.suffix.map(reader.columnIndex)
        let x = try reader.columnIndex(spec.x), y = try reader.columnIndex(spec.y)
        var coordinates: [String: (x: Double, y: Double)] = [:]
        var streets: Set<String> = []
        try reader.forEachRecord { record in
            guard let easting = record.double(x) else { throw reader.error(record, column: x, expected: "a number (easting)") }
            guard let northing = record.double(y) else { throw reader.error(record, column: y, expected: "a number (northing)") }
            let name = record.string(street).trimmingCharacters(in: .whitespaces)
            let key = Self.key(name, record.string(number), suffix.map { record.string($0) } ?? "")
            guard coordinates[key] == nil else {
                throw reader.error(record, column: number, expected: "each address once (this one is there twice)")
            }
            coordinates[key] = (easting, northing)
            streets.insert(name)
        }
        self.coordinates = coordinates
        self.streets = streets
    }

    public func locate(street: String, number: String, suffix: String) -> AddressMatch {
        let name = street.trimmingCharacters(in: .whitespaces)
        if let point = coordinates[Self.key(name, number, suffix)] { return .located(x: point.x, y: point.y, method: "exact") }
        return .unmatched(reason: streets.contains(name) ? "unknown house number" : "unknown street")
    }

    static func key(_ street: String, _ number: String, _ suffix: String) -> String {
        [street, number.trimmingCharacters(in: .whitespaces), suffix.trimmingCharacters(in: .whitespaces)].joined(separator: "\u{1F}")
    }
}
