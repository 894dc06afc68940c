import Quartier
import QuartierBase
import QuartierGeocoding

/// Where an address is: its coordinates and how they were found, or why none were.
public enum AddressMatch: Sendable, Hashable {
    /// Located at (x, y) in the house-coordinate table's CRS; `method` says how (`exact`).
    case located(x: Double, y: Double, method: String)
    /// Not located; `reason` is short and countable (`unknown-street`, `unknown-number`: QuartierGeocoding's reasons).
    case unmatched(reason: String)
}

/// A monitoring's house-coordinate table, for callers that geocode a few addresses as text (a project
/// register's contact points, participant lists): QuartierGeocoding's `Geocoder`, the same matching as
/// `quartier geocode` and as the registers' byte-level `AddressPlacer`.
public struct GeocodedAddressTable: Sendable {
    public let geocoder: Geocoder

    /// Reads and indexes the table; a row without a number in x or y is an error naming its line.
    public init(spec: HouseCoordinateSpec) throws {
        geocoder = try AddressPlacer.geocoder(houseCoordinates: spec)
    }

    public func locate(street: String, number: String, suffix: String) -> AddressMatch {
        switch geocoder.geocode(street: street, number: number, suffix: suffix) {
        case .matched(let match): .located(x: match.x, y: match.y, method: match.method.rawValue)
        case .unmatched(let reason): .unmatched(reason: reason.rawValue)
        }
    }
}
