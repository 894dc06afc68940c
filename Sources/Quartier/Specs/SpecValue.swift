import TOMLKit

/// A TOML value as plain Swift data.
public enum SpecValue: Hashable, Sendable {
    case table([String: SpecValue])
    case array([SpecValue])
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)

    /// Converts TOMLKit's tree once into plain values. Dates and times keep their TOML text.
    init(toml value: TOMLValueConvertible) {
        let value = value.tomlValue
        switch value.type {
        case .table:
            let table = value.table!
            var values: [String: SpecValue] = [:]
            for key in table.keys { values[key] = SpecValue(toml: table[key]!) }
            self = .table(values)
        case .array: self = .array(value.array!.map { SpecValue(toml: $0) })
        case .string: self = .string(value.string!)
        case .int: self = .integer(value.int!)
        case .double: self = .double(value.double!)
        case .bool: self = .bool(value.bool!)
        case .date, .time, .dateTime: self = .string(value.debugDescription)
        }
    }

    /// The TOML type's name, for messages.
    public var typeName: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        }
    }

    /// A short rendering of the value for messages.
    public var shortDescription: String {
        switch self {
        case .table(let table): "a table with keys \(table.keys.sorted().joined(separator: ", "))"
        case .array(let array): "an array of \(array.count)"
        case .string(let string): "\"\(string)\""
        case .integer(let integer): "\(integer)"
        case .double(let double): "\(double)"
        case .bool(let bool): "\(bool)"
        }
    }
}
