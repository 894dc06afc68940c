import Quartier
import QuartierBase
import QuartierGeocoding
import QuartierTable

/// Where an address is: its coordinates and how they were found, or why none were.
public enum AddressMatch: Sendable, Hashable {
    /// Located at (x, y) in the house-coordinate table's CRS; `method` says how (`exact`).
    case located(x: Double, y: Double, method: String)
    /// Not located; `reason` is short and countable (`unknown-street`, `unknown-number`: QuartierGeocoding's reasons).
    case unmatched(reason: String)
}

/// The seam through which a monitoring locates records at an address: street, house number and
/// suffix in, coordinates (or the reason there are none) out. Called once per record.
///
/// `GeocodedAddressTable` implements it with QuartierGeocoding's `Geocoder`; a test may put a
/// table of its own behind it.
public protocol AddressLocator: Sendable {
    func locate(street: String, number: String, suffix: String) -> AddressMatch
}

/// A house-coordinate table (Hauskoordinaten: street, house number, suffix, easting, northing)
/// matched by QuartierGeocoding's `Geocoder`: normalised street names and house numbers, then the
/// documented fallbacks (`without-suffix`, `nearest-number` on the same side within 4 numbers), each
/// match with its method; unmatched records keep the geocoder's reason (`unknown-street`,
/// `unknown-number`, `empty-address`, `bad-number`). The same matching as `quartier geocode`.
public struct GeocodedAddressTable: AddressLocator {
    public let geocoder: Geocoder
    public var count: Int { geocoder.index.count }

    /// Reads and indexes the table; a row without a number in x or y is an error naming its line.
    public init(spec: HouseCoordinateSpec) throws {
        let columns = HouseCoordinateColumns(street: spec.street, number: spec.number, suffix: spec.suffix, x: spec.x, y: spec.y)
        geocoder = Geocoder(index: try AddressIndex(path: spec.file, columns: columns))
    }

    public func locate(street: String, number: String, suffix: String) -> AddressMatch {
        switch geocoder.geocode(street: street, number: number, suffix: suffix) {
        case .matched(let match): .located(x: match.x, y: match.y, method: match.method.rawValue)
        case .unmatched(let reason): .unmatched(reason: reason.rawValue)
        }
    }
}
