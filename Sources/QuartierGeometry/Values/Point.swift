/// A position in a planar or geographic coordinate reference system.
///
/// `x` is easting or longitude, `y` northing or latitude, whatever axis order the CRS's
/// authority declares: Quartier keeps coordinates in x/y (traditional GIS) order everywhere.
public struct Point: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    @inlinable
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x) \(y))" }
}
