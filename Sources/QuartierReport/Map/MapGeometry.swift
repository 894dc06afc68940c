import QuartierGeometry

/// The level-0 areas prepared once for every map of a report: simplified as a coverage, projected to
/// the SVG viewBox (y flipped) on a grid of 0.1 px, as path data, with label points and neighbours.
public struct MapGeometry: Sendable {
    /// Width and height of the map frame in px (viewBox units).
    public var width: Double
    public var height: Double
    /// px per map unit (metre).
    public var scale: Double
    public var ids: [String]
    public var names: [String]
    /// SVG path data per area (absolute first point, then relative moves, 0.1 px grid).
    public var paths: [String]
    /// Label anchor (px) and the free width (px) around it, per area; nil when none was found.
    public var labels: [(x: Double, y: Double, room: Double, height: Double)?]
    /// Neighbour ids per area id (areas sharing an edge in the coverage).
    public var neighbours: [String: [String]]
    public var verticesBefore: Int
    public var verticesAfter: Int

    /// Prepares `areas` for maps `width` px wide, simplifying with `tolerancePixels` (0.5 px: invisible).
    public init(areas: [ReportArea], width: Double = 700, maxHeight: Double = 900, tolerancePixels: Double = 0.5) {
        var box: (minX: Double, minY: Double, maxX: Double, maxY: Double) = (.infinity, .infinity, -.infinity, -.infinity)
        for area in areas { for polygon in area.geometry.polygons { for p in polygon.exterior {
            box = (min(box.minX, p.x), min(box.minY, p.y), max(box.maxX, p.x), max(box.maxY, p.y))
        } } }
        if !box.minX.isFinite { box = (0, 0, 1, 1) }
        let spanX = max(box.maxX - box.minX, 1e-9), spanY = max(box.maxY - box.minY, 1e-9)
        let scale = min(width / spanX, maxHeight / spanY)
        self.scale = scale
        self.width = (spanX * scale).rounded(.up)
        self.height = (spanY * scale).rounded(.up)
        ids = areas.map(\.id)
        names = areas.map(\.name)
        let result = CoverageSimplifier(tolerance: tolerancePixels / scale).simplify(areas.map(\.geometry))
        verticesBefore = result.verticesBefore
        verticesAfter = result.verticesAfter
        var neighbours: [String: [String]] = [:]
        for (index, list) in result.neighbours.enumerated() {
            neighbours[areas[index].id] = list.map { areas[$0].id }.sorted()
        }
        self.neighbours = neighbours
        func grid(_ p: Point) -> (Int, Int) {
            (Int(((p.x - box.minX) * scale * 10).rounded()), Int(((box.maxY - p.y) * scale * 10).rounded()))
        }
        paths = result.geometries.map { polygons in
            var d = ""
            for ring in polygons.flatMap({ $0 }) {
                var previous: (Int, Int)? = nil
                var moves = 0
                var text = ""
                for point in ring.dropLast() {
                    let g = grid(point)
                    if let previous {
                        if g == previous { continue }
                        text += " " + MapGeometry.tenths(g.0 - previous.0) + " " + MapGeometry.tenths(g.1 - previous.1)
                        moves += 1
                    } else {
                        text = "M" + MapGeometry.tenths(g.0) + " " + MapGeometry.tenths(g.1) + "l"
                    }
                    previous = g
                }
                if moves >= 2 { d += text + "z" }
            }
            return d
        }
        labels = areas.map { area in
            MapGeometry.labelPoint(area.geometry).map { point, room in
                (x: (point.x - box.minX) * scale, y: (box.maxY - point.y) * scale, room: room.width * scale,
                 height: room.height * scale)
            }
        }
    }

    /// A number of tenths as decimal text: 12 → "1.2", −5 → "-0.5", 30 → "3".
    static func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }

    /// A point inside the largest polygon for its label, with the width of the free horizontal run
    /// through it and the polygon's height.
    ///
    /// The centroid of the exterior when it lies inside the polygon (even–odd test over all rings),
    /// else the middle of the widest run of the horizontal line through the centroid (a scan-line
    /// stand-in for polylabel, Agafonkin 2016, that is cheap and always inside).
    static func labelPoint(_ geometry: MultiPolygon) -> (Point, (width: Double, height: Double))? {
        guard let polygon = geometry.polygons.max(by: { abs(ringArea($0.exterior)) < abs(ringArea($1.exterior)) }),
              polygon.exterior.count >= 4 else { return nil }
        let ys = polygon.exterior.map(\.y)
        let height = (ys.max() ?? 0) - (ys.min() ?? 0)
        var cx = 0.0, cy = 0.0, a = 0.0
        let ring = polygon.exterior
        for i in 0..<(ring.count - 1) {
            let cross = ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
            a += cross
            cx += (ring[i].x + ring[i + 1].x) * cross
            cy += (ring[i].y + ring[i + 1].y) * cross
        }
        guard a != 0 else { return nil }
        cx /= 3 * a
        cy /= 3 * a
        // Crossings of the line y = cy with every ring.
        var xs: [Double] = []
        for ring in polygon.rings {
            for i in 0..<max(ring.count - 1, 0) {
                let p = ring[i], q = ring[i + 1]
                if (p.y > cy) != (q.y > cy) {
                    xs.append(p.x + (cy - p.y) * (q.x - p.x) / (q.y - p.y))
                }
            }
        }
        xs.sort()
        var best: (Double, Double)? = nil
        var containing: (Double, Double)? = nil
        var i = 0
        while i + 1 < xs.count {
            let run = (xs[i], xs[i + 1])
            if best == nil || run.1 - run.0 > best!.1 - best!.0 { best = run }
            if run.0 <= cx && cx <= run.1 { containing = run }
            i += 2
        }
        guard let chosen = best else { return nil }
        if let containing, (containing.1 - containing.0) >= 0.6 * (chosen.1 - chosen.0) {
            // The centroid is inside: keep it, with the room of its run (twice the shorter side).
            return (Point(x: cx, y: cy), (2 * min(cx - containing.0, containing.1 - cx), height))
        }
        return (Point(x: (chosen.0 + chosen.1) / 2, y: cy), (chosen.1 - chosen.0, height))
    }

    static func ringArea(_ ring: [Point]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) { sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y }
        return sum / 2
    }
}
