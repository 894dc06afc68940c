/// A property value of a feature, as read from GeoJSON, a GeoPackage column or a DBF field.
///
/// Text stays text (`"01100101"` keeps its leading zero), integers stay integers, and JSON numbers
/// with a fraction or exponent are `number`s. Nested JSON objects and arrays are kept as their JSON text.
public enum PropertyValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case text(String)
    /// A nested JSON object or array, as compact JSON text.
    case json(String)

    /// The value as text for ids and names: text unchanged, integers without a fraction, nil for null.
    public var text: String? {
        switch self {
        case .null: nil
        case .bool(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .text(let s): s
        case .json(let s): s
        }
    }

    /// The value as a number when it is one (integers converted), else nil.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    /// The kind's name, as `areas info` prints it: null, boolean, integer, real, text, json.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "real"
        case .text: "text"
        case .json: "json"
        }
    }

    public var description: String { text ?? "null" }
}

/// One named property of a feature.
public struct Property: Hashable, Sendable {
    public var name: String
    public var value: PropertyValue

    public init(_ name: String, _ value: PropertyValue) {
        self.name = name
        self.value = value
    }
}

/// A geometry with an optional id and ordered properties (GeoJSON Feature, GeoPackage row, Shapefile record).
public struct Feature: Hashable, Sendable {
    /// The feature's own id (GeoJSON `id`, GeoPackage primary key), if it has one.
    public var id: PropertyValue?
    /// The geometry, nil for GeoJSON `"geometry": null` or a NULL geometry column.
    public var geometry: Geometry?
    /// Properties in the order of the source.
    public var properties: [Property]

    public init(id: PropertyValue? = nil, geometry: Geometry?, properties: [Property] = []) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The value of the property `name`, nil when absent.
    public subscript(name: String) -> PropertyValue? {
        properties.first { $0.name == name }?.value
    }
}

/// Features with the CRS they are in.
public struct FeatureCollection: Hashable, Sendable {
    /// The collection's name (GeoJSON `name`, GeoPackage table name), if any.
    public var name: String?
    /// The CRS of the coordinates: what the source declares, or its format's default (OGC:CRS84 for
    /// GeoJSON without a `crs` member); nil when neither is known.
    public var crs: CRS?
    /// Whether the source declared `crs` (false when it is the format's default).
    public var crsIsDeclared: Bool
    public var features: [Feature]

    public init(name: String? = nil, crs: CRS?, crsIsDeclared: Bool = true, features: [Feature]) {
        self.name = name
        self.crs = crs
        self.crsIsDeclared = crsIsDeclared
        self.features = features
    }
}
