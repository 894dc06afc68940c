/// A GEOS call failed; carries the message GEOS reported through the context's error handler.
///
/// Like GRDB's `DatabaseError`, the text names the library, the function and the library's own message:
/// `GEOS error in GEOSIntersection_r: TopologyException: Input geom 0 is invalid: Self-intersection at …`.
public struct GEOSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed.
    public var function: String
    /// GEOS's message, or a note that it gave none.
    public var message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "GEOS error in \(function): \(message)" }
}
