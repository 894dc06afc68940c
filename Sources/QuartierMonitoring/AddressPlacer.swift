import Dispatch
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
///
/// Many persons share a house: each house's area is located once (`HouseAreas`), and a record matched
/// to a house in the interior of an area is placed in that area directly; a house on a boundary or
/// outside every area is placed at its point, so the aggregator's boundary rule and accounting apply
/// as to any point (the same answer, located once per house instead of once per person).
struct AddressPlacer: RecordPlacer {
    let geocoder: Geocoder
    let houseAreas: HouseAreas?
    let fieldNames: [String]
    let reasons = UnmatchedReason.allCases.map(\.rawValue)

    init(records: RecordSourceSpec.AddressRecordsSource, geocoder: Geocoder, houseAreas: HouseAreas?) {
        self.geocoder = geocoder
        self.houseAreas = houseAreas
        fieldNames = [records.street, records.number] + (records.suffix.map { [$0] } ?? [])
    }

    /// `geocoder` with its number slots tagged with the houses' areas (`HouseAreas`), for the record path.
    static func tagged(_ geocoder: Geocoder, houses: HouseAreas) -> Geocoder {
        Geocoder(index: geocoder.index.taggingSlots(with: houses.areas), maxNumberDistance: geocoder.maxNumberDistance)
    }

    static func geocoder(houseCoordinates spec: HouseCoordinateSpec) throws -> Geocoder {
        let columns = HouseCoordinateColumns(street: spec.street, number: spec.number, suffix: spec.suffix, x: spec.x, y: spec.y)
        return Geocoder(index: try AddressIndex(path: spec.file, columns: columns))
    }

    func makeWorker() -> any RecordPlacerWorker {
        Worker(matcher: GeocoderFieldMatcher(geocoder: geocoder), houseAreas: houseAreas?.areas ?? [])
    }

    final class Worker: RecordPlacerWorker {
        let matcher: GeocoderFieldMatcher
        /// Per house entry: its area's index when the house lies in an area's interior, else −1.
        let houseAreas: [Int32]
        static let reasonIndex = Dictionary(uniqueKeysWithValues: UnmatchedReason.allCases.enumerated().map { ($1, $0) })
        init(matcher: GeocoderFieldMatcher, houseAreas: [Int32]) {
            self.matcher = matcher
            self.houseAreas = houseAreas
        }

        func place(_ fields: CSVFields, columns: UnsafeBufferPointer<Int>) -> RecordPlace {
            if fields.isBlank(columns[0]) { return .rejected(field: 0, expected: "a street name") }
            let suffix = columns.count > 2 ? fields.bytes(columns[2]) : UnsafeBufferPointer(start: nil, count: 0)
            let (outcome, tag) = matcher.matchTag(street: fields.bytes(columns[0]), number: fields.bytes(columns[1]), suffix: suffix,
                                                  encoding: fields.encoding)
            // A house in an area's interior, told by its number's slot (tagged with `HouseAreas`).
            if tag >= 0 { return .area(Int(tag)) }
            switch outcome {
            case .entry(let entry, _):
                if entry < houseAreas.count, houseAreas[entry] >= 0 { return .area(Int(houseAreas[entry])) }
                let (x, y) = matcher.geocoder.coordinates(ofEntry: entry)
                return .point(x: x, y: y)
            case .unmatched(let reason): return .unmatched(reason: Self.reasonIndex[reason]!)
            }
        }
    }
}

/// The area of each house of a house-coordinate table, located once: the area's index when the house
/// lies in its interior, −1 when it lies on a boundary or outside every area (those records are then
/// located as points, under the run's boundary rule). Located in parallel; the same answers as
/// locating each record's point (`AreaLocator.locate`, exact).
struct HouseAreas: Sendable {
    let areas: [Int32]

    init(geocoder: Geocoder, locator: AreaLocator, threads: Int) {
        let count = geocoder.entryCount
        var areas = [Int32](repeating: -1, count: count)
        let parts = max(1, min(threads * 8, count / 4096 + 1))
        areas.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = (count * part / parts) ..< (count * (part + 1) / parts)
                for entry in range {
                    let (x, y) = geocoder.coordinates(ofEntry: entry)
                    guard Aggregator.acceptsCoordinate(x), Aggregator.acceptsCoordinate(y) else { continue }
                    if case .interior(let area) = locator.locate(x: x, y: y) { out.pointer![entry] = Int32(area) }
                }
            }
        }
        self.areas = areas
        HugePages.collapse(self.areas)
    }

    /// A buffer's base handed to the parallel loop, each part writing its own range.
    private struct SendablePointer: @unchecked Sendable { let pointer: UnsafeMutablePointer<Int32>? ; init(_ p: UnsafeMutablePointer<Int32>?) { pointer = p } }
}
