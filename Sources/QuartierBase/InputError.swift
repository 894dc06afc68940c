/// Where in an input something was found: a file and, as far as known, a line, a column
/// (1-based), a feature (GeoJSON/GeoPackage/Shapefile index or id) and a field.
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var feature: String?
    public var field: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, feature: String? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.feature = feature
        self.field = field
    }

    /// `file.csv:12:3`, `areas.geojson feature 17`, `... field "age"`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += line == nil ? " column \(column)" : ":\(column)" }
        if let feature { text += " feature \(feature)" }
        if let field { text += " field \"\(field)\"" }
        return text
    }
}

/// Bad input: says where, what was found and what was expected.
///
/// Every reader in Quartier throws this for malformed data, so a planner gets one line such as
/// `persons.csv:1042:3 field "y": found "52,5x", expected a number`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: InputLocation
    public var found: String
    public var expected: String

    public init(_ location: InputLocation, found: String, expected: String) {
        self.location = location
        self.found = found
        self.expected = expected
    }

    public var description: String { "\(location): found \(found), expected \(expected)" }
}
