/// Which area a point on an area's boundary belongs to.
///
/// Interior points belong to the area whose interior contains them under either rule (when areas
/// overlap, to the one with the smallest id). The rules differ only for points on a boundary.
public enum BoundaryRule: String, Sendable, CaseIterable, Hashable {
    /// As GEOS/PostGIS `ST_Contains` (OGC simple features): a point on an area's boundary is in no
    /// area and is counted as `on_boundary`. Results equal those of GEOS, PostGIS, DuckDB, GeoPandas
    /// (`within`).
    case contains
    /// A point on a boundary goes to exactly one of the areas that cover it (interior or boundary):
    /// the one with the smallest id. No point on a boundary is lost.
    case lowestID = "lowest-id"
}

/// Where a point lies relative to an area set, before a boundary rule is applied.
public enum PointLocation: Hashable, Sendable {
    /// In the interior of the area with this index (the smallest index when areas overlap).
    case interior(Int)
    /// On the boundary of at least one area and in the interior of none; the index is the smallest
    /// index among the areas whose boundary holds the point.
    case boundary(Int)
    /// In no area and on no boundary.
    case exterior
}
