import QuartierBase
import QuartierGEOS
import QuartierGeometry
import QuartierPROJ

/// The area checks were asked for in a CRS where areas are not in m².
public struct GeographicCRSError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var crs: CRS
    public var crsName: String

    public var description: String {
        "\(source) is in \(crs) (\(crsName)), a geographic CRS in degrees: overlaps, gaps and nesting are measured in m² and need a projected CRS. Give --crs with a projected CRS for the region (e.g. EPSG:25832 or EPSG:25833 for Germany, EPSG:3035 for Europe), or --no-area-checks."
    }
}

extension AreaSet {
    /// How to check an area set.
    public struct CheckOptions: Sendable {
        /// Overlaps and gaps of at most this many m² are ignored (slivers from coordinate rounding).
        public var tolerance: Double
        /// Children with at most this share of their area outside their parent are not reported.
        public var nestingTolerance: Double
        /// Repair invalid geometries (GEOSMakeValid_r) for the area checks; otherwise they are left out.
        public var repair: Bool
        /// Run the checks that measure area (overlaps, gaps, nesting).
        public var areaChecks: Bool
        /// The areas of the first parent level, from a separate file, in any CRS (transformed to this set's).
        public var parentAreas: AreaSet?

        public init(tolerance: Double = 0.01, nestingTolerance: Double = 0.001, repair: Bool = false,
                    areaChecks: Bool = true, parentAreas: AreaSet? = nil) {
            self.tolerance = tolerance
            self.nestingTolerance = nestingTolerance
            self.repair = repair
            self.areaChecks = areaChecks
            self.parentAreas = parentAreas
        }
    }

    /// Checks what a planner must know before trusting any figure computed on these areas: invalid and
    /// empty geometries (GEOS IsValidOp), duplicate ids, overlaps and gaps between areas (GEOS overlay),
    /// consistency of the hierarchy columns, and nesting of children in a separate parent file.
    ///
    /// Overlaps: candidate pairs from an STRtree of the bounding boxes, then the area of the intersection
    /// (GEOSIntersection_r). Gaps: interior rings of the union of all areas (GEOSUnaryUnion_r), minus
    /// areas lying inside them (GEOSDifference_r); land outside the outer boundary is not a gap. Parents with one file: the union of each parent id's
    /// children (GEOSCoverageUnion_r, falling back to GEOSUnaryUnion_r) and the hierarchy table's
    /// consistency (each parent id has one id at every higher level).
    /// - Throws: `GeographicCRSError` when area checks are asked for in a geographic CRS; GEOS errors.
    /// - Complexity: O(n log n + k) overlay operations for n areas and k candidate pairs.
    public func check(_ options: CheckOptions = CheckOptions()) throws -> AreaCheckReport {
        var report = AreaCheckReport(source: source, crs: crs.definition, areaCount: areas.count, tolerance: options.tolerance)
        report.notes = notes
        let context = GEOSContext.current

        // Validity and emptiness.
        var usable: [GeometryHandle?] = []
        // The geometries the area checks use: the source's, or GEOS's repair.
        var geometries: [MultiPolygon?] = []
        for area in areas {
            if area.geometry.isEmpty {
                report.emptyGeometries.append(area.id)
                usable.append(nil)
                geometries.append(nil)
                continue
            }
            let handle = try GeometryHandle(area.geometry, context: context)
            if let detail = try handle.validityDetail() {
                let reason = try handle.validityReason()
                var repaired: GeometryHandle?
                var fixed: MultiPolygon?
                if options.repair {
                    fixed = try handle.makeValid().geometry().polygonalPart
                    repaired = try GeometryHandle(fixed!, context: context)
                }
                report.invalid.append(.init(id: area.id, feature: area.featureIndex, reason: reason, location: detail.location, repaired: repaired != nil))
                usable.append(repaired)
                geometries.append(fixed)
            } else {
                usable.append(handle)
                geometries.append(area.geometry)
            }
        }
        let leftOut = report.invalid.filter { !$0.repaired }.count
        if leftOut > 0 {
            report.notes.append("\(leftOut) invalid area(s) left out of the overlap, gap and nesting checks; --repair repairs them with GEOS MakeValid")
        }

        // Duplicate ids.
        var featuresByID: [String: [Int]] = [:]
        for area in areas { featuresByID[area.id, default: []].append(area.featureIndex) }
        report.duplicateIDs = featuresByID.filter { $0.value.count > 1 }.map { .init(id: $0.key, features: $0.value) }.sorted { $0.id < $1.id }

        // Hierarchy columns.
        for (level, column) in parentColumns.enumerated() {
            var children: [String: [Int]] = [:]
            var without: [String] = []
            for (index, area) in areas.enumerated() {
                if let parent = area.parentIDs[level] { children[parent, default: []].append(index) } else { without.append(area.id) }
            }
            var inconsistencies: [AreaCheckReport.Inconsistency] = []
            for (parent, members) in children.sorted(by: { $0.key < $1.key }) {
                for higher in (level + 1)..<parentColumns.count {
                    let values = Set(members.compactMap { areas[$0].parentIDs[higher] })
                    if values.count > 1 {
                        inconsistencies.append(.init(parentID: parent, higherColumn: parentColumns[higher], higherIDs: values.sorted()))
                    }
                }
            }
            var multipart: [String] = []
            if options.areaChecks {
                for (parent, members) in children.sorted(by: { $0.key < $1.key }) {
                    let polygons = members.compactMap { geometries[$0]?.polygons }.flatMap { $0 }
                    guard !polygons.isEmpty else { continue }
                    let union = try Self.union(of: polygons, context: context)
                    if union.polygons.count > 1 { multipart.append(parent) }
                }
            }
            report.levels.append(.init(column: column, parentCount: children.count, childrenWithoutParent: without,
                                       inconsistencies: inconsistencies, multipartParents: multipart))
        }

        guard options.areaChecks else {
            report.notes.append("area checks (overlaps, gaps, nesting) not run")
            return report
        }
        let description = try crs.describe()
        if description.isGeographic {
            throw GeographicCRSError(source: source, crs: crs, crsName: description.name)
        }

        // Overlaps.
        var boxes: [BoundingBox] = []
        var indices: [Int] = []
        for (index, handle) in usable.enumerated() {
            guard let handle, let box = try handle.boundingBox() else { continue }
            boxes.append(box)
            indices.append(index)
        }
        let tree = try STRtree(boxes: boxes)
        var overlaps: [AreaCheckReport.Overlap] = []
        for (position, index) in indices.enumerated() {
            guard let a = usable[index] else { continue }
            let prepared = try a.makePrepared()
            for other in try tree.query(boxes[position], context: context) where other > position {
                let j = indices[other]
                guard let b = usable[j], try prepared.intersects(b) else { continue }
                let overlap = try a.intersection(with: b)
                let area = try overlap.area
                guard area > options.tolerance else { continue }
                overlaps.append(.init(first: areas[index].id, second: areas[j].id, area: area, point: try overlap.pointOnSurface()))
            }
        }
        report.overlaps = overlaps.sorted { ($0.area, $1.first, $1.second) > ($1.area, $0.first, $0.second) }

        // Gaps: holes in the union of everything.
        let all = geometries.compactMap { $0?.polygons }.flatMap { $0 }
        var gaps: [AreaCheckReport.Gap] = []
        if !all.isEmpty {
            let union = try Self.union(of: all, context: context, coverage: false)
            let unionHandle = try GeometryHandle(union, context: context)
            for polygon in union.polygons {
                for hole in polygon.holes {
                    // The hole minus any area lying inside it (an island area within the gap).
                    let handle = try GeometryHandle(.polygon(Polygon(exterior: hole)), context: context).difference(with: unionHandle)
                    let area = try handle.area
                    guard area > options.tolerance else { continue }
                    gaps.append(.init(area: area, point: try handle.pointOnSurface()))
                }
            }
        }
        report.gaps = gaps.sorted { $0.area > $1.area }

        // Nesting in a separate parent file.
        if let parentAreas = options.parentAreas, let column = parentColumns.first {
            let parents = try parentAreas.transformed(to: crs)
            var parentByID: [String: MultiPolygon] = [:]
            for parent in parents.areas where parentByID[parent.id] == nil { parentByID[parent.id] = parent.geometry }
            var issues: [AreaCheckReport.NestingIssue] = []
            for (index, area) in areas.enumerated() {
                guard let handle = usable[index], let parentID = area.parentIDs[0] else { continue }
                guard let parent = parentByID[parentID] else {
                    issues.append(.init(childID: area.id, parentID: parentID, shareOutside: 1, parentMissing: true))
                    continue
                }
                let childArea = try handle.area
                guard childArea > 0 else { continue }
                let parentHandle = try GeometryHandle(try parent.makeValidIfNeeded(), context: context)
                let inside = try handle.intersection(with: parentHandle).area
                let share = max(0, (childArea - inside) / childArea)
                if share > options.nestingTolerance {
                    issues.append(.init(childID: area.id, parentID: parentID, shareOutside: share, parentMissing: false))
                }
            }
            report.nesting = issues.sorted { ($0.shareOutside, $1.childID) > ($1.shareOutside, $0.childID) }
            report.notes.append("nesting checked against \(parents.areas.count) parent areas of \(parentAreas.source) by \(column)")
        }
        return report
    }

