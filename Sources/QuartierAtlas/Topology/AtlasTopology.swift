import QuartierGeometry
import QuartierReport

/// The geometry of every level of an atlas stored once: shared borders as arcs kept once, coordinates
/// quantised and delta-encoded.
///
/// Source: the TopoJSON format specification (M. Bostock, topojson-specification 1.0, §2.1.2
/// "Transforms" and §2.2 "Arcs"): a point is stored as integers (x, y) on a grid of
/// `quantization × quantization` over the bounding box; position = (x·scale₀ + translate₀,
/// y·scale₁ + translate₁); each arc's first position is absolute, the others are deltas from the
/// previous one; a ring refers to its arcs by index, `~i` (−i − 1) meaning arc i reversed.
/// The arcs are cut and deduplicated by `CoverageSimplifier` (the report's coverage topology, one
/// implementation), which simplifies each arc once with Douglas–Peucker at `tolerance`.
///
/// Conventions: x = easting, y = northing (the monitoring's projected CRS, metres); y grows north as
/// in TopoJSON (the atlas flips it for SVG); a polygon is its exterior ring followed by its holes.
public struct AtlasTopology: Sendable, Hashable, Codable {
    /// Grid steps per axis (TopoJSON's `-q`); positions are integers in 0..<quantization.
    public var quantization: Int
    /// Metres per grid step (x, y): TopoJSON `transform.scale`.
    public var scale: [Double]
    /// The position of grid point (0, 0): TopoJSON `transform.translate`.
    public var translate: [Double]
    /// Each arc as a flat list x₀, y₀, dx₁, dy₁, … (integers; the first pair absolute).
    public var arcs: [[Int]]
    /// Per input geometry: its polygons, each a list of rings, each a list of arc references.
    public var geometries: [[[[Int]]]]

    /// Encodes `geometries` (all levels together, so that borders shared across levels are stored once).
    /// - Parameters:
    ///   - quantization: grid steps per axis (≥ 2); the step is the bounding box's span / (quantization − 1).
    ///   - tolerance: Douglas–Peucker tolerance in map units applied to each arc before quantising
    ///     (0: only exactly collinear vertices go).
    /// - Complexity: O(n log n) in the number of vertices.
    public static func encode(_ geometries: [MultiPolygon], quantization: Int = 10_000, tolerance: Double = 0) -> AtlasTopology {
        precondition(quantization >= 2, "quantization must be at least 2")
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for geometry in geometries { for polygon in geometry.polygons { for ring in polygon.rings { for p in ring {
            minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y)
        } } } }
        if !minX.isFinite { minX = 0; minY = 0; maxX = 1; maxY = 1 }
        let kx = maxX > minX ? (maxX - minX) / Double(quantization - 1) : 1
        let ky = maxY > minY ? (maxY - minY) / Double(quantization - 1) : 1
        let result = CoverageSimplifier(tolerance: tolerance).simplify(geometries)
        // Quantise each arc once (shared borders stay identical); drop repeated grid points.
        var arcs: [[Int]] = []
        arcs.reserveCapacity(result.arcs.count)
        for arc in result.arcs {
            var flat: [Int] = []
            flat.reserveCapacity(arc.count * 2)
            var previous: (Int, Int)? = nil
            for (i, p) in arc.enumerated() {
                let q = (Int(((p.x - minX) / kx).rounded()), Int(((p.y - minY) / ky).rounded()))
                if let last = previous {
                    // Keep the last point even when repeated, so that an arc always has two positions.
                    if q == last && i != arc.count - 1 { continue }
                    flat.append(q.0 - last.0); flat.append(q.1 - last.1)
                } else {
                    flat.append(q.0); flat.append(q.1)
                }
                previous = q
            }
            arcs.append(flat)
        }
        var output: [[[[Int]]]] = geometries.map { $0.polygons.map { _ in [] } }
        for ring in result.ringArcs {
            if ring.ring == 0 { output[ring.area][ring.polygon].insert(ring.arcs, at: 0) } else { output[ring.area][ring.polygon].append(ring.arcs) }
        }
        return AtlasTopology(quantization: quantization, scale: [kx, ky], translate: [minX, minY], arcs: arcs,
                             geometries: output.map { $0.filter { !$0.isEmpty } })
    }

    /// The positions of arc `index` in map units (decoded: deltas summed, transform applied).
    public func arcPoints(_ index: Int) -> [Point] {
        let flat = arcs[index]
        var points: [Point] = []
        points.reserveCapacity(flat.count / 2)
        var x = 0, y = 0
        var i = 0
        while i + 1 < flat.count {
            x += flat[i]; y += flat[i + 1]
            points.append(Point(x: Double(x) * scale[0] + translate[0], y: Double(y) * scale[1] + translate[1]))
            i += 2
        }
        return points
    }

    /// Geometry `index` decoded: closed rings rebuilt from their arcs (shared end points once).
    public func decode(_ index: Int) -> MultiPolygon {
        MultiPolygon(geometries[index].map { rings in
            let decoded = rings.map { refs -> [Point] in
                var ring: [Point] = []
                for ref in refs {
                    let arc = ref >= 0 ? arcPoints(ref) : Array(arcPoints(~ref).reversed())
                    for p in arc where ring.last != p { ring.append(p) }
                }
                if let first = ring.first, ring.last != first { ring.append(first) }
                return ring
            }
            return Polygon(exterior: decoded[0], holes: Array(decoded.dropFirst()))
        })
    }
}
