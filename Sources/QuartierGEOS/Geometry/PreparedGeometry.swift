import CGEOS
import QuartierGeometry

/// Owns a `GEOSPreparedGeometry*` (GEOSPrepare_r) and keeps its base geometry alive; `deinit` destroys it
/// with `GEOSPreparedGeom_destroy_r`. Prepared predicates index the base's edges once, so testing many
/// points against one polygon is fast.
public final class PreparedGeometry {
    let pointer: OpaquePointer
    /// The geometry this one was prepared from (GEOS borrows it; it must outlive the prepared form).
    public let base: GeometryHandle

    init(owning pointer: OpaquePointer, base: GeometryHandle) {
        self.pointer = pointer
        self.base = base
    }

    deinit {
        GEOSPreparedGeom_destroy_r(base.context.handle, pointer)
    }

    var context: GEOSContext { base.context }

    /// Whether the base contains `other` (GEOSPreparedContains_r).
    public func contains(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = base.other(other)
        return try context.checkPredicate("GEOSPreparedContains_r") { GEOSPreparedContains_r(context.handle, pointer, b) }
    }

    /// Whether the base covers `other` (GEOSPreparedCovers_r).
    public func covers(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = base.other(other)
        return try context.checkPredicate("GEOSPreparedCovers_r") { GEOSPreparedCovers_r(context.handle, pointer, b) }
    }

    /// Whether the base intersects `other` (GEOSPreparedIntersects_r).
    public func intersects(_ other: GeometryHandle) throws(GEOSError) -> Bool {
        let b = base.other(other)
        return try context.checkPredicate("GEOSPreparedIntersects_r") { GEOSPreparedIntersects_r(context.handle, pointer, b) }
    }

    /// Whether the base contains the point (x, y); GEOS 3.11 has no `GEOSPreparedContainsXY_r`, so this
    /// builds a point geometry per call.
    public func contains(_ point: Point) throws(GEOSError) -> Bool {
        try contains(try GeometryHandle(.point(point), context: context))
    }
}

// Bound to its base geometry's context, which one thread uses at a time.
@available(*, unavailable) extension PreparedGeometry: Sendable {}