    /// The union of polygons that should form a coverage: GEOSCoverageUnion_r when `coverage`, falling
    /// back to GEOSUnaryUnion_r when GEOS rejects the input or the parts overlap.
    static func union(of polygons: [Polygon], context: GEOSContext, coverage: Bool = true) throws -> MultiPolygon {
        let collection = try GeometryHandle(.geometryCollection(polygons.map { .polygon($0) }), context: context)
        if coverage, let result = try? collection.coverageUnion() {
            let merged = try result.geometry().polygonalPart
            // A coverage union of overlapping parts is wrong; check the area adds up.
            let expected = try collection.area
            if abs(try MultiPolygon(merged.polygons).area - expected) <= 1e-6 * max(1, expected) { return merged }
        }
        return try collection.unaryUnion().geometry().polygonalPart
    }

    /// Compares the area ids with the ids of a table (e.g. the id column of an indicator CSV).
    public func compareIDs(with tableIDs: [String]) -> IDComparison {
        let areaIDs = Set(ids)
        let table = Set(tableIDs)
        var counts: [String: Int] = [:]
        for id in tableIDs { counts[id, default: 0] += 1 }
        return IDComparison(missingInAreas: table.subtracting(areaIDs).sorted(), missingInTable: areaIDs.subtracting(table).sorted(),
                            duplicatedInTable: counts.filter { $0.value > 1 }.keys.sorted())
    }
}

/// Ids of a table compared with the ids of an area set.
public struct IDComparison: Hashable, Sendable, Codable {
    /// Ids in the table that no area has (their rows cannot be mapped).
    public var missingInAreas: [String]
    /// Area ids the table has no row for (they will show as "no data").
    public var missingInTable: [String]
    /// Ids that occur more than once in the table.
    public var duplicatedInTable: [String]

    public var isClean: Bool { missingInAreas.isEmpty && missingInTable.isEmpty && duplicatedInTable.isEmpty }
}

extension MultiPolygon {
    /// Itself when valid, else GEOS's repair.
    func makeValidIfNeeded() throws -> MultiPolygon {
        try isValid ? self : makeValid()
    }
}
