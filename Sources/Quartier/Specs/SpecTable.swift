import QuartierBase

/// One table of a spec, read with typed accessors that name the spec's line in every error.
///
/// Call `rejectUnknownKeys(allowed:)` after reading so that a misspelt key (`denominatr`) is an
/// error naming its line instead of being silently ignored.
public struct SpecTable: Sendable {
    public let document: SpecDocument
    public let path: SpecPath
    public let values: [String: SpecValue]

    public init(document: SpecDocument, path: SpecPath, values: [String: SpecValue]) {
        self.document = document
        self.path = path
        self.values = values
    }

    /// The root table of `document`.
    public init(root document: SpecDocument) throws {
        guard case .table(let values) = document.root else {
            throw document.error(at: .root, found: document.root.typeName, expected: "a TOML table")
        }
        self.init(document: document, path: .root, values: values)
    }

    public func contains(_ key: String) -> Bool { values[key] != nil }

    /// Fails with the line of the first key not in `allowed`, listing the keys that are.
    public func rejectUnknownKeys(allowed: Set<String>) throws {
        for key in values.keys.sorted() where !allowed.contains(key) {
            throw document.error(
                at: path.appending(key), found: "unknown key \"\(key)\"",
                expected: "one of \(allowed.sorted().joined(separator: ", "))")
        }
    }

    public func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw missing(key, "a string") }
        return value
    }

    public func optionalString(_ key: String) throws -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let string) = value else { throw wrongType(key, value, "a string") }
        return string
    }

    public func int(_ key: String) throws -> Int {
        guard let value = try optionalInt(key) else { throw missing(key, "an integer") }
        return value
    }

    public func optionalInt(_ key: String) throws -> Int? {
        guard let value = values[key] else { return nil }
        guard case .integer(let integer) = value else { throw wrongType(key, value, "an integer") }
        return integer
    }

    public func double(_ key: String) throws -> Double {
        guard let value = try optionalDouble(key) else { throw missing(key, "a number") }
        return value
    }

    /// A number; integers are accepted where a number is expected.
    public func optionalDouble(_ key: String) throws -> Double? {
        guard let value = values[key] else { return nil }
        switch value {
        case .double(let double): return double
        case .integer(let integer): return Double(integer)
        default: throw wrongType(key, value, "a number")
        }
    }

    public func optionalBool(_ key: String) throws -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .bool(let bool) = value else { throw wrongType(key, value, "true or false") }
        return bool
    }

    /// An array of strings; a single string is accepted as an array of one.
    public func optionalStrings(_ key: String) throws -> [String]? {
        guard let value = values[key] else { return nil }
        switch value {
        case .string(let string): return [string]
        case .array(let items):
            return try items.enumerated().map { index, item in
                guard case .string(let string) = item else {
                    throw document.error(
                        at: path.appending(key).appending(index: index), found: item.typeName, expected: "a string")
                }
                return string
            }
        default: throw wrongType(key, value, "an array of strings")
        }
    }

    public func optionalDoubles(_ key: String) throws -> [Double]? {
        guard let value = values[key] else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, value, "an array of numbers") }
        return try items.enumerated().map { index, item in
            switch item {
            case .double(let double): return double
            case .integer(let integer): return Double(integer)
            default:
                throw document.error(
                    at: path.appending(key).appending(index: index), found: item.typeName, expected: "a number")
            }
        }
    }

    public func table(_ key: String) throws -> SpecTable {
        guard let table = try optionalTable(key) else { throw missing(key, "a table") }
        return table
    }

    public func optionalTable(_ key: String) throws -> SpecTable? {
        guard let value = values[key] else { return nil }
        guard case .table(let table) = value else { throw wrongType(key, value, "a table") }
        return SpecTable(document: document, path: path.appending(key), values: table)
    }

    /// The sub-tables of a table (`[levels.block]`, `[levels.quartier]`), sorted by key.
    public func namedTables(_ key: String) throws -> [(name: String, table: SpecTable)] {
        guard let parent = try optionalTable(key) else { return [] }
        return try parent.values.keys.sorted().map { name in (name, try parent.table(name)) }
    }

    /// An array of tables (`[[sources]]`), in file order.
    public func arrayOfTables(_ key: String) throws -> [SpecTable] {
        guard let value = values[key] else { return [] }
        guard case .array(let items) = value else { throw wrongType(key, value, "an array of tables ([[\(key)]])") }
        return try items.enumerated().map { index, item in
            let itemPath = path.appending(key).appending(index: index)
            guard case .table(let table) = item else {
                throw document.error(at: itemPath, found: item.typeName, expected: "a table")
            }
            return SpecTable(document: document, path: itemPath, values: table)
        }
    }

    /// An error located at `key` of this table.
    public func error(_ key: String?, found: String, expected: String) -> InputError {
        document.error(at: key.map { path.appending($0) } ?? path, found: found, expected: expected)
    }

    private func missing(_ key: String, _ expected: String) -> InputError {
        document.error(at: path, found: "no key \"\(key)\" in [\(path)]", expected: "\(key) = \(expected)")
    }

    private func wrongType(_ key: String, _ value: SpecValue, _ expected: String) -> InputError {
        document.error(at: path.appending(key), found: value.shortDescription, expected: expected)
    }
}
