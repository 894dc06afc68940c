import CGEOS
import QuartierGeometry

extension GeometryHandle {
    func make(_ function: String, _ body: (GEOSContextHandle_t) -> OpaquePointer?) throws(GEOSError) -> GeometryHandle {
        let handle = context.handle
        return GeometryHandle(owning: try context.check(function) { body(handle) }, context: context)
    }

    func other(_ other: GeometryHandle) -> OpaquePointer {
        precondition(other.context === context, "both geometries must belong to the same GEOSContext")
        return other.pointer
    }

    // MARK: Measures

    /// The planar area in squared CRS units (GEOSArea_r); 0 for non-areal geometries.
    public var area: Double {
        get throws(GEOSError) {
            var value = 0.0
            try context.checkStatus("GEOSArea_r") { GEOSArea_r(context.handle, pointer, &value) }
            return value
        }
    }

    /// Whether the geometry is empty (GEOSisEmpty_r).
    public var isEmpty: Bool {
        get throws(GEOSError) { try context.checkPredicate("GEOSisEmpty_r") { GEOSisEmpty_r(context.handle, pointer) } }
    }

    // MARK: Validity (OGC Simple Features rules, as GEOS's IsValidOp checks them)

    /// Whether the geometry is valid (GEOSisValid_r).
    public var isValid: Bool {
        get throws(GEOSError) { try context.checkPredicate("GEOSisValid_r") { GEOSisValid_r(context.handle, pointer) } }
    }

    /// GEOS's reason text, "Valid Geometry" or e.g. "Self-intersection[389000 5819000]" (GEOSisValidReason_r).
    public func validityReason() throws(GEOSError) -> String {
        try context.takeString("GEOSisValidReason_r") { GEOSisValidReason_r(context.handle, pointer) }
    }

    /// Validity with GEOS's reason and the location of the problem (GEOSisValidDetail_r); nil when valid.
    public func validityDetail() throws(GEOSError) -> (reason: String, location: Point?)? {
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        context.lastError = nil
        let result = GEOSisValidDetail_r(context.handle, pointer, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        switch result {
        case 1: return nil
        case 0:
            var point: Point?
            if let location, case .point(let p) = try GeometryHandle.read(location, context) { point = p }
            return (reason.map { String(cString: $0) } ?? "invalid", point)
        default:
            throw context.error("GEOSisValidDetail_r")
        }
    }

    /// A valid geometry covering the same points (GEOSMakeValid_r, the "linework" method); may change
    /// the type (a bow-tie polygon becomes a multipolygon).
    public func makeValid() throws(GEOSError) -> GeometryHandle {
        try make("GEOSMakeValid_r") { GEOSMakeValid_r($0, pointer) }
    }

    // MARK: Overlay

    /// The points in both geometries (GEOSIntersection_r).
    public func intersection(with other: GeometryHandle) throws(GEOSError) -> GeometryHandle {
        let b = self.other(other)
        return try make("GEOSIntersection_r") { GEOSIntersection_r($0, pointer, b) }
    }

    /// The points in either geometry (GEOSUnion_r).
    public func union(with other: GeometryHandle) throws(GEOSError) -> GeometryHandle {
        let b = self.other(other)
        return try make("GEOSUnion_r") { GEOSUnion_r($0, pointer, b) }
    }

    /// The points in this geometry and not in `other` (GEOSDifference_r).
    public func difference(with other: GeometryHandle) throws(GEOSError) -> GeometryHandle {
        let b = self.other(other)
        return try make("GEOSDifference_r") { GEOSDifference_r($0, pointer, b) }
    }

    /// The union of all parts of this (collection) geometry (GEOSUnaryUnion_r).
    public func unaryUnion() throws(GEOSError) -> GeometryHandle {
        try make("GEOSUnaryUnion_r") { GEOSUnaryUnion_r($0, pointer) }
    }

    /// The union of a polygonal coverage (parts that do not overlap and share edges exactly), faster
    /// than `unaryUnion()` (GEOSCoverageUnion_r). Results are wrong for parts that overlap.
    public func coverageUnion() throws(GEOSError) -> GeometryHandle {
        try make("GEOSCoverageUnion_r") { GEOSCoverageUnion_r($0, pointer) }
    }

    /// A point guaranteed to lie in the interior of an areal geometry (GEOSPointOnSurface_r).
    public func pointOnSurface() throws(GEOSError) -> Point? {
        let handle = try make("GEOSPointOnSurface_r") { GEOSPointOnSurface_r($0, pointer) }
        if case .point(let p) = try handle.geometry(), !p.x.isNaN { return p }
        return nil
    }

    /// The geometry's envelope, nil when empty.
    public func boundingBox() throws(GEOSError) -> BoundingBox? {
        if try isEmpty { return nil }
        var box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0)
        try context.checkStatus("GEOSGeom_getXMin_r") { GEOSGeom_getXMin_r(context.handle, pointer, &box.minX) }
        try context.checkStatus("GEOSGeom_getYMin_r") { GEOSGeom_getYMin_r(context.handle, pointer, &box.minY) }
        try context.checkStatus("GEOSGeom_getXMax_r") { GEOSGeom_getXMax_r(context.handle, pointer, &box.maxX) }
        try context.checkStatus("GEOSGeom_getYMax_r") { GEOSGeom_getYMax_r(context.handle, pointer, &box.maxY) }
        return box
    }

    // MARK: Predicates (names as shapely's)

    /// Whether the geometries share at least one point (GEOSIntersects_r).
    public func intersects(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = self.other(other)
        return try context.checkPredicate("GEOSIntersects_r") { GEOSIntersects_r(context.handle, pointer, b) }
    }

    /// Whether `other` lies in this geometry with at least one interior point in common (GEOSContains_r).
    public func contains(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = self.other(other)
        return try context.checkPredicate("GEOSContains_r") { GEOSContains_r(context.handle, pointer, b) }
    }

    /// Whether this geometry lies within `other` (GEOSWithin_r).
    public func within(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = self.other(other)
        return try context.checkPredicate("GEOSWithin_r") { GEOSWithin_r(context.handle, pointer, b) }
    }

    /// Whether no point of `other` lies outside this geometry (GEOSCovers_r).
    public func covers(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = self.other(other)
        return try context.checkPredicate("GEOSCovers_r") { GEOSCovers_r(context.handle, pointer, b) }
    }

    /// Whether the geometries share boundary points but no interior points (GEOSTouches_r).
    public func touches(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = self.other(other)
        return try context.checkPredicate("GEOSTouches_r") { GEOSTouches_r(context.handle, pointer, b) }
    }

    /// A prepared form for many predicate tests against this geometry (GEOSPrepare_r).
    public func makePrepared() throws(GEOSError) -> PreparedGeometry {
        let prepared = try context.check("GEOSPrepare_r") { GEOSPrepare_r(context.handle, pointer) }
        return PreparedGeometry(owning: prepared, base: self)
    }
}
