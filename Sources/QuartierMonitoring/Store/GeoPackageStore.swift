import Foundation
import GRDB
import Quartier
import QuartierBase
import QuartierGeometry

/// The default store: one GeoPackage file (OGC 12-128r18, written by `GeoPackageWriter`) holding the
/// tables of `MonitoringStoreTables`. Written whole into a temporary file beside `path` and renamed
/// onto it, so a killed run leaves the previous complete store.
public struct GeoPackageStore: MonitoringStoreBackend {
    public var path: String

    public init(path: String) { self.path = path }

    public var location: String { path }

    public func checkTarget(spec: MonitoringSpec, force: Bool) throws {
        TemporaryFiles.removeStale(for: path)
        try OutputGuard.check(path, kind: "store of the monitoring \"\(InputError.excerpt(spec.name))\"", inputs: spec.inputFiles, force: force,
                              isOwnOutput: { MonitoringStore.isStore(at: $0, of: spec.name) })
    }

    /// A store that cannot be read as one (an older layout, a foreign file) is treated as absent.
    public func readCache() throws -> MonitoringStoreCache? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db in try MonitoringStoreCache.read(from: Reader(db: db)) }
    }

    struct Reader: MonitoringStoreReader {
        let db: Database
        func rows(of table: String, columns: [String], level: String?) throws -> [[StoreValue]]? {
            guard try db.tableExists(table) else { return nil }
            let sql = "SELECT \(columns.map(SQLIdentifier.quoted).joined(separator: ", ")) FROM \(SQLIdentifier.quoted(table))"
                + (level == nil ? "" : " WHERE level = ?") + " ORDER BY fid"
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: level.map { [$0] } ?? [])
            var rows: [[StoreValue]] = []
            while let row = try cursor.next() {
                rows.append((0..<columns.count).map { index in
                    switch row[index] as DatabaseValue {
                    case let value where value.isNull: .null
                    case let value: switch value.storage {
                        case .int64(let i): .integer(i)
                        case .double(let d): .real(d)
                        case .string(let s): .text(s)
                        case .blob, .null: .null
                        }
                    }
                })
            }
            return rows
        }
    }

    public func write(_ tables: MonitoringStoreTables, log: (String) -> Void) throws {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ what: String) {
            let now = clock.now
            log("  store \(what): \(String(format: "%.2f", (now - mark).inSeconds)) s")
            mark = now
        }
        let writer = try GeoPackageWriter(path: path)
        for layer in tables.areaLayers {
            let features = layer.areas.map { area in
                Feature(geometry: .multiPolygon(area.geometry), properties: [
                    Property("area_id", .text(area.id)),
                    Property("name", area.name.map { .text($0) } ?? .null),
                    Property("parent_id", area.parentID.map { .text($0) } ?? .null),
                ])
            }
            try writer.writeFeatureTable(name: layer.name, crs: layer.crs, geometryType: "MULTIPOLYGON",
                                         fields: MonitoringStoreTables.areaFields.map { GeoPackageField($0.name, $0.kind) },
                                         features: features, description: layer.description)
        }
        lap("areas")
        for table in tables.tables {
            let rows = table.rows
            for row in rows { precondition(row.count == table.columns.count, "\(table.name): a row of \(row.count) values for \(table.columns.count) columns") }
            try writer.writeAttributeTable(name: table.name, columns: table.columns, rowCount: rows.count,
                                           indexOn: table.indexOn, description: table.description) { row, column in
                Self.propertyValue(rows[row][column])
            }
            if table.name == "counts" || table.name == "indicators" { lap("\(table.name) (\(table.rows.count) rows)") }
        }
        lap("dynamics and provenance")
        try writer.commit()
        lap("commit")
    }

    @inline(__always)
    private static func propertyValue(_ value: StoreValue) -> PropertyValue {
        switch value {
        case .null: .null
        case .integer(let i): .integer(i)
        case .real(let d): .number(d)
        case .text(let s): .text(s)
        case .boolean(let b): .bool(b)
        }
    }

    public func areas(level: String, targetCRS: CRS) throws -> AreaSet {
        try AreaSet.load(path: path, options: AreaSet.LoadOptions(
            layer: "areas_\(level)", idColumn: "area_id", nameColumn: "name", targetCRS: targetCRS))
    }
}
