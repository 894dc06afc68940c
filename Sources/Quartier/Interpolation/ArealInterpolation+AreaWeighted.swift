import QuartierBase
import QuartierGEOS
import QuartierGeometry

extension ArealInterpolation {
    /// Area-weighted interpolation: weights are the intersection areas |s∩t| (GEOS), found for the
    /// pairs whose bounding boxes meet in an STRtree of the targets (not all pairs).
    ///
    /// Source: Goodchild & Lam (1980); tobler's `area_interpolate` for the allocation rules.
    /// - Parameters:
    ///   - sources, targets: the two area sets, in the same projected CRS (areas in m²).
    ///   - variables: one value per source each.
    ///   - denominator: for extensive variables, divide by the covered part (preserves the total) or by
    ///     the whole source area.
    /// - Throws: `InputError` naming the area when GEOS cannot intersect it (e.g. an invalid polygon;
    ///   repair it first) or a variable has the wrong length.
    public static func areaWeighted(sources: [Zone], targets: [Zone], variables: [Variable],
                                    denominator: ExtensiveDenominator = .coveredPart) throws(InputError) -> Result {
        let table = try areaTable(sources: sources, targets: targets)
        return try allocate(table, sources: sources, targets: targets, variables: variables, denominator: denominator,
                            method: "area-weighted (Goodchild & Lam 1980), extensive denominator: \(denominator == .coveredPart ? "covered part of the source (total preserved)" : "whole source area")")
    }

    /// The table of intersection areas between sources and targets.
    /// - Complexity: one STRtree query per source, one GEOS intersection per candidate pair.
    public static func areaTable(sources: [Zone], targets: [Zone]) throws(InputError) -> WeightTable {
        let context = GEOSContext.current
        func handle(_ zone: Zone, _ role: String) throws(InputError) -> GeometryHandle {
            do { return try GeometryHandle(zone.geometry, context: context) } catch {
                throw InputError(InputLocation(file: role, feature: zone.id, field: "geometry"), found: error.description, expected: "a polygon GEOS can read")
            }
        }
        var targetHandles: [GeometryHandle] = []
        var boxes: [BoundingBox] = []
        for t in targets {
            targetHandles.append(try handle(t, "targets"))
            boxes.append(t.geometry.boundingBox ?? BoundingBox(minX: .nan, minY: .nan, maxX: .nan, maxY: .nan))
        }
        let tree: STRtree
        do { tree = try STRtree(boxes: boxes) } catch {
            throw InputError(InputLocation(file: "targets"), found: error.description, expected: "target areas GEOS can index")
        }
        var entries: [(source: Int, target: Int, weight: Double)] = []
        var sourceTotals = [Double](repeating: 0, count: sources.count)
        var sourceWeights = [Double](repeating: 0, count: sources.count)
        for (s, source) in sources.enumerated() {
            guard let box = source.geometry.boundingBox else { continue }
            let sourceHandle = try handle(source, "sources")
            do {
                sourceWeights[s] = try sourceHandle.area
                for t in try tree.query(box, context: context) {
                    let area = try sourceHandle.intersection(with: targetHandles[t]).area
                    if area > 0 {
                        entries.append((s, t, area))
                        sourceTotals[s] += area
                    }
                }
            } catch {
                throw InputError(InputLocation(file: "sources", feature: source.id, field: "geometry"), found: "GEOS: \(error.description)",
                                 expected: "valid polygons (repair them first, e.g. quartier areas check --repair)")
            }
        }
        return WeightTable(sourceCount: sources.count, targetCount: targets.count, entries: entries,
                           sourceTotals: sourceTotals, sourceWeights: sourceWeights)
    }
}
