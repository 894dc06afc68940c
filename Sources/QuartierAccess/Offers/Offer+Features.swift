import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

extension Offer {
    /// The offers of a point layer (a GeoPackage table or a GeoJSON FeatureCollection, read by the
    /// engine's one feature reader, `FeatureFile`), with the rules of `read(path:)`: one offer per
    /// feature, its attributes named by `columns`, its place the feature's Point.
    ///
    /// A feature whose geometry is not a Point (a MultiPoint of one point is taken as that point) is
    /// refused naming the feature and the type found; a feature without geometry takes the `x`/`y`
    /// properties or its address (with `geocode`), as a CSV line would. The features are numbered
    /// from 1 in file order (the feature's own id is the offer id column, not this number).
    /// - Throws: `InputError` naming the file, the feature and the field.
    public static func read(features: [Feature], file: String, columns: OfferColumns = OfferColumns(), geocode: Geocode? = nil) throws -> [Offer] {
        var present = Set<String>()
        for feature in features { for property in feature.properties where property.value != .null { present.insert(property.name) } }
        for (name, required) in [(columns.id, true), (columns.type, true), (columns.capacity, columns.defaultCapacity == nil),
                                 (columns.targetGroup, columns.defaultTargetGroup == nil)] where required && !present.contains(name) && !features.isEmpty {
            throw InputError(InputLocation(file: file, field: name), found: "no feature with a property \"\(InputError.excerpt(name))\" (properties: \(present.sorted().joined(separator: ", ")))",
                             expected: "an offer layer with the properties id, type, capacity, target group")
        }
        var validator = OfferValidator(columns: columns, geocode: geocode, file: file)
        var offers: [Offer] = []
        offers.reserveCapacity(features.count)
        for (k, feature) in features.enumerated() {
            let name = String(k + 1)
            let location = InputLocation(file: file, feature: name)
            var point: Point?
            switch feature.geometry {
            case .point(let p)?: point = p
            case .multiPoint(let points)? where points.count == 1: point = points[0]
            case nil: point = nil
            case let other?:
                throw InputError(location, found: "a \(other.typeName)\(other.typeName == "MultiPoint" ? " of \(Self.pointCount(other)) points" : "")",
                                 expected: "a Point (one place per offer)")
            }
            let record = OfferRecord(
                place: "feature \(name)", source: "\(file) feature \(name)",
                location: { field in InputLocation(file: file, feature: name, field: field) },
                text: { field in
                    guard let t = feature[field]?.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                    return t
                },
                number: { field in
                    switch feature[field] {
                    case nil, .null?: return nil
                    case .integer(let i)?: return Double(i)
                    case .number(let d)?: return d
                    case .text(let t)?:
                        let trimmed = t.trimmingCharacters(in: .whitespaces)
                        if trimmed.isEmpty { return nil }
                        if let d = NumberParser.parse(trimmed, style: .point) { return d }
                        throw InputError(InputLocation(file: file, feature: name, field: field), found: "\"\(InputError.excerpt(t))\"", expected: "a number")
                    case let other?:
                        throw InputError(InputLocation(file: file, feature: name, field: field), found: "a \(other.typeName) value", expected: "a number")
                    }
                },
                point: point)
            offers.append(try validator.offer(record))
        }
        return offers
    }

    private static func pointCount(_ geometry: Geometry) -> Int {
        if case .multiPoint(let points) = geometry { return points.count }
        return 0
    }
}
