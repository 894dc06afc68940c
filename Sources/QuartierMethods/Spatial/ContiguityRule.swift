/// What makes two areas neighbours.
public enum ContiguityRule: String, Hashable, Sendable, CaseIterable {
    /// At least one shared boundary point: a common vertex (libpysal `Queen`).
    case queen
    /// A shared edge of positive length: a common pair of consecutive vertices (libpysal `Rook`).
    case rook
}
