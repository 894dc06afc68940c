import Quartier
import QuartierAggregation
import QuartierBase
import QuartierGeocoding
import QuartierTable

/// Places records at an address (street, house number, optional suffix) through a house-coordinate
/// table (Hauskoordinaten: street, house number, suffix, easting, northing) matched by
/// QuartierGeocoding's `Geocoder`: normalised street names and house numbers, then the documented
/// fallbacks (`without-suffix`, `nearest-number` on the same side within 4 numbers). The same
/// matching as `quartier geocode`, on the fields' bytes (`GeocoderFieldMatcher`), in the
/// aggregator's one record path: a located record is assigned to the lowest level like a record at
/// coordinates.
///
/// A record whose street is empty is rejected; one that matches nothing is unmatched with the
/// geocoder's reason (`empty-address` for an empty number, `bad-number`, `unknown-street`,
/// `unknown-number`).
struct AddressPlacer: RecordPlacer {
    let geocoder: Geocoder
    let fieldNames: [String]
    let reasons = UnmatchedReason.allCases.map(\.rawValue)

    /// Reads and indexes the house-coordinate table; a row without a number in x or y is an error naming its line.
    init(records: RecordSourceSpec.AddressRecordsSource, geocoder: Geocoder) {
        self.geocoder = geocoder
        fieldNames = [records.street, records.number] + (records.suffix.map { [$0] } ?? [])
    }

    static func geocoder(houseCoordinates spec: HouseCoordinateSpec) throws -> Geocoder {
        let columns = HouseCoordinateColumns(street: spec.street, number: spec.number, suffix: spec.suffix, x: spec.x, y: spec.y)
        return Geocoder(index: try AddressIndex(path: spec.file, columns: columns))
    }

    func makeWorker() -> any RecordPlacerWorker { Worker(matcher: GeocoderFieldMatcher(geocoder: geocoder)) }

    final class Worker: RecordPlacerWorker {
        let matcher: GeocoderFieldMatcher
        static let reasonIndex = Dictionary(uniqueKeysWithValues: UnmatchedReason.allCases.enumerated().map { ($1, $0) })
        init(matcher: GeocoderFieldMatcher) { self.matcher = matcher }

        func place(_ fields: CSVFields, columns: UnsafeBufferPointer<Int>) -> RecordPlace {
            if fields.isBlank(columns[0]) { return .rejected(field: 0, expected: "a street name") }
            let suffix = columns.count > 2 ? fields.bytes(columns[2]) : UnsafeBufferPointer(start: nil, count: 0)
            switch matcher.match(street: fields.bytes(columns[0]), number: fields.bytes(columns[1]), suffix: suffix,
                                 encoding: fields.encoding) {
            case .located(let x, let y, _): return .point(x: x, y: y)
            case .unmatched(let reason): return .unmatched(reason: Self.reasonIndex[reason]!)
            }
        }
    }
}
