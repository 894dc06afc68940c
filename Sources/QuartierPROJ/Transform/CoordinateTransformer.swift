import CPROJ
import QuartierGeometry

/// Transforms coordinates between two CRSs with PROJ; owns the `PJ*` of the operation.
///
/// Built with `proj_create_crs_to_crs` and `proj_normalize_for_visualization`, so that x is longitude or
/// easting and y latitude or northing whatever axis order the authority declares (EPSG:4326 is
/// officially lat/lon). Check: (13.405 E, 52.52 N) from EPSG:4326 to EPSG:25833 is
/// (391779.26, 5820072.16).
///
/// ```swift
/// let transformer = try CoordinateTransformer(from: .epsg(4326), to: .epsg(25833))
/// let p = try transformer.transform(Point(x: 13.405, y: 52.52))
/// ```
public final class CoordinateTransformer {
    let pointer: OpaquePointer
    public let context: PROJContext
    public let source: CRS
    public let target: CRS

    public init(from source: CRS, to target: CRS, context: PROJContext = .current) throws(PROJError) {
        self.context = context
        self.source = source
        self.target = target
        let raw: OpaquePointer
        do {
            raw = try context.check("proj_create_crs_to_crs") {
                proj_create_crs_to_crs(context.handle, source.definition, target.definition, nil)
            }
        } catch {
            throw PROJError(function: error.function, message: "\(error.message) (from \(source.definition.prefix(80)) to \(target.definition.prefix(80)))")
        }
        defer { proj_destroy(raw) }
        pointer = try context.check("proj_normalize_for_visualization") {
            proj_normalize_for_visualization(context.handle, raw)
        }
    }

    deinit {
        proj_destroy(pointer)
    }

    /// Transforms points in place (proj_trans_generic).
    /// - Throws: `PROJError` when a point cannot be transformed (PROJ returns HUGE_VAL for it).
    public func transform(_ points: inout [Point]) throws(PROJError) {
        guard !points.isEmpty else { return }
        let count = points.count
        var xs = points.map(\.x)
        var ys = points.map(\.y)
        let stride = MemoryLayout<Double>.stride
        let done = xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                proj_trans_generic(pointer, PJ_FWD, x.baseAddress, stride, count, y.baseAddress, stride, count, nil, 0, 0, nil, 0, 0)
            }
        }
        let failed = done != count
        for i in 0..<count { points[i] = Point(x: xs[i], y: ys[i]) }
        if failed || points.contains(where: { !$0.x.isFinite || !$0.y.isFinite }) {
            let bad = points.firstIndex { !$0.x.isFinite || !$0.y.isFinite }
            var error = context.error("proj_trans_generic")
            if let bad { error.message += " (point \(bad) could not be transformed from \(source) to \(target))" }
            throw error
        }
    }

    /// Transforms one coordinate pair in place without allocating (for a record at a time); false,
    /// with the pair left non-finite, when PROJ cannot transform it.
    public func transform(x: inout Double, y: inout Double) -> Bool {
        let stride = MemoryLayout<Double>.stride
        let done = proj_trans_generic(pointer, PJ_FWD, &x, stride, 1, &y, stride, 1, nil, 0, 0, nil, 0, 0)
        return done == 1 && x.isFinite && y.isFinite
    }

    /// Transforms one point.
    public func transform(_ point: Point) throws(PROJError) -> Point {
        var points = [point]
        try transform(&points)
        return points[0]
    }

    /// Transforms every vertex of `geometry`.
    public func transform(_ geometry: Geometry) throws(PROJError) -> Geometry {
        var points = geometry.allPoints
        try transform(&points)
        var index = 0
        return geometry.mapPoints { _ in
            defer { index += 1 }
            return points[index]
        }
    }

    /// Transforms every vertex of `multiPolygon`.
    public func transform(_ multiPolygon: MultiPolygon) throws(PROJError) -> MultiPolygon {
        var points: [Point] = []
        points.reserveCapacity(multiPolygon.pointCount)
        for polygon in multiPolygon.polygons { for ring in polygon.rings { points += ring } }
        try transform(&points)
        var index = 0
        return multiPolygon.mapPoints { _ in
            defer { index += 1 }
            return points[index]
        }
    }
}

// Bound to its PROJ context, which one thread uses at a time.
@available(*, unavailable) extension CoordinateTransformer: Sendable {}
