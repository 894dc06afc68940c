import QuartierGeometry

/// What `quartier areas check` found in an area set. Counts and areas in m² of the set's (projected) CRS.
public struct AreaCheckReport: Hashable, Sendable, Codable {
    /// A geometry GEOS finds invalid, with its reason (GEOSisValidReason_r) and location.
    public struct InvalidGeometry: Hashable, Sendable, Codable {
        public var id: String
        public var feature: Int
        /// GEOS's text, e.g. "Self-intersection[391000.5 5820000.25]".
        public var reason: String
        public var location: Point?
        /// Whether it was repaired (GEOSMakeValid_r) for the area checks.
        public var repaired: Bool
    }

    /// An id used by more than one feature.
    public struct DuplicateID: Hashable, Sendable, Codable {
        public var id: String
        public var features: [Int]
    }

    /// Two areas of one level that share more than the tolerance of area.
    public struct Overlap: Hashable, Sendable, Codable {
        public var first: String
        public var second: String
        /// m² (squared CRS units).
        public var area: Double
        /// A point inside the overlap (GEOSPointOnSurface_r).
        public var point: Point?
    }

    /// A hole in the union of all areas (land covered by no area) larger than the tolerance.
    public struct Gap: Hashable, Sendable, Codable {
        public var area: Double
        public var point: Point?
    }

    /// A parent id whose children disagree on a higher-level parent id (e.g. the PLR of one
    /// Bezirksregion assigned to two Bezirke).
    public struct Inconsistency: Hashable, Sendable, Codable {
        public var parentID: String
        public var higherColumn: String
        public var higherIDs: [String]
    }

    /// The check of one hierarchy level (one parent column).
    public struct Level: Hashable, Sendable, Codable {
        public var column: String
        /// Distinct parent ids.
        public var parentCount: Int
        /// Children without a parent id in this column.
        public var childrenWithoutParent: [String]
        public var inconsistencies: [Inconsistency]
        /// Parents whose children's union falls apart into several pieces (information, not a problem:
        /// exclaves exist).
        public var multipartParents: [String]
    }

    /// A child whose area lies partly outside its parent's polygon (with `--parent-file`).
    public struct NestingIssue: Hashable, Sendable, Codable {
        public var childID: String
        public var parentID: String
        /// Share of the child's area outside the parent, 0…1; 1 when the parent id is not in the parent file.
        public var shareOutside: Double
        public var parentMissing: Bool
    }

    public var source: String
    public var crs: String
    public var areaCount: Int
    /// Overlaps and gaps at or below this many m² are not reported (floating-point slivers).
    public var tolerance: Double
    public var invalid: [InvalidGeometry] = []
    public var emptyGeometries: [String] = []
    public var duplicateIDs: [DuplicateID] = []
    /// Nil when the area checks were not run.
    public var overlaps: [Overlap]?
    public var gaps: [Gap]?
    public var levels: [Level] = []
    public var nesting: [NestingIssue]?
    /// What was left out and why.
    public var notes: [String] = []

    /// The number of problems: invalid (unrepaired) geometries, empty geometries, duplicate ids, overlaps,
    /// gaps, children without parent, inconsistent parents and nesting issues.
    public var problemCount: Int {
        invalid.filter { !$0.repaired }.count + emptyGeometries.count + duplicateIDs.count + (overlaps?.count ?? 0)
            + (gaps?.count ?? 0) + levels.reduce(0) { $0 + $1.childrenWithoutParent.count + $1.inconsistencies.count }
            + (nesting?.count ?? 0)
    }
}
