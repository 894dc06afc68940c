import CShapelib
import Foundation
import QuartierGeometry

/// Reads an ESRI Shapefile (.shp/.shx/.dbf, optional .prj and .cpg) with shapelib.
///
/// Owns the `SHPHandle` and `DBFHandle` (closed in `deinit`). Polygons are rebuilt from shapelib's
/// parts by ring orientation, as the ESRI Shapefile Technical Description (1998) defines it: clockwise
/// rings are exteriors, counter-clockwise rings holes of the exterior that contains them. DBF text is
/// decoded with the `.cpg` code page, else the header's language driver id, else UTF-8 when the bytes
/// are valid UTF-8 and Windows-1252 otherwise (`encodingSource` says which rule applied).
public final class ShapefileReader {
    let shp: SHPHandle
    let dbf: DBFHandle?
    /// The path of the .shp file.
    public let path: String
    /// The number of records.
    public let count: Int
    /// The shapelib shape type (5 Polygon, 15 PolygonZ, 25 PolygonM, 1 Point, ...).
    public let shapeType: Int
    /// The DBF fields in file order.
    public let fields: [DBFField]
    /// The encoding used for DBF text, nil until decided (see `encodingSource`).
    public private(set) var encoding: DBFEncoding
    /// Where the encoding came from: ".cpg", "language driver", "UTF-8 check" or "default".
    public private(set) var encodingSource: String
    /// The text of the `.prj` file (WKT, usually ESRI's dialect), nil when there is none.
    public let projection: String?

    /// Opens `path` (with or without the `.shp` extension) read-only.
    public init(path: String) throws(ShapefileError) {
        let base = path.lowercased().hasSuffix(".shp") ? String(path.dropLast(4)) : path
        self.path = base + ".shp"
        var hooks = ShapelibMessages.hooks()
        shp = try ShapelibMessages.check(self.path, "SHPOpenLL") { SHPOpenLL(base, "rb", &hooks) }
        var entities: Int32 = 0, type: Int32 = 0
        var minBound = [Double](repeating: 0, count: 4), maxBound = [Double](repeating: 0, count: 4)
        SHPGetInfo(shp, &entities, &type, &minBound, &maxBound)
        count = Int(entities)
        shapeType = Int(type)
        // The attributes (and so the area ids) are in the .dbf: without it the features would get
        // made-up ids 0…n−1, so a missing, unreadable or short .dbf is an error.
        guard FileManager.default.fileExists(atPath: base + ".dbf") || FileManager.default.fileExists(atPath: base + ".DBF") else {
            SHPClose(shp)
            throw ShapefileError(path: base + ".dbf", function: "DBFOpenLL",
                                 message: "no .dbf beside \((self.path as NSString).lastPathComponent); a Shapefile's attributes (the area ids) are in its .dbf")
        }
        let shpHandle = shp
        let opened = try ShapelibMessages.check(base + ".dbf", "DBFOpenLL") { () -> DBFHandle? in
            let handle = DBFOpenLL(base, "rb", &hooks)
            if handle == nil { SHPClose(shpHandle) }
            return handle
        }
        guard Int(DBFGetRecordCount(opened)) == count else {
            let records = DBFGetRecordCount(opened)
            DBFClose(opened)
            SHPClose(shp)
            throw ShapefileError(path: base + ".dbf", function: "DBFGetRecordCount",
                                 message: "\(records) attribute records for \(entities) shapes; expected one record per shape")
        }
        dbf = opened
        var fields: [DBFField] = []
        if let dbf {
            for i in 0..<DBFGetFieldCount(dbf) {
                var name = [CChar](repeating: 0, count: 12)
                var width: Int32 = 0, decimals: Int32 = 0
                let kind = DBFGetFieldInfo(dbf, i, &name, &width, &decimals)
                let nameBytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                fields.append(DBFField(name: String(decoding: nameBytes, as: UTF8.self), kind: DBFField.Kind(kind),
                                       width: Int(width), decimals: Int(decimals)))
            }
        }
        self.fields = fields
        projection = (try? String(contentsOfFile: base + ".prj", encoding: .utf8))
            ?? (try? String(contentsOfFile: base + ".PRJ", encoding: .utf8))
        encoding = .utf8
        encodingSource = "default"
        if let cpg = (try? String(contentsOfFile: base + ".cpg", encoding: .utf8)) ?? (try? String(contentsOfFile: base + ".CPG", encoding: .utf8)),
           let named = DBFEncoding(codePage: cpg) {
            encoding = named
            encodingSource = ".cpg"
        } else if let dbf, let page = DBFGetCodePage(dbf).map({ String(cString: $0) }), let named = DBFEncoding(codePage: page) {
            encoding = named
            encodingSource = "language driver (\(page))"
        } else if dbf != nil {
            encoding = allTextIsUTF8() ? .utf8 : .windows1252
            encodingSource = "UTF-8 check"
        }
    }

    deinit {
        SHPClose(shp)
        if let dbf { DBFClose(dbf) }
    }

    private func rawText(_ record: Int, _ field: Int) -> [UInt8]? {
        guard let dbf, DBFIsAttributeNULL(dbf, Int32(record), Int32(field)) == 0,
              let pointer = DBFReadStringAttribute(dbf, Int32(record), Int32(field)) else { return nil }
        var bytes = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
        while bytes.last == 0x20 { bytes.removeLast() }
        return bytes
    }

    private func allTextIsUTF8() -> Bool {
        for (f, field) in fields.enumerated() where field.kind == .text {
            for r in 0..<count {
                if let bytes = rawText(r, f), !DBFEncoding.isValidUTF8(bytes) { return false }
            }
        }
        return true
    }

