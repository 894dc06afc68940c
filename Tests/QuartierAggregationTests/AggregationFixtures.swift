import QuartierGeometry

/// Small hand-made area sets whose answers are known by construction.
enum AggregationFixtures {
    static func ring(_ xy: [(Double, Double)]) -> [Point] {
        var points = xy.map { Point(x: $0.0, y: $0.1) }
        points.append(points[0])
        return points
    }

    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, clockwise: Bool = false) -> [Point] {
        let ccw = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        return ring(clockwise ? ccw.reversed() : ccw)
    }

    /// Three areas (index 0, 1, 2 = ids 10, 20, 30):
    /// - 10: the square [0,10]², with a hole [2,4]² that belongs to nobody and a hole [6,8]² filled
    ///   by an island of area 30 (an exclave);
    /// - 20: the square [10,20]×[0,10] given CLOCKWISE, sharing the edge x = 10 with area 10;
    /// - 30: a MultiPolygon: [0,10]×[10,20] (sharing y = 10 with area 10) and the island [6,8]².
    static let threeAreas: [MultiPolygon] = [
        MultiPolygon([Polygon(exterior: square(0, 0, 10, 10), holes: [square(2, 2, 4, 4, clockwise: true), square(6, 6, 8, 8, clockwise: true)])]),
        MultiPolygon([Polygon(exterior: square(10, 0, 20, 10, clockwise: true))]),
        MultiPolygon([Polygon(exterior: square(0, 10, 10, 20)), Polygon(exterior: square(6, 6, 8, 8))]),
    ]

    static let threeAreaIDs = ["10", "20", "30"]

    /// A triangle in UTM-like coordinates on a 1 mm grid, with a long diagonal edge.
    static let utmTriangle: [MultiPolygon] = [
        MultiPolygon([Polygon(exterior: ring([(361_000.000, 5_645_000.000), (361_003.000, 5_645_001.000), (361_000.000, 5_645_002.000)]))]),
    ]
}
