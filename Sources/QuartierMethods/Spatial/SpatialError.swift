/// Spatial weights or statistics that cannot be computed, with the reason.
public struct SpatialError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
