import CShapelib
import Foundation
import QuartierGeometry

/// Writes a polygon Shapefile with shapelib (SHPCreateLL/DBFCreateLL), a `.cpg` naming the encoding and
/// optionally a `.prj`. Used to build test inputs and exports; rings are rewound to the Shapefile's
/// orientation (exteriors clockwise) with `SHPRewindObject`.
public final class ShapefileWriter {
    let shp: SHPHandle
    let dbf: DBFHandle
    public let path: String
    public let fields: [DBFField]
    public let encoding: DBFEncoding
    private var count = 0
    private var closed = false

    /// Creates `path` (.shp, .shx, .dbf, .cpg and, when `projection` is given, .prj).
    /// - Parameter writeCPG: false leaves the `.cpg` out, so readers fall back to the language driver.
    public init(path: String, fields: [DBFField], encoding: DBFEncoding = .utf8, projection: String? = nil, writeCPG: Bool = true) throws(ShapefileError) {
        let base = path.lowercased().hasSuffix(".shp") ? String(path.dropLast(4)) : path
        self.path = base + ".shp"
        self.fields = fields
        self.encoding = encoding
        var hooks = ShapelibMessages.hooks()
        shp = try ShapelibMessages.check(self.path, "SHPCreateLL") { SHPCreateLL(base, SHPT_POLYGON, &hooks) }
        let ldid: String
        switch encoding {
        case .utf8: ldid = ""
        case .windows1252, .iso8859_1: ldid = "LDID/87"
        case .cp850: ldid = "LDID/2"
        case .cp437: ldid = "LDID/1"
        }
        guard let dbf = DBFCreateLL(base, ldid.isEmpty ? nil : ldid, &hooks) else {
            SHPClose(shp)
            throw ShapefileError(path: base + ".dbf", function: "DBFCreateLL", message: ShapelibMessages.last ?? "cannot create")
        }
        self.dbf = dbf
        for field in fields {
            let type: DBFFieldType
            switch field.kind {
            case .integer: type = FTInteger
            case .real: type = FTDouble
            case .logical: type = FTLogical
            default: type = FTString
            }
            guard DBFAddField(dbf, field.name, type, Int32(field.width), Int32(field.decimals)) >= 0 else {
                SHPClose(shp); DBFClose(dbf)
                throw ShapefileError(path: base + ".dbf", function: "DBFAddField", message: ShapelibMessages.last ?? "cannot add field \(field.name)")
            }
        }
        do {
            if writeCPG { try Data(encoding.rawValue.utf8).write(to: URL(fileURLWithPath: base + ".cpg")) }
            if let projection { try Data(projection.utf8).write(to: URL(fileURLWithPath: base + ".prj")) }
        } catch {
            SHPClose(shp); DBFClose(dbf)
            throw ShapefileError(path: base, function: "write", message: "\(error)")
        }
    }

    deinit {
        close()
    }

    /// Appends one record: a (multi)polygon and one value per field (nil/null writes a NULL).
    public func append(_ geometry: MultiPolygon?, values: [PropertyValue]) throws(ShapefileError) {
        precondition(values.count == fields.count, "one value per field")
        let object: UnsafeMutablePointer<SHPObject>
        if let geometry, !geometry.isEmpty {
            var starts: [Int32] = [], xs: [Double] = [], ys: [Double] = []
            for polygon in geometry.polygons where !polygon.isEmpty {
                for ring in polygon.rings {
                    starts.append(Int32(xs.count))
                    for p in ring { xs.append(p.x); ys.append(p.y) }
                }
            }
            object = try ShapelibMessages.check(path, "SHPCreateObject") {
                SHPCreateObject(SHPT_POLYGON, -1, Int32(starts.count), starts, nil, Int32(xs.count), xs, ys, nil, nil)
            }
            SHPRewindObject(shp, object)
        } else {
            object = try ShapelibMessages.check(path, "SHPCreateObject") { SHPCreateObject(SHPT_NULL, -1, 0, nil, nil, 0, nil, nil, nil, nil) }
        }
        defer { SHPDestroyObject(object) }
        guard SHPWriteObject(shp, -1, object) >= 0 else {
            throw ShapefileError(path: path, function: "SHPWriteObject", message: ShapelibMessages.last ?? "cannot write record \(count)")
        }
        for (f, value) in values.enumerated() {
            let row = Int32(count), column = Int32(f)
            let ok: Int32
            switch value {
            case .null: ok = DBFWriteNULLAttribute(dbf, row, column)
            case .integer(let i): ok = DBFWriteIntegerAttribute(dbf, row, column, Int32(clamping: i))
            case .number(let d): ok = DBFWriteDoubleAttribute(dbf, row, column, d)
            case .bool(let b): ok = DBFWriteLogicalAttribute(dbf, row, column, CChar(UInt8(ascii: b ? "T" : "F")))
            case .text(let s), .json(let s):
                let bytes = encoding.encode(s).map { CChar(bitPattern: $0) } + [0]
                ok = DBFWriteStringAttribute(dbf, row, column, bytes)
            }
            guard ok != 0 else {
                throw ShapefileError(path: path, function: "DBFWrite…Attribute", message: ShapelibMessages.last ?? "cannot write field \(fields[f].name) of record \(count)")
            }
        }
        count += 1
    }

    /// Writes the headers and closes the files (also done by `deinit`).
    public func close() {
        guard !closed else { return }
        closed = true
        SHPClose(shp)
        DBFClose(dbf)
    }
}

// Owns shapelib handles, which are not safe to use from two threads at once.
@available(*, unavailable) extension ShapefileWriter: Sendable {}
