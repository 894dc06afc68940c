/// One cell of a store table, the same in every backend (GeoPackage, PostgreSQL).
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)

    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Bool?) { self = value.map { .boolean($0) } ?? .null }

    public var int64: Int64? {
        switch self {
        case .integer(let v): v
        case .boolean(let b): b ? 1 : 0
        case .real(let d): Int64(exactly: d)
        default: nil
        }
    }
    public var int: Int? { int64.map { Int($0) } }
    public var string: String? { if case .text(let s) = self { s } else { nil } }
    public var double: Double? {
        switch self {
        case .real(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }
    public var bool: Bool? {
        switch self {
        case .boolean(let b): b
        case .integer(let i): i != 0
        default: nil
        }
    }
}
