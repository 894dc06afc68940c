/// A polygon: one exterior ring and zero or more holes.
///
/// Rings are closed (first point equals last point) and have at least four points when non-empty;
/// orientation is not normalised (GeoJSON wants counter-clockwise exteriors, Shapefile clockwise:
/// every algorithm in Quartier is orientation-independent). An empty polygon has an empty exterior.
public struct Polygon: Hashable, Sendable {
    public var exterior: [Point]
    public var holes: [[Point]]

    public init(exterior: [Point], holes: [[Point]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    public static let empty = Polygon(exterior: [])

    public var isEmpty: Bool { exterior.isEmpty }

    /// All rings, the exterior first.
    public var rings: [[Point]] { [exterior] + holes }
}

/// A set of polygons (islands, exclaves, areas cut by a river).
public struct MultiPolygon: Hashable, Sendable {
    public var polygons: [Polygon]

    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
    }

    public static let empty = MultiPolygon([])

    public var isEmpty: Bool { polygons.allSatisfy(\.isEmpty) }
}
