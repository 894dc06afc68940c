/// GeoJSON reading and writing.
///
/// Source: RFC 7946 "The GeoJSON Format" (coordinates are longitude/latitude in OGC:CRS84 unless
/// stated otherwise), and the 2008 GeoJSON specification's `crs` member (`{"type": "name",
/// "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}`; also the older `{"type": "EPSG",
/// "properties": {"code": 25833}}`), which GDAL still writes for projected data.
///
/// Reading: a FeatureCollection, a single Feature or a bare geometry; CRS from the legacy `crs` member,
/// else `OGC:CRS84`. Property values keep their JSON type (`"01100101"` stays text, `5` an integer,
/// `5.5` a number), and their order. A third coordinate (altitude) is read and discarded.
/// Writing: one feature per line, shortest round-trip numbers, a `crs` member when the CRS is not
/// OGC:CRS84.
public enum GeoJSON {
    /// Decodes a FeatureCollection (or a single Feature or a bare geometry, as a collection of one).
    public static func decodeFeatureCollection<C: Collection>(_ bytes: C) throws(GeometryCodecError) -> FeatureCollection where C.Element == UInt8 {
        let root = try JSONValue.parse(bytes)
        guard case .object = root else {
            throw GeometryCodecError("GeoJSON must be an object, found \(root.kindName)")
        }
        let crs = try self.crs(root)
        let declared = root["crs"] != nil && root["crs"] != .null
        let name = root["name"]?.stringValue
        switch root["type"]?.stringValue {
        case "FeatureCollection":
            guard let items = root["features"]?.arrayValue else {
                throw GeometryCodecError("FeatureCollection has no \"features\" array", field: "features")
            }
            var features: [Feature] = []
            features.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                do {
                    features.append(try feature(item))
                } catch {
                    var error = error
                    if error.feature == nil { error.feature = String(index) }
                    throw error
                }
            }
            return FeatureCollection(name: name, crs: crs, crsIsDeclared: declared, features: features)
        case "Feature":
            return FeatureCollection(name: name, crs: crs, crsIsDeclared: declared, features: [try feature(root)])
        case .some:
            return FeatureCollection(name: name, crs: crs, crsIsDeclared: declared, features: [Feature(geometry: try geometry(root))])
        case nil:
            throw GeometryCodecError("GeoJSON object has no \"type\"", field: "type")
        }
    }

    /// Decodes a GeoJSON geometry object.
    public static func decodeGeometry<C: Collection>(_ bytes: C) throws(GeometryCodecError) -> Geometry where C.Element == UInt8 {
        try geometry(try JSONValue.parse(bytes))
    }

    /// The CRS a GeoJSON root object declares in its legacy `crs` member, else OGC:CRS84 (RFC 7946 §4).
    public static func crs(_ root: JSONValue) throws(GeometryCodecError) -> CRS {
        guard let member = root["crs"], member != .null else { return .crs84 }
        let properties = member["properties"]
        switch member["type"]?.stringValue {
        case "name":
            guard let name = properties?["name"]?.stringValue else {
                throw GeometryCodecError("\"crs\" of type \"name\" has no properties.name", field: "crs")
            }
            return CRS(name)
        case "EPSG":
            guard let code = properties?["code"]?.doubleValue else {
                throw GeometryCodecError("\"crs\" of type \"EPSG\" has no properties.code", field: "crs")
            }
            return .epsg(Int(code))
        default:
            throw GeometryCodecError("\"crs\" member of type \(member["type"]?.serialized ?? "none") is not supported (expected \"name\")", field: "crs")
        }
    }

    static func feature(_ value: JSONValue) throws(GeometryCodecError) -> Feature {
        guard case .object = value, value["type"]?.stringValue == "Feature" else {
            throw GeometryCodecError("expected a Feature object, found \(value["type"]?.serialized ?? value.kindName)", field: "type")
        }
        var id: PropertyValue?
        if let raw = value["id"] { id = propertyValue(raw) }
        var geometry: Geometry?
        if let raw = value["geometry"], raw != .null {
            do { geometry = try self.geometry(raw) } catch {
                var error = error
                if let idText = id?.text, error.feature == nil { error.feature = "id \(idText)" }
                if error.field == nil { error.field = "geometry" }
                throw error
            }
        }
        var properties: [Property] = []
        switch value["properties"] {
        case .object(let members)?:
            properties = members.map { Property($0.0, propertyValue($0.1)) }
        case .null?, nil:
            break
        case let other?:
            throw GeometryCodecError("\"properties\" must be an object or null, found \(other.kindName)", field: "properties")
        }
        return Feature(id: id, geometry: geometry, properties: properties)
    }

    static func propertyValue(_ value: JSONValue) -> PropertyValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .string(let s): .text(s)
        case .array, .object: .json(value.serialized)
        }
    }

    static func geometry(_ value: JSONValue) throws(GeometryCodecError) -> Geometry {
        guard let type = value["type"]?.stringValue else {
            throw GeometryCodecError("geometry has no \"type\"", field: "geometry")
        }
        if type == "GeometryCollection" {
            guard let parts = value["geometries"]?.arrayValue else {
                throw GeometryCodecError("GeometryCollection has no \"geometries\" array", field: "geometries")
            }
            var geometries: [Geometry] = []
            for part in parts { geometries.append(try geometry(part)) }
            return .geometryCollection(geometries)
        }
        guard let coordinates = value["coordinates"] else {
            throw GeometryCodecError("\(type) has no \"coordinates\"", field: "coordinates")
        }
        switch type {
        case "Point":
            if case .array(let items) = coordinates, items.isEmpty { return .point(Point(x: .nan, y: .nan)) }
            return .point(try position(coordinates))
        case "LineString": return .lineString(try positions(coordinates))
        case "Polygon": return .polygon(try polygon(coordinates))
        case "MultiPoint": return .multiPoint(try positions(coordinates))
        case "MultiLineString": return .multiLineString(try list(coordinates, "MultiLineString") { v throws(GeometryCodecError) in try positions(v) })
        case "MultiPolygon": return .multiPolygon(MultiPolygon(try list(coordinates, "MultiPolygon") { v throws(GeometryCodecError) in try polygon(v) }))
        default:
            throw GeometryCodecError("geometry type \"\(type)\" is unknown", field: "type")
        }
    }

    static func list<T>(_ value: JSONValue, _ what: String, _ body: (JSONValue) throws(GeometryCodecError) -> T) throws(GeometryCodecError) -> [T] {
        guard case .array(let items) = value else {
            throw GeometryCodecError("\(what) coordinates must be an array, found \(value.kindName)", field: "coordinates")
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items { result.append(try body(item)) }
        return result
    }

    static func position(_ value: JSONValue) throws(GeometryCodecError) -> Point {
        guard case .array(let items) = value, items.count >= 2,
              let x = items[0].doubleValue, let y = items[1].doubleValue else {
            throw GeometryCodecError("a position must be an array of at least two numbers, found \(value.serialized.prefix(60))", field: "coordinates")
        }
        return Point(x: x, y: y)
    }

    static func positions(_ value: JSONValue) throws(GeometryCodecError) -> [Point] {
        try list(value, "position list") { v throws(GeometryCodecError) in try position(v) }
    }

    static func polygon(_ value: JSONValue) throws(GeometryCodecError) -> Polygon {
        let rings = try list(value, "Polygon") { v throws(GeometryCodecError) in try positions(v) }
        guard let exterior = rings.first else { return .empty }
        for ring in rings where ring.count < 4 || ring.first != ring.last {
            throw GeometryCodecError("a polygon ring must be closed and have at least 4 positions, found \(ring.count) positions\(ring.first != ring.last ? " (not closed)" : "")", field: "coordinates")
        }
        return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
    }

    // MARK: - Writing

    /// The GeoJSON object of `geometry`.
    public static func json(_ geometry: Geometry) -> JSONValue {
        func position(_ p: Point) -> JSONValue { .array([.number(p.x), .number(p.y)]) }
        func positions(_ ps: [Point]) -> JSONValue { .array(ps.map(position)) }
        func polygon(_ p: Polygon) -> JSONValue { p.isEmpty ? .array([]) : .array(p.rings.map(positions)) }
        func object(_ type: String, _ coordinates: JSONValue) -> JSONValue {
            .object([("type", .string(type)), ("coordinates", coordinates)])
        }
        switch geometry {
        case .point(let p): return object("Point", p.x.isNaN ? .array([]) : position(p))
        case .lineString(let line): return object("LineString", positions(line))
        case .polygon(let p): return object("Polygon", polygon(p))
        case .multiPoint(let ps): return object("MultiPoint", positions(ps))
        case .multiLineString(let lines): return object("MultiLineString", .array(lines.map(positions)))
        case .multiPolygon(let multi): return object("MultiPolygon", .array(multi.polygons.map(polygon)))
        case .geometryCollection(let parts):
            return .object([("type", .string("GeometryCollection")), ("geometries", .array(parts.map(json)))])
        }
    }

    static func json(_ value: PropertyValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .integer(let i): .integer(i)
        case .number(let d): .number(d)
        case .text(let s): .string(s)
        case .json(let text): (try? JSONValue.parse(Array(text.utf8))) ?? .string(text)
        }
    }

    /// The GeoJSON Feature object of `feature`.
    public static func json(_ feature: Feature) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string("Feature"))]
        if let id = feature.id { members.append(("id", json(id))) }
        members.append(("properties", .object(feature.properties.map { ($0.name, json($0.value)) })))
        members.append(("geometry", feature.geometry.map(json) ?? .null))
        return .object(members)
    }

    /// Encodes a FeatureCollection, one feature per line. A CRS other than OGC:CRS84 is written as the
    /// legacy `crs` member (`urn:ogc:def:crs:EPSG::n` for EPSG codes).
    public static func encode(_ collection: FeatureCollection) -> [UInt8] {
        var out = "{\n\"type\": \"FeatureCollection\",\n"
        if let name = collection.name {
            out += "\"name\": "; JSONValue.writeString(name, to: &out); out += ",\n"
        }
        if let crs = collection.crs, crs != .crs84 {
            let urn = crs.epsgCode.map { "urn:ogc:def:crs:EPSG::\($0)" } ?? crs.definition
            out += "\"crs\": "
            JSONValue.object([("type", .string("name")), ("properties", .object([("name", .string(urn))]))]).write(to: &out)
            out += ",\n"
        }
        out += "\"features\": [\n"
        for (index, feature) in collection.features.enumerated() {
            json(feature).write(to: &out)
            out += index + 1 < collection.features.count ? ",\n" : "\n"
        }
        out += "]\n}\n"
        return Array(out.utf8)
    }
}
