/// A failure talking to PostgreSQL: the store (its URL, which never holds a password), what was being
/// done, and the server's or libpq's message.
public struct PostgreSQLError: Error, Sendable, CustomStringConvertible {
    public var store: String
    public var action: String
    public var message: String
    /// The SQLSTATE of a server error (`42501` insufficient privilege, `28P01` wrong password), if any.
    public var sqlState: String?

    public init(store: String, action: String, message: String, sqlState: String? = nil) {
        self.store = store
        self.action = action
        self.message = message
        self.sqlState = sqlState
    }

    public var description: String {
        let text = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        return "\(store): \(action): \(text)"
    }
}
