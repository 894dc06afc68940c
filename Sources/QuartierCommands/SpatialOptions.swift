import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMethods
import QuartierTable

/// The area file of the spatial commands (classify, neighbours, moran) with its id column and CRS.
struct SpatialAreaOptions: ParsableArguments {
    @Argument(help: "The area file: .gpkg, .geojson/.json or .shp.")
    var file: String

    @Option(help: "The GeoPackage layer (table), when the file has several.")
    var layer: String?

    @Option(help: "The id property (default: `id`, else the features' own ids).")
    var id: String?

    @Option(name: .customLong("source-crs"), help: "Use this CRS instead of the file's declaration (e.g. EPSG:25833).")
    var sourceCRS: String?

    @Option(help: "Transform the areas into this CRS first (e.g. EPSG:27700 for English LSOAs given in WGS84).")
    var crs: String?

    @Option(help: "Take the values from this CSV file instead of the area properties, joined by id.")
    var table: String?

    @Option(name: .customLong("table-id"), help: "The id column of --table (default: the area id property's name).")
    var tableID: String?

    @Option(name: .customLong("sentinel"), parsing: .unconditionalSingleValue, help: "With --table: a number meaning missing (e.g. -9999), repeatable.")
    var sentinels: [Double] = []

    /// The areas; with --table, `fields` are read from the table and set as the areas' properties.
    /// Notes (table ids that match no area) go to stderr.
    func load(fields: [String] = []) throws -> AreaSet {
        var set = try AreaSet.load(path: file, options: AreaSet.LoadOptions(layer: layer, idColumn: id, sourceCRS: sourceCRS.map(CRS.init),
                                                                            targetCRS: crs.map(CRS.init)))
        guard let table else { return set }
        let idColumn = tableID ?? id ?? "id"
        let csv = try Table.read(path: table, options: TableOptions(sentinels: sentinels.isEmpty ? [:] : ["*": sentinels], textColumns: [idColumn]))
        for field in fields {
            let (values, unmatched) = try set.numbers(from: csv, idColumn: idColumn, field: field)
            if !unmatched.isEmpty {
                FileHandle.standardError.write(Data("note: \(unmatched.count) row(s) of \(table) match no area (\(SpatialOutput.list(unmatched)))\n".utf8))
            }
            set = set.withProperty(field, values: values)
        }
        return set
    }
}

/// How neighbours are formed from the areas (neighbours and moran).
struct ContiguityOptions: ParsableArguments {
    @Option(help: "Neighbour rule: queen (a shared point) or rook (a shared edge).")
    var rule: ContiguityRule = .queen

    @Option(help: "Snapping distance in CRS units: vertices this close count as shared (default: exact coordinates).")
    var snap: Double?

    func validate() throws {
        if let snap, !(snap.isFinite && snap >= 0) { throw ValidationError("--snap \(snap): expected a distance ≥ 0") }
    }

    var description: String {
        "\(rule.rawValue) contiguity (\(rule == .queen ? "shared vertex" : "shared edge = pair of consecutive vertices")), \(snap.map { "snapping distance \(JSONValue.format($0))" } ?? "exact coordinates")"
    }
}

extension ContiguityRule: ExpressibleByArgument {}

extension WeightsTransform: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "r", "row", "row-standardised", "row-standardized": self = .rowStandardised
        case "b", "binary": self = .binary
        default: return nil
        }
    }

    public var defaultValueDescription: String { self == .rowStandardised ? "r" : "b" }

    public static var allValueStrings: [String] { ["r", "b"] }
}

/// Wall-clock phases printed to stderr with `--timings`.
struct PhaseTimer {
    var enabled: Bool
    private var last = DispatchTime.now()

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now()
        if enabled {
            let seconds = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
            FileHandle.standardError.write(Data("timing \(phase): \(String(format: "%.4f", seconds)) s\n".utf8))
        }
        last = now
    }
}

/// Output helpers shared by the spatial commands.
enum SpatialOutput {
    /// A number as JSON and CSV print it: shortest round-trip text; empty for nil in CSV.
    static func number(_ x: Double?) -> String { x.map(JSONValue.format) ?? "" }

    static func json(_ x: Double?) -> JSONValue { x.map { $0.isFinite ? .number($0) : .null } ?? .null }

    static func json(_ strings: [String]) -> JSONValue { .array(strings.map { .string($0) }) }

    /// An RFC 4180 CSV field: quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func csvLine(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\n" }

    /// Ids for a message: the first few, then how many more.
    static func list(_ ids: [String], limit: Int = 10) -> String {
        ids.prefix(limit).joined(separator: ", ") + (ids.count > limit ? " and \(ids.count - limit) more" : "")
    }
}
