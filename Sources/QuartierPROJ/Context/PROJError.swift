/// A PROJ call failed; carries PROJ's error text and the messages its logger reported.
///
/// `PROJ error in proj_create: crs not found (proj_create: crs not found: EPSG:99999)`.
public struct PROJError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed.
    public var function: String
    /// PROJ's message (`proj_context_errno_string` and the last logged error).
    public var message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "PROJ error in \(function): \(message)" }
}
