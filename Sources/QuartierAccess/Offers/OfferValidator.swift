import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

/// One record of an offer inventory, whatever the file: a CSV line or a GeoPackage/GeoJSON feature.
struct OfferRecord {
    /// `line 12` or `feature 7`, for "first on ..." in a duplicate id's message.
    var place: String
    /// `offers.csv:12` or `kitas.gpkg feature 7`: the offer's `source`.
    var source: String
    /// Where a field of this record is, for messages.
    var location: (String) -> InputLocation
    /// A field's trimmed text, nil when absent or empty.
    var text: (String) -> String?
    /// A field's number, nil when absent; throws `InputError` when it holds text.
    var number: (String) throws -> Double?
    /// The record's own point geometry (features), nil for CSV lines.
    var point: Point?
}

/// The one set of rules an offer record passes, for every inventory format (see `Offer.read(path:)`).
struct OfferValidator {
    var columns: OfferColumns
    var geocode: Offer.Geocode?
    var file: String
    var seen: [String: String] = [:]

    init(columns: OfferColumns, geocode: Offer.Geocode?, file: String) {
        self.columns = columns
        self.geocode = geocode
        self.file = file
    }

    mutating func offer(_ record: OfferRecord) throws -> Offer {
        func number(_ field: String, _ what: String) throws -> Double? {
            guard let value = try record.number(field) else { return nil }
            guard value.isFinite else { throw InputError(record.location(field), found: "\(value)", expected: what) }
            return value
        }
        func year(_ field: String) throws -> Int? {
            guard let value = try number(field, "a year") else { return nil }
            guard value == value.rounded(), abs(value) < 10_000 else { throw InputError(record.location(field), found: "\(value)", expected: "a year (a whole number)") }
            return Int(value)
        }
        func place(_ field: String) -> InputLocation {
            var location = record.location(field)
            location.column = nil
            return location
        }
        guard let idText = record.text(columns.id) else { throw InputError(record.location(columns.id), found: "an empty id", expected: "an offer id") }
        if let first = seen[idText] {
            throw InputError(record.location(columns.id), found: "the id \"\(InputError.excerpt(idText))\" again (first on \(first))", expected: "one record per offer id")
        }
        seen[idText] = record.place
        guard let typeText = record.text(columns.type) else { throw InputError(record.location(columns.type), found: "an empty type", expected: "an offer type") }
        let places: Double
        if let value = try number(columns.capacity, "a capacity >= 0") {
            guard value >= 0 else { throw InputError(record.location(columns.capacity), found: "\(value)", expected: "a capacity >= 0") }
            places = value
        } else if let value = columns.defaultCapacity {
            places = value
        } else {
            throw InputError(place(columns.capacity), found: "no capacity for offer \"\(InputError.excerpt(idText))\"",
                             expected: "a capacity (places, hours or staff), or a declared default capacity")
        }
        let group: String
        if let value = record.text(columns.targetGroup) { group = value } else if let value = columns.defaultTargetGroup { group = value } else {
            throw InputError(place(columns.targetGroup), found: "no target group for offer \"\(InputError.excerpt(idText))\"",
                             expected: "a target group as a filter over person fields (age < 6), or a declared default target group")
        }
        do { _ = try FilterExpression.parse(group) } catch {
            throw InputError(place(columns.targetGroup), found: "\"\(InputError.excerpt(group))\" (\(error))",
                             expected: "a filter over person fields, e.g. age < 6")
        }
        var px = record.point?.x, py = record.point?.y
        if px == nil || py == nil { px = try number(columns.x, "an x coordinate"); py = try number(columns.y, "a y coordinate") }
        if px == nil || py == nil, let geocode, let streetText = record.text(columns.street) {
            switch geocode(streetText, record.text(columns.number) ?? "", record.text(columns.suffix) ?? "") {
            case .success(let point): px = point.x; py = point.y
            case .failure(let reason):
                throw InputError(place(columns.street), found: "the address of offer \"\(InputError.excerpt(idText))\" unmatched (\(reason))",
                                 expected: "an address in the house coordinates, or x and y")
            }
        }
        guard let px, let py else {
            throw InputError(place(columns.x), found: "no coordinates for offer \"\(InputError.excerpt(idText))\"",
                             expected: geocode == nil ? "x and y" : "x and y, or an address (street, number)")
        }
        guard RoadNetwork.usable(Point(x: px, y: py)) else {
            throw InputError(place(columns.x), found: "coordinates (\(px), \(py))", expected: "coordinates 0 or between 1e-100 and 1e15 in magnitude")
        }
        let limit = try number(columns.catchment, "a catchment limit > 0")
        if let limit, !(limit > 0) { throw InputError(record.location(columns.catchment), found: "\(limit)", expected: "a catchment limit > 0") }
        return Offer(id: idText, name: record.text(columns.name) ?? "", type: typeText, capacity: places, targetGroup: group,
                     opened: try year(columns.opened), closed: try year(columns.closed), location: Point(x: px, y: py), catchment: limit,
                     source: record.source)
    }
}
