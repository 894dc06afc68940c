import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

/// The columns of an offer inventory (CSV with coordinates); every name can be changed.
public struct OfferColumns: Sendable, Hashable {
    public var id = "id"
    public var name = "name"
    public var type = "type"
    /// The capacity column: places, hours or staff.
    public var capacity = "capacity"
    public var targetGroup = "target_group"
    public var opened = "opened"
    public var closed = "closed"
    public var x = "x"
    public var y = "y"
    public var catchment = "catchment"
    /// The address columns, used for a line without coordinates when `read` is given a geocoder.
    public var street = "street"
    public var number = "number"
    public var suffix = "suffix"
    /// Used where a line's capacity or target group is empty; nil: such a line is refused.
    public var defaultCapacity: Double?
    public var defaultTargetGroup: String?

    public init() {}
}

extension Offer {
    /// Reads an offer inventory: a CSV read by QuartierTable's one reader (`,`/`;`, UTF-8 or
    /// Windows-1252, German numbers), one offer per line.
    ///
    /// Refused, each with one error naming the file, line and field: a missing required column (id,
    /// type, capacity, target group, x, y); an empty id or a duplicate id; an empty capacity or target
    /// group without a declared default; a capacity that is not a number >= 0; a target group that does
    /// not parse as a filter; coordinates that are not numbers; years that are not whole numbers.
    /// A geocoder for offers given by address: (street, number, suffix) to coordinates, or the reason
    /// there are none (QuartierGeocoding's, passed in by the caller).
    public typealias Geocode = (_ street: String, _ number: String, _ suffix: String) -> Result<Point, AccessError>

    public static func read(path: String, columns: OfferColumns = OfferColumns(), options: TableOptions = TableOptions(), geocode: Geocode? = nil) throws -> [Offer] {
        var options = options
        options.textColumns.formUnion([columns.id, columns.name, columns.type, columns.targetGroup])
        options.textColumns.formUnion([columns.street, columns.number, columns.suffix])
        return try read(table: Table.read(path: path, options: options), path: path, columns: columns, geocode: geocode)
    }

    /// The offers of an already read table (a scenario's add lines), with the rules of `read(path:)`.
    public static func read(table: Table, path: String, columns: OfferColumns = OfferColumns(), geocode: Geocode? = nil) throws -> [Offer] {
        func column(_ name: String, required: Bool) throws -> Int? {
            if let k = table.header.firstIndex(of: name) { return k }
            if required {
                throw InputError(InputLocation(file: path, line: 1, field: name), found: "no column \"\(InputError.excerpt(name))\" (columns: \(table.header.joined(separator: ", ")))",
                                 expected: "an offer inventory with the columns id, type, capacity, target group, x, y")
            }
            return nil
        }
        _ = try column(columns.id, required: true)!
        _ = try column(columns.type, required: true)!
        _ = try column(columns.capacity, required: columns.defaultCapacity == nil)
        _ = try column(columns.targetGroup, required: columns.defaultTargetGroup == nil)
        _ = try column(columns.x, required: geocode == nil)
        _ = try column(columns.y, required: geocode == nil)
        var validator = OfferValidator(columns: columns, geocode: geocode, file: path)
        var offers: [Offer] = []
        for row in 0..<table.rowCount {
            let line = table.lines[row]
            let record = OfferRecord(
                place: "line \(line)", source: "\(path):\(line)", location: { field in
                    guard let c = table.header.firstIndex(of: field) else { return InputLocation(file: path, line: line, field: field) }
                    return table.location(row: row, column: c)
                },
                text: { field in
                    guard let c = table.header.firstIndex(of: field), let t = table.text(row: row, column: c)?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                    return t
                },
                number: { field in
                    guard let c = table.header.firstIndex(of: field) else { return nil }
                    return try table.number(row: row, column: c)
                },
                point: nil)
            offers.append(try validator.offer(record))
        }
        return offers
    }
}
