import CGEOS
import QuartierGeometry

/// Owns one `GEOSGeometry*` built in a `GEOSContext`; `deinit` destroys it with `GEOSGeom_destroy_r`.
///
/// Build one from a plain `Geometry` (`GeometryHandle(geometry)`), operate (`intersection(with:)`,
/// `area`, `isValid`), and read the result back as a plain value with `geometry()`.
/// Sources: the GEOS C API (geos_c.h, GEOS 3.11); the ownership rules follow GEOSwift's GEOSHelpers.
public final class GeometryHandle {
    let pointer: OpaquePointer
    /// The context the geometry was built in; every operation on it uses this context.
    public let context: GEOSContext

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, pointer)
    }

    /// Builds the GEOS geometry of `geometry` in `context` (the calling thread's by default).
    /// - Throws: `GEOSError` when GEOS rejects a ring (fewer than 4 points, not closed).
    public convenience init(_ geometry: Geometry, context: GEOSContext = .current) throws(GEOSError) {
        self.init(owning: try GeometryHandle.build(geometry, context), context: context)
    }

    /// Builds the GEOS geometry of a multipolygon.
    public convenience init(_ multiPolygon: MultiPolygon, context: GEOSContext = .current) throws(GEOSError) {
        try self.init(.multiPolygon(multiPolygon), context: context)
    }

    /// An axis-aligned rectangle.
    public convenience init(_ box: BoundingBox, context: GEOSContext = .current) throws(GEOSError) {
        let pointer = try context.check("GEOSGeom_createRectangle_r") {
            GEOSGeom_createRectangle_r(context.handle, box.minX, box.minY, box.maxX, box.maxY)
        }
        self.init(owning: pointer, context: context)
    }

    // MARK: - Swift → GEOS

    static func sequence(_ points: [Point], _ context: GEOSContext) throws(GEOSError) -> OpaquePointer {
        var buffer: [Double] = []
        buffer.reserveCapacity(points.count * 2)
        for p in points { buffer.append(p.x); buffer.append(p.y) }
        return try context.check("GEOSCoordSeq_copyFromBuffer_r") {
            GEOSCoordSeq_copyFromBuffer_r(context.handle, buffer, UInt32(points.count), 0, 0)
        }
    }

    static func ring(_ points: [Point], _ context: GEOSContext) throws(GEOSError) -> OpaquePointer {
        // Checked here so that GEOS never throws inside a constructor that has taken ownership of
        // its inputs (its cleanup on that path differs between versions).
        guard points.count >= 4, points.first == points.last else {
            throw GEOSError(function: "GEOSGeom_createLinearRing_r",
                            message: "a ring needs at least 4 points and must be closed, found \(points.count) points\(points.first != points.last ? ", not closed" : "")")
        }
        let sequence = try sequence(points, context)
        return try context.check("GEOSGeom_createLinearRing_r") { GEOSGeom_createLinearRing_r(context.handle, sequence) }
    }

    static func polygon(_ polygon: Polygon, _ context: GEOSContext) throws(GEOSError) -> OpaquePointer {
        if polygon.isEmpty {
            return try context.check("GEOSGeom_createEmptyPolygon_r") { GEOSGeom_createEmptyPolygon_r(context.handle) }
        }
        var built: [OpaquePointer] = []
        do {
            for ring in polygon.rings { built.append(try self.ring(ring, context)) }
        } catch {
            for ring in built { GEOSGeom_destroy_r(context.handle, ring) }
            throw error
        }
        let shell = built[0]
        var holes: [OpaquePointer?] = Array(built.dropFirst())
        // Takes ownership of shell and holes.
        return try context.check("GEOSGeom_createPolygon_r") {
            GEOSGeom_createPolygon_r(context.handle, shell, &holes, UInt32(holes.count))
        }
    }

    static func collection(_ type: GEOSGeomTypes, _ parts: [Geometry], _ context: GEOSContext) throws(GEOSError) -> OpaquePointer {
        var built: [OpaquePointer?] = []
        do {
            for part in parts { built.append(try build(part, context)) }
        } catch {
            for part in built { GEOSGeom_destroy_r(context.handle, part) }
            throw error
        }
        // Takes ownership of the parts.
        return try context.check("GEOSGeom_createCollection_r") {
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), &built, UInt32(built.count))
        }
    }

    static func build(_ geometry: Geometry, _ context: GEOSContext) throws(GEOSError) -> OpaquePointer {
        switch geometry {
        case .point(let p):
            if p.x.isNaN && p.y.isNaN {
                return try context.check("GEOSGeom_createEmptyPoint_r") { GEOSGeom_createEmptyPoint_r(context.handle) }
            }
            return try context.check("GEOSGeom_createPointFromXY_r") { GEOSGeom_createPointFromXY_r(context.handle, p.x, p.y) }
        case .lineString(let line):
            let sequence = try sequence(line, context)
            return try context.check("GEOSGeom_createLineString_r") { GEOSGeom_createLineString_r(context.handle, sequence) }
        case .polygon(let p):
            return try polygon(p, context)
        case .multiPoint(let points):
            return try collection(GEOS_MULTIPOINT, points.map { .point($0) }, context)
        case .multiLineString(let lines):
            return try collection(GEOS_MULTILINESTRING, lines.map { .lineString($0) }, context)
        case .multiPolygon(let multi):
            return try collection(GEOS_MULTIPOLYGON, multi.polygons.map { .polygon($0) }, context)
        case .geometryCollection(let parts):
            return try collection(GEOS_GEOMETRYCOLLECTION, parts, context)
        }
    }

    // MARK: - GEOS → Swift

    /// The geometry as a plain Swift value.
    public func geometry() throws(GEOSError) -> Geometry {
        try GeometryHandle.read(pointer, context)
    }

    static func points(ofSequenceIn geometry: OpaquePointer, _ context: GEOSContext) throws(GEOSError) -> [Point] {
        // Borrowed: owned by `geometry`, never destroyed here.
        let sequence = try context.check("GEOSGeom_getCoordSeq_r") { GEOSGeom_getCoordSeq_r(context.handle, geometry) }
        var size: UInt32 = 0
        try context.checkStatus("GEOSCoordSeq_getSize_r") { GEOSCoordSeq_getSize_r(context.handle, sequence, &size) }
        guard size > 0 else { return [] }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        try context.checkStatus("GEOSCoordSeq_copyToBuffer_r") { GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, &buffer, 0, 0) }
        return (0..<Int(size)).map { Point(x: buffer[2 * $0], y: buffer[2 * $0 + 1]) }
    }

    static func readPolygon(_ geometry: OpaquePointer, _ context: GEOSContext) throws(GEOSError) -> Polygon {
        if try context.checkPredicate("GEOSisEmpty_r", { GEOSisEmpty_r(context.handle, geometry) }) { return .empty }
        let shell = try context.check("GEOSGetExteriorRing_r") { GEOSGetExteriorRing_r(context.handle, geometry) }
        let exterior = try points(ofSequenceIn: shell, context)
        let holeCount = try context.checkCount("GEOSGetNumInteriorRings_r") { GEOSGetNumInteriorRings_r(context.handle, geometry) }
        var holes: [[Point]] = []
        for i in 0..<holeCount {
            let ring = try context.check("GEOSGetInteriorRingN_r") { GEOSGetInteriorRingN_r(context.handle, geometry, Int32(i)) }
            holes.append(try points(ofSequenceIn: ring, context))
        }
        return Polygon(exterior: exterior, holes: holes)
    }

    static func parts(_ geometry: OpaquePointer, _ context: GEOSContext) throws(GEOSError) -> [OpaquePointer] {
        let n = try context.checkCount("GEOSGetNumGeometries_r") { GEOSGetNumGeometries_r(context.handle, geometry) }
        var result: [OpaquePointer] = []
        for i in 0..<n {
            let part = try context.check("GEOSGetGeometryN_r") { GEOSGetGeometryN_r(context.handle, geometry, Int32(i)) }
            result.append(part)
        }
        return result
    }

    static func read(_ geometry: OpaquePointer, _ context: GEOSContext) throws(GEOSError) -> Geometry {
        let type = try context.checkCount("GEOSGeomTypeId_r") { GEOSGeomTypeId_r(context.handle, geometry) }
        switch UInt32(type) {
        case GEOS_POINT.rawValue:
            if try context.checkPredicate("GEOSisEmpty_r", { GEOSisEmpty_r(context.handle, geometry) }) {
                return .point(Point(x: .nan, y: .nan))
            }
            return .point(try points(ofSequenceIn: geometry, context)[0])
        case GEOS_LINESTRING.rawValue, GEOS_LINEARRING.rawValue:
            return .lineString(try points(ofSequenceIn: geometry, context))
        case GEOS_POLYGON.rawValue:
            return .polygon(try readPolygon(geometry, context))
        case GEOS_MULTIPOINT.rawValue:
            var result: [Point] = []
            for part in try parts(geometry, context) { result += try points(ofSequenceIn: part, context) }
            return .multiPoint(result)
        case GEOS_MULTILINESTRING.rawValue:
            var result: [[Point]] = []
            for part in try parts(geometry, context) { result.append(try points(ofSequenceIn: part, context)) }
            return .multiLineString(result)
        case GEOS_MULTIPOLYGON.rawValue:
            var result: [Polygon] = []
            for part in try parts(geometry, context) { result.append(try readPolygon(part, context)) }
            return .multiPolygon(MultiPolygon(result))
        default:
            var result: [Geometry] = []
            for part in try parts(geometry, context) { result.append(try read(part, context)) }
            return .geometryCollection(result)
        }
    }
}

// Owns a GEOS geometry bound to a context that one thread uses at a time.
@available(*, unavailable) extension GeometryHandle: Sendable {}
