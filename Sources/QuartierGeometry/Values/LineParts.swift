/// Many line strings in two flat arrays: the vertices of every part one after the other, and where
/// each part starts. What a reader of a large line layer (a road network) fills without building one
/// `Geometry` value per feature.
///
/// Part `k` is `points[offsets[k] ..< offsets[k + 1]]`; `offsets` starts with 0 and has `count + 1`
/// entries. Parts keep their vertex order; an empty or one-vertex part is kept as read.
public struct LineParts: Sendable, Hashable {
    public var points: [Point]
    public var offsets: [Int]

    public init() {
        points = []
        offsets = [0]
    }

    /// The number of parts.
    public var count: Int { offsets.count - 1 }

    /// The vertices of part `k`.
    public subscript(_ k: Int) -> ArraySlice<Point> { points[offsets[k]..<offsets[k + 1]] }

    /// Appends one part.
    public mutating func append<C: Collection>(_ part: C) where C.Element == Point {
        points.append(contentsOf: part)
        offsets.append(points.count)
    }
}
