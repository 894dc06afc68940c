extension Geometry {
    /// Whether the geometry has no points (an empty point is `POINT(NaN NaN)`, the WKB convention).
    public var isEmpty: Bool {
        switch self {
        case .point(let p): p.x.isNaN && p.y.isNaN
        case .lineString(let line): line.isEmpty
        case .polygon(let polygon): polygon.isEmpty
        case .multiPoint(let points): points.isEmpty
        case .multiLineString(let lines): lines.allSatisfy(\.isEmpty)
        case .multiPolygon(let multi): multi.isEmpty
        case .geometryCollection(let parts): parts.allSatisfy(\.isEmpty)
        }
    }

    /// Every vertex, in storage order (rings keep their closing point).
    public var allPoints: [Point] {
        switch self {
        case .point(let p): p.x.isNaN ? [] : [p]
        case .lineString(let line): line
        case .polygon(let polygon): polygon.rings.flatMap { $0 }
        case .multiPoint(let points): points
        case .multiLineString(let lines): lines.flatMap { $0 }
        case .multiPolygon(let multi): multi.polygons.flatMap { $0.rings.flatMap { $0 } }
        case .geometryCollection(let parts): parts.flatMap(\.allPoints)
        }
    }

    /// The bounding box of all vertices, nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(points: allPoints) }

    /// The geometry with `transform` applied to every vertex (used for CRS transformations).
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> Geometry {
        switch self {
        case .point(let p): return .point(p.x.isNaN ? p : try transform(p))
        case .lineString(let line): return .lineString(try line.map(transform))
        case .polygon(let polygon): return .polygon(try polygon.mapPoints(transform))
        case .multiPoint(let points): return .multiPoint(try points.map(transform))
        case .multiLineString(let lines): return .multiLineString(try lines.map { try $0.map(transform) })
        case .multiPolygon(let multi): return .multiPolygon(try multi.mapPoints(transform))
        case .geometryCollection(let parts): return .geometryCollection(try parts.map { try $0.mapPoints(transform) })
        }
    }
}

extension Polygon {
    /// The polygon with `transform` applied to every vertex.
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> Polygon {
        Polygon(exterior: try exterior.map(transform), holes: try holes.map { try $0.map(transform) })
    }

    /// The number of vertices over all rings.
    public var pointCount: Int { exterior.count + holes.reduce(0) { $0 + $1.count } }
}

extension MultiPolygon {
    /// The multipolygon with `transform` applied to every vertex.
    public func mapPoints(_ transform: (Point) throws -> Point) rethrows -> MultiPolygon {
        MultiPolygon(try polygons.map { try $0.mapPoints(transform) })
    }

    /// The number of vertices over all parts and rings.
    public var pointCount: Int { polygons.reduce(0) { $0 + $1.pointCount } }
}
