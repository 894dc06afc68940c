import Foundation
import GRDB
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTable
import QuartierXLSX

/// Tables a spreadsheet or web map opens, from a monitoring's store.
///
/// - `csv`: `indicators_<level>.csv` (long: one row per area, year and indicator, with numerator,
///   denominator, rate and interval) and `dynamics_<level>.csv`.
/// - `xlsx`: `monitoring.xlsx` (libxlsxwriter) with one sheet of indicators and one of dynamics
///   per level.
/// - `geojson`: `<level>.geojson` in WGS 84 (RFC 7946) with each indicator's newest value.
///
/// Every file is written atomically; ids stay text (leading zeros kept); area names from the data
/// are written as text only (the CSV writer guards against formula injection).
public enum MonitoringExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx, geojson
    }

    /// One indicator row read back from the store.
    struct IndicatorRow {
        var areaID: String
        var name: String?
        var year: Int
        var indicator: String
        var numerator: Int64?
        var denominator: Int64?
        var value: Double?
        var low: Double?
        var high: Double?
    }

    /// Writes the export files for `spec` into `folder`; returns their paths.
    public static func write(spec: MonitoringSpec, format: Format, folder: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: spec.storePath) else {
            throw InputError(InputLocation(file: spec.storePath), found: "no store",
                             expected: "a store written by `quartier run \(spec.document.path)`")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: spec.storePath, configuration: configuration)
        defer { try? queue.close() }
        // Every file name goes through the one sanitiser and is checked against the spec's inputs
        // and the store before anything is written.
        let protected = spec.inputFiles + [spec.storePath]
        func output(_ prefix: String, _ id: String, _ suffix: String) throws -> String {
            let path = try OutputFileName.path(in: folder, prefix, id, suffix)
            try OutputGuard.check(path, kind: "export", inputs: protected)
            return path
        }
        var written: [String] = []
        let book = format == .xlsx ? try XLSXWorkbook(path: output("", "monitoring", ".xlsx")) : nil
        for level in spec.levels {
            let (rows, dynamics) = try queue.read { db in
                (try IndicatorRow.fetch(db, level: level.id), try IndicatorRow.fetchDynamics(db, level: level.id))
            }
            switch format {
            case .csv:
                let indicatorsPath = try output("indicators_", level.id, ".csv")
                try CSVWriter().write(
                    header: ["area_id", "name", "year", "indicator", "numerator", "denominator", "value", "ci_low", "ci_high"],
                    rows: rows.map { row in
                        [.text(row.areaID), .text(row.name ?? ""), .integer(Int64(row.year)), .text(row.indicator),
                         row.numerator.map { .integer($0) } ?? .absent(marker: ""),
                         row.denominator.map { .integer($0) } ?? .absent(marker: ""), optional(row.value), optional(row.low), optional(row.high)]
                    }, to: indicatorsPath)
                let dynamicsPath = try output("dynamics_", level.id, ".csv")
                try CSVWriter().write(
                    header: ["area_id", "indicator", "from_year", "to_year", "change"],
                    rows: dynamics.map { [.text($0.areaID), .text($0.indicator), .integer(Int64($0.fromYear)), .integer(Int64($0.toYear)), optional($0.change)] },
                    to: dynamicsPath)
                written += [indicatorsPath, dynamicsPath]
            case .xlsx:
                try book!.addSheet(
                    name: "\(level.label)",
                    columns: [.init("area_id", .text), .init("name", .text), .init("year", .number(format: "0")),
                              .init("indicator", .text), .init("numerator", .number(format: "0")),
                              .init("denominator", .number(format: "0")), .init("value", .number(format: "0.00")),
                              .init("ci_low", .number(format: "0.00")), .init("ci_high", .number(format: "0.00"))],
                    rows: rows.map { row in
                        [.text(row.areaID), .text(row.name ?? ""), .number(Double(row.year)), .text(row.indicator),
                         cell(row.numerator.map(Double.init)), cell(row.denominator.map(Double.init)), cell(row.value), cell(row.low), cell(row.high)]
                    })
                try book!.addSheet(
                    name: "\(level.label) Dynamik",
                    columns: [.init("area_id", .text), .init("indicator", .text), .init("from_year", .number(format: "0")),
                              .init("to_year", .number(format: "0")), .init("change", .number(format: "0.00"))],
                    rows: dynamics.map { [.text($0.areaID), .text($0.indicator), .number(Double($0.fromYear)), .number(Double($0.toYear)), cell($0.change)] })
            case .geojson:
                let path = try output("", level.id, ".geojson")
                try writeGeoJSON(store: spec.storePath, level: level.id, rows: rows, indicators: spec.indicators.map(\.id), to: path)
                written.append(path)
            }
        }
        if let index = spec.index, format != .geojson {
            let (header, rows) = try queue.read { db in try indexTable(db, index: index) }
            if let book {
                try book.addSheet(name: "Index", columns: header.map { name in
                    name == "area_id" || name.hasSuffix("class") || name == "invalid_reason" ? .init(name, .text) : .init(name, .number(format: "0.000"))
                }, rows: rows.map { $0.map { value -> XLSXWorkbook.Value in
                    switch value {
                    case .text(let text): .text(text)
                    case .number(let number): .number(number)
                    case .integer(let integer): .number(Double(integer))
                    case .absent(let marker): .absent(marker: marker)
                    }
                } })
            } else {
                let path = try output("index_", index.level, ".csv")
                try CSVWriter().write(header: header, rows: rows, to: path)
                written.append(path)
            }
        }
        if let book {
            try book.close()
            written.append(book.path)
        }
        return written
    }

    /// The index table as the store holds it, ranked areas first.
    private static func indexTable(_ db: Database, index: MonitoringIndexSpec) throws -> ([String], [[CSVWriter.Value]]) {
        let rows = try GRDB.Row.fetchAll(db, sql: "SELECT * FROM index_results ORDER BY rank IS NULL, rank, area_id")
        let header = (rows.first?.columnNames.map { $0 } ?? []).filter { $0 != "fid" && $0 != "level" }
        let values = rows.map { row in
            header.map { name -> CSVWriter.Value in
                let value: DatabaseValue = row[name]
                switch value.storage {
                case .null: return .absent(marker: "")
                case .int64(let integer): return .integer(integer)
                case .double(let number): return .number(number)
                case .string(let text): return .text(text)
                case .blob: return .absent(marker: "")
                }
            }
        }
        return (header, values)
    }

    private static func optional(_ value: Double?) -> CSVWriter.Value {
        value.map { .number($0) } ?? .absent(marker: "")
    }

    private static func cell(_ value: Double?) -> XLSXWorkbook.Value {
        value.map { .number($0) } ?? .absent(marker: "")
    }

    /// The level's areas in WGS 84 with the newest value of each indicator as properties.
    private static func writeGeoJSON(store: String, level: String, rows: [IndicatorRow], indicators: [String], to path: String) throws {
        let areas = try AreaSet.load(path: store, options: AreaSet.LoadOptions(
            layer: "areas_\(level)", idColumn: "area_id", nameColumn: "name", targetCRS: .crs84))
        let newest = rows.map(\.year).max()
        var values: [String: [String: Double]] = [:]
        for row in rows where row.year == newest {
            if let value = row.value { values[row.areaID, default: [:]][row.indicator] = value }
        }
        let features = areas.areas.map { area in
            var properties = [Property("area_id", .text(area.id)), Property("name", area.name.map { .text($0) } ?? .null)]
            if let newest { properties.append(Property("year", .integer(Int64(newest)))) }
            for indicator in indicators {
                properties.append(Property(indicator, values[area.id]?[indicator].map { .number($0) } ?? .null))
            }
            return Feature(geometry: .multiPolygon(area.geometry), properties: properties)
        }
        let collection = FeatureCollection(name: level, crs: .crs84, crsIsDeclared: false, features: features)
        try AtomicFile.write(Data(GeoJSON.encode(collection)), to: path)
    }
}

extension MonitoringExport.IndicatorRow {
    static func fetch(_ db: Database, level: String) throws -> [Self] {
        try Row.fetchAll(db, sql: """
            SELECT i.area_id, a.name, i.year, i.indicator, i.numerator, i.denominator, i.value, i.ci_low, i.ci_high
            FROM indicators i LEFT JOIN \(SQLIdentifier.quoted("areas_\(level)")) a ON a.area_id = i.area_id
            WHERE i.level = ? ORDER BY i.area_id, i.year, i.fid
            """, arguments: [level]).map { row in
            Self(areaID: row["area_id"], name: row["name"], year: row["year"], indicator: row["indicator"],
                 numerator: row["numerator"], denominator: row["denominator"], value: row["value"],
                 low: row["ci_low"], high: row["ci_high"])
        }
    }

    static func fetchDynamics(_ db: Database, level: String) throws -> [DynamicsValue] {
        try Row.fetchAll(db, sql: "SELECT * FROM dynamics WHERE level = ? ORDER BY area_id, to_year, fid", arguments: [level]).map { row in
            DynamicsValue(level: level, areaID: row["area_id"], indicator: row["indicator"], fromYear: row["from_year"],
                          toYear: row["to_year"], change: row["change"])
        }
    }
}
