/// An axis-aligned rectangle, closed on all sides.
public struct BoundingBox: Hashable, Sendable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    @inlinable
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest box around `points`, or nil when there are none.
    public init?<S: Sequence>(points: S) where S.Element == Point {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let p = iterator.next() { box.expand(toInclude: p) }
        self = box
    }

    @inlinable
    public mutating func expand(toInclude p: Point) {
        if p.x < minX { minX = p.x }
        if p.x > maxX { maxX = p.x }
        if p.y < minY { minY = p.y }
        if p.y > maxY { maxY = p.y }
    }

    @inlinable
    public mutating func expand(toInclude other: BoundingBox) {
        minX = Swift.min(minX, other.minX)
        minY = Swift.min(minY, other.minY)
        maxX = Swift.max(maxX, other.maxX)
        maxY = Swift.max(maxY, other.maxY)
    }

    @inlinable
    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    @inlinable
    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}

extension Polygon {
    /// The bounding box of the exterior ring (holes lie inside it), nil when empty.
    public var boundingBox: BoundingBox? { BoundingBox(points: exterior) }
}

extension MultiPolygon {
    /// The bounding box of all parts, nil when empty.
    public var boundingBox: BoundingBox? {
        var result: BoundingBox?
        for polygon in polygons {
            guard let box = polygon.boundingBox else { continue }
            if result == nil { result = box } else { result!.expand(toInclude: box) }
        }
        return result
    }
}
