import Foundation
import QuartierBase

/// A monitoring store in PostgreSQL: `postgresql://[user@][host][:port]/database?schema=name`
/// (also `postgres://`). Parsed here, without a client library, so that a spec or `--store` is
/// checked when it is read; connected by `QuartierPostGIS`.
///
/// Credentials never appear in it: a URL with a password (`user:secret@`, `password=`) is refused.
/// The password comes from libpq's environment (`PGPASSWORD`) or password file (`PGPASSFILE`,
/// `~/.pgpass`); a missing host, port or user is libpq's default (`PGHOST`, `PGPORT`, `PGUSER`, the
/// local socket). Conventions: the schema is a plain lower-case SQL identifier (`[a-z_][a-z0-9_]*`,
/// at most 63 bytes, PostgreSQL's `NAMEDATALEN - 1`), so it is never quoted and never folded.
public struct PostgreSQLStoreURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String?
    public var port: Int?
    public var user: String?
    public var database: String
    public var schema: String
    /// Other libpq parameters from the query (`sslmode=require`, `connect_timeout=5`), in order.
    public var parameters: [(key: String, value: String)]

    public static func == (a: Self, b: Self) -> Bool { a.description == b.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Whether `text` is meant as a PostgreSQL URL (its scheme), so it is not resolved as a path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parameters a URL may carry besides `schema` (libpq connection keywords without secrets).
    static let allowedParameters: Set<String> = ["sslmode", "connect_timeout", "application_name", "sslrootcert", "target_session_attrs"]

    /// - Throws: `InputError` at `location` naming what is wrong (a password, no database, no schema …).
    public init(_ text: String, location: InputLocation) throws {
        func fail(_ found: String, _ expected: String) -> InputError { InputError(location, found: found, expected: expected) }
        let expectedForm = "postgresql://[user@][host][:port]/database?schema=name (the password from PGPASSWORD or ~/.pgpass, never in the URL)"
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw fail("\"\(InputError.excerpt(text))\"", expectedForm)
        }
        if components.password != nil || text.range(of: #"^[a-z]+://[^/@]*:[^/@]*@"#, options: .regularExpression) != nil {
            throw fail("a password in the store URL (it would end up in specs, logs and shell histories)", expectedForm)
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        port = components.port
        user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw fail("no database in \"\(Self.redacted(text))\"", expectedForm) }
        database = path
        var schema: String?
        var parameters: [(String, String)] = []
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "schema": schema = value
            case "password", "passfile":
                throw fail("\(item.name)= in the store URL", expectedForm)
            case let name where Self.allowedParameters.contains(name): parameters.append((name, value))
            default:
                throw fail("the parameter \"\(InputError.excerpt(item.name))\"",
                           "schema or one of \(Self.allowedParameters.sorted().joined(separator: ", "))")
            }
        }
        guard let schema else { throw fail("no schema in \"\(Self.redacted(text))\"", "?schema=name: one schema per monitoring") }
        guard Self.isPlainIdentifier(schema) else {
            throw fail("the schema \"\(InputError.excerpt(schema))\"", "a lower-case name of letters a–z, digits and _ (not starting with a digit, at most 63 characters, not pg_…)")
        }
        self.schema = schema
        self.parameters = parameters
    }

    /// `[a-z_][a-z0-9_]*`, at most 63 bytes, not a system schema (`pg_…`, `information_schema`, `public` is allowed).
    public static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !name.isEmpty, name.utf8.count <= 63,
              first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
              name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                  || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              !name.hasPrefix("pg_"), name != "information_schema" else { return false }
        return true
    }

    /// The URL as written back (never a password: it has none).
    public var description: String {
        var text = "postgresql://"
        if let user { text += user + "@" }
        if let host { text += host.contains(":") ? "[\(host)]" : host }
        if let port { text += ":\(port)" }
        text += "/\(database)?schema=\(schema)"
        for (key, value) in parameters { text += "&\(key)=\(value)" }
        return text
    }

    /// A URL as it may be shown in a message: anything between `://` and `@` dropped.
    static func redacted(_ text: String) -> String {
        InputError.excerpt(text.replacingOccurrences(of: #"://[^/@]*@"#, with: "://…@", options: .regularExpression))
    }
}