    /// The attribute values of record `index`, typed by the DBF field kinds (numbers with decimals as
    /// `number`, without as `integer`, logicals as `bool`, dates as text `YYYYMMDD`, empty as null).
    public func properties(at index: Int) -> [Property] {
        fields.enumerated().map { f, field in
            guard let bytes = rawText(index, f) else { return Property(field.name, .null) }
            let text = encoding.decode(bytes)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            switch field.kind {
            case .text, .date, .other:
                return Property(field.name, trimmed.isEmpty && field.kind != .text ? .null : .text(text))
            case .integer:
                if let value = Int64(trimmed) { return Property(field.name, .integer(value)) }
                if let value = Double(trimmed) { return Property(field.name, .number(value)) }
                return Property(field.name, trimmed.isEmpty ? .null : .text(trimmed))
            case .real:
                if let value = Double(trimmed) { return Property(field.name, .number(value)) }
                return Property(field.name, trimmed.isEmpty ? .null : .text(trimmed))
            case .logical:
                switch trimmed.uppercased() {
                case "T", "Y": return Property(field.name, .bool(true))
                case "F", "N": return Property(field.name, .bool(false))
                default: return Property(field.name, .null)
                }
            }
        }
    }

    /// The geometry of record `index`; nil for a null shape.
    public func geometry(at index: Int) throws(ShapefileError) -> Geometry? {
        let object = try ShapelibMessages.check(path, "SHPReadObject") { SHPReadObject(shp, Int32(index)) }
        defer { SHPDestroyObject(object) }
        let shape = object.pointee
        let n = Int(shape.nVertices)
        var points: [Point] = []
        points.reserveCapacity(n)
        for i in 0..<n { points.append(Point(x: shape.padfX[i], y: shape.padfY[i])) }
        let partCount = Int(shape.nParts)
        var parts: [[Point]] = []
        for p in 0..<partCount {
            let start = Int(shape.panPartStart[p])
            let end = p + 1 < partCount ? Int(shape.panPartStart[p + 1]) : n
            parts.append(Array(points[start..<end]))
        }
        switch Int(shape.nSHPType) {
        case Int(SHPT_NULL): return nil
        case Int(SHPT_POINT), Int(SHPT_POINTZ), Int(SHPT_POINTM):
            return points.first.map { .point($0) } ?? .point(Point(x: .nan, y: .nan))
        case Int(SHPT_MULTIPOINT), Int(SHPT_MULTIPOINTZ), Int(SHPT_MULTIPOINTM):
            return .multiPoint(points)
        case Int(SHPT_ARC), Int(SHPT_ARCZ), Int(SHPT_ARCM):
            return parts.count == 1 ? .lineString(parts[0]) : .multiLineString(parts)
        case Int(SHPT_POLYGON), Int(SHPT_POLYGONZ), Int(SHPT_POLYGONM):
            let polygons = ShapefileReader.assemble(rings: parts)
            return polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(MultiPolygon(polygons))
        default:
            throw ShapefileError(path: path, function: "SHPReadObject", message: "record \(index) has shape type \(shape.nSHPType), which Quartier does not read")
        }
    }

    /// Every record as a feature (id = the 0-based record number).
    public func features() throws(ShapefileError) -> [Feature] {
        var result: [Feature] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            result.append(Feature(id: .integer(Int64(i)), geometry: try geometry(at: i), properties: properties(at: i)))
        }
        return result
    }

    /// Twice the signed area of a ring (positive when counter-clockwise).
    static func signedArea2(_ ring: [Point]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
        }
        return sum
    }

    /// Even-odd ray casting: whether `p` lies inside `ring`.
    static func ring(_ ring: [Point], contains p: Point) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// Groups rings into polygons: clockwise rings are exteriors; each counter-clockwise ring becomes a
    /// hole of the smallest exterior containing its first vertex (an exterior itself when none does).
    static func assemble(rings: [[Point]]) -> [Polygon] {
        var exteriors: [(ring: [Point], area: Double, holes: [[Point]])] = []
        var holes: [[Point]] = []
        for ring in rings where ring.count >= 4 {
            let area = signedArea2(ring)
            if area <= 0 { exteriors.append((ring, -area, [])) } else { holes.append(ring) }
        }
        if exteriors.isEmpty {
            // All rings counter-clockwise (a writer that ignored the rule): treat them as exteriors.
            return holes.map { Polygon(exterior: $0) }
        }
        for hole in holes {
            let probe = hole[0]
            let candidates = exteriors.indices.filter { ring(exteriors[$0].ring, contains: probe) }
            if let best = candidates.min(by: { exteriors[$0].area < exteriors[$1].area }) {
                exteriors[best].holes.append(hole)
            } else {
                exteriors.append((hole, signedArea2(hole), []))
            }
        }
        return exteriors.map { Polygon(exterior: $0.ring, holes: $0.holes) }
    }
}

// Owns shapelib handles, which are not safe to use from two threads at once.
@available(*, unavailable) extension ShapefileReader: Sendable {}

/// A dBase field.
public struct DBFField: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case text, integer, real, logical, date, other

        init(_ type: DBFFieldType) {
            switch type {
            case FTString: self = .text
            case FTInteger: self = .integer
            case FTDouble: self = .real
            case FTLogical: self = .logical
            case FTDate: self = .date
            default: self = .other
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var width: Int
    public var decimals: Int

    public init(name: String, kind: Kind, width: Int, decimals: Int = 0) {
        self.name = name
        self.kind = kind
        self.width = width
        self.decimals = decimals
    }
}
