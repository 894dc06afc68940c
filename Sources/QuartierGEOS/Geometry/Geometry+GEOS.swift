import QuartierGeometry

/// GEOS operations on plain geometry values, each through the calling thread's `GEOSContext`.
///
/// These are what the engine and the spatial helpers use: they take and return plain `Sendable`
/// values, so nothing C-typed leaves this module. Each call builds GEOS geometries and frees them;
/// for many operations on the same geometry, hold a `GeometryHandle` instead.
extension Geometry {
    /// The planar area in squared CRS units (GEOSArea_r); use a projected CRS for m².
    public var area: Double {
        get throws(GEOSError) { try GeometryHandle(self).area }
    }

    /// Whether the geometry is valid by the OGC rules GEOS checks (GEOSisValid_r).
    public var isValid: Bool {
        get throws(GEOSError) { try GeometryHandle(self).isValid }
    }

    /// GEOS's reason why the geometry is invalid, e.g. "Self-intersection[5 5]"; nil when valid
    /// (GEOSisValidReason_r).
    public func validityReason() throws(GEOSError) -> String? {
        let handle = try GeometryHandle(self)
        if try handle.isValid { return nil }
        return try handle.validityReason()
    }

    /// A valid geometry covering the same points (GEOSMakeValid_r).
    public func makeValid() throws(GEOSError) -> Geometry {
        try GeometryHandle(self).makeValid().geometry()
    }

    /// The points in both geometries (GEOSIntersection_r).
    public func intersection(with other: Geometry) throws(GEOSError) -> Geometry {
        let context = GEOSContext.current
        return try GeometryHandle(self, context: context).intersection(with: GeometryHandle(other, context: context)).geometry()
    }

    /// Whether the geometries share at least one point (GEOSIntersects_r).
    public func intersects(_ other: Geometry) throws(GEOSError) -> Bool {
        let context = GEOSContext.current
        return try GeometryHandle(self, context: context).intersects(GeometryHandle(other, context: context))
    }

    /// Whether `other` lies in this geometry (GEOSContains_r).
    public func contains(_ other: Geometry) throws(GEOSError) -> Bool {
        let context = GEOSContext.current
        return try GeometryHandle(self, context: context).contains(GeometryHandle(other, context: context))
    }

    /// A point in the interior (GEOSPointOnSurface_r), nil when empty.
    public func pointOnSurface() throws(GEOSError) -> Point? {
        try GeometryHandle(self).pointOnSurface()
    }
}

extension MultiPolygon {
    /// The planar area in squared CRS units (GEOSArea_r): holes subtracted, overlapping parts
    /// counted twice (as GEOS does; valid multipolygons have no overlapping parts).
    public var area: Double {
        get throws(GEOSError) { try Geometry.multiPolygon(self).area }
    }

    /// Whether the multipolygon is valid (GEOSisValid_r).
    public var isValid: Bool {
        get throws(GEOSError) { try Geometry.multiPolygon(self).isValid }
    }

    /// GEOS's reason why it is invalid, nil when valid (GEOSisValidReason_r).
    public func validityReason() throws(GEOSError) -> String? {
        try Geometry.multiPolygon(self).validityReason()
    }

    /// A valid multipolygon covering the same area (GEOSMakeValid_r); lines and points that the repair
    /// produces from collapsed parts are dropped, since they have no area.
    public func makeValid() throws(GEOSError) -> MultiPolygon {
        try Geometry.multiPolygon(self).makeValid().polygonalPart
    }

    /// The area both multipolygons cover (GEOSIntersection_r); lines and points where they only
    /// touch are dropped, so the result's area is the overlap area.
    public func intersection(with other: MultiPolygon) throws(GEOSError) -> MultiPolygon {
        try Geometry.multiPolygon(self).intersection(with: .multiPolygon(other)).polygonalPart
    }

    /// A point in the interior (GEOSPointOnSurface_r), nil when empty.
    public func pointOnSurface() throws(GEOSError) -> Point? {
        try Geometry.multiPolygon(self).pointOnSurface()
    }
}

extension Geometry {
    /// The polygons in this geometry (from a Polygon, MultiPolygon or GeometryCollection), as one
    /// multipolygon; points and lines are dropped.
    public var polygonalPart: MultiPolygon {
        switch self {
        case .polygon(let p): MultiPolygon(p.isEmpty ? [] : [p])
        case .multiPolygon(let m): MultiPolygon(m.polygons.filter { !$0.isEmpty })
        case .geometryCollection(let parts): MultiPolygon(parts.flatMap { $0.polygonalPart.polygons })
        default: .empty
        }
    }
}
