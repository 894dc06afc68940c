/// A problem with the inputs of an access computation that is not tied to a file line (those are
/// `InputError`s from QuartierBase): a negative cost, an index out of range, a negative speed.
public struct AccessError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
