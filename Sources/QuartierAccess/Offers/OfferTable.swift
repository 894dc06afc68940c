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
        let id = try column(columns.id, required: true)!, type = try column(columns.type, required: true)!
        let capacity = try column(columns.capacity, required: columns.defaultCapacity == nil)
        let target = try column(columns.targetGroup, required: columns.defaultTargetGroup == nil)
        let x = try column(columns.x, required: geocode == nil), y = try column(columns.y, required: geocode == nil)
        let streetColumn = try column(columns.street, required: false), numberColumn = try column(columns.number, required: false)
        let suffixColumn = try column(columns.suffix, required: false)
        let name = try column(columns.name, required: false), opened = try column(columns.opened, required: false)
        let closed = try column(columns.closed, required: false), catchment = try column(columns.catchment, required: false)
        var offers: [Offer] = []
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            let line = table.lines[row]
            func text(_ c: Int?) -> String? {
                guard let c, let t = table.text(row: row, column: c)?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                return t
            }
            func number(_ c: Int?, _ what: String) throws -> Double? {
                guard let c else { return nil }
                guard let value = try table.number(row: row, column: c) else { return nil }
                guard value.isFinite else { throw InputError(table.location(row: row, column: c), found: "\(value)", expected: what) }
                return value
            }
            func year(_ c: Int?) throws -> Int? {
                guard let value = try number(c, "a year") else { return nil }
                guard value == value.rounded(), abs(value) < 10_000 else { throw InputError(table.location(row: row, column: c!), found: "\(value)", expected: "a year (a whole number)") }
                return Int(value)
            }
            guard let idText = text(id) else { throw InputError(table.location(row: row, column: id), found: "an empty id", expected: "an offer id") }
            if let first = seen[idText] {
                throw InputError(table.location(row: row, column: id), found: "the id \"\(InputError.excerpt(idText))\" again (first on line \(first))", expected: "one line per offer id")
            }
            seen[idText] = line
            guard let typeText = text(type) else { throw InputError(table.location(row: row, column: type), found: "an empty type", expected: "an offer type") }
            let places: Double
            if let value = try capacity.flatMap({ c in try number(c, "a capacity >= 0") }) {
                guard value >= 0 else { throw InputError(table.location(row: row, column: capacity!), found: "\(value)", expected: "a capacity >= 0") }
                places = value
            } else if let value = columns.defaultCapacity {
                places = value
            } else {
                throw InputError(InputLocation(file: path, line: line, field: columns.capacity), found: "no capacity for offer \"\(InputError.excerpt(idText))\"",
                                 expected: "a capacity (places, hours or staff), or a declared default capacity")
            }
            let group: String
            if let value = text(target) { group = value } else if let value = columns.defaultTargetGroup { group = value } else {
                throw InputError(InputLocation(file: path, line: line, field: columns.targetGroup), found: "no target group for offer \"\(InputError.excerpt(idText))\"",
                                 expected: "a target group as a filter over person fields (age < 6), or a declared default target group")
            }
            do { _ = try FilterExpression.parse(group) } catch {
                throw InputError(InputLocation(file: path, line: line, field: columns.targetGroup), found: "\"\(InputError.excerpt(group))\" (\(error))",
                                 expected: "a filter over person fields, e.g. age < 6")
            }
            var px = try number(x, "an x coordinate"), py = try number(y, "a y coordinate")
            if px == nil || py == nil, let geocode, let streetText = text(streetColumn) {
                switch geocode(streetText, text(numberColumn) ?? "", text(suffixColumn) ?? "") {
                case .success(let point): px = point.x; py = point.y
                case .failure(let reason):
                    throw InputError(InputLocation(file: path, line: line, field: columns.street), found: "the address of offer \"\(InputError.excerpt(idText))\" unmatched (\(reason))",
                                     expected: "an address in the house coordinates, or x and y")
                }
            }
            guard let px, let py else {
                throw InputError(InputLocation(file: path, line: line, field: columns.x), found: "no coordinates for offer \"\(InputError.excerpt(idText))\"",
                                 expected: geocode == nil ? "x and y" : "x and y, or an address (street, number)")
            }
            guard RoadNetwork.usable(Point(x: px, y: py)) else {
                throw InputError(InputLocation(file: path, line: line, field: columns.x), found: "coordinates (\(px), \(py))", expected: "coordinates 0 or between 1e-100 and 1e15 in magnitude")
            }
            let limit = try number(catchment, "a catchment limit > 0")
            if let limit, !(limit > 0) { throw InputError(table.location(row: row, column: catchment!), found: "\(limit)", expected: "a catchment limit > 0") }
            offers.append(Offer(id: idText, name: text(name) ?? "", type: typeText, capacity: places, targetGroup: group,
                                opened: try year(opened), closed: try year(closed), location: Point(x: px, y: py), catchment: limit,
                                source: "\(path):\(line)"))
        }
        return offers
    }
}
