import Foundation
import GRDB
import GRDBSQLite
import QuartierBase
import QuartierGeometry
import QuartierPROJ

/// A column of a feature table written by `GeoPackageWriter`.
public struct GeoPackageField: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case text = "TEXT", integer = "INTEGER", real = "DOUBLE", boolean = "BOOLEAN"
    }

    public var name: String
    public var kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// Writes a GeoPackage 1.3 file (feature tables) that GDAL/OGR and QGIS open, atomically: everything
/// goes into a temporary file beside the target, renamed onto it by `commit()` (the idea of
/// `QuartierBase.AtomicFile`, for a file SQLite writes itself).
///
/// Source: OGC 12-128r18 "GeoPackage Encoding Standard" 1.3: `application_id` 'GPKG' and
/// `user_version` 10300 (Req. 2), `gpkg_spatial_ref_sys` with the rows -1, 0 and 4326 (Req. 10–11),
/// `gpkg_contents` (Req. 13–16), `gpkg_geometry_columns` (Req. 21–27), an `INTEGER PRIMARY KEY`
/// feature id (Req. 29) and GeoPackage binary geometries (Req. 19, `GeoPackageBinary`).
/// Definitions are PROJ's WKT1 (GDAL flavour); an EPSG CRS gets its code as `srs_id`.
///
/// ```swift
/// let writer = try GeoPackageWriter(path: "out/areas.gpkg")
/// try writer.writeFeatureTable(name: "areas", crs: .epsg(25833),
///                              fields: [GeoPackageField("id", .text)], features: features)
/// try writer.commit()
/// ```
public final class GeoPackageWriter {
    public let path: String
    let temporaryPath: String
    private var queue: DatabaseQueue?
    let lastChange: String
    private var nextCustomSRSID = 100_000

    /// Starts a new GeoPackage that will replace `path` on `commit()`.
    /// - Parameter lastChange: the `gpkg_contents.last_change` timestamp; pass the run's date for
    ///   reproducible output (default: now).
    public init(path: String, lastChange: Date = Date()) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        TemporaryFiles.removeStale(for: path)
        temporaryPath = TemporaryFiles.path(for: path)
        try? FileManager.default.removeItem(atPath: temporaryPath)
        TemporaryFiles.register(temporaryPath)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        self.lastChange = formatter.string(from: lastChange)
        let queue = try DatabaseQueue(path: temporaryPath)
        self.queue = queue
        // The temporary file is the transaction: a failed or killed write leaves it behind to be
        // removed, never a half-written target, so SQLite needs no rollback journal and no sync
        // per statement; `commit()` syncs the finished file once before the rename. (The file's
        // bytes do not depend on these settings.)
        try queue.inDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = 1196444487") // 0x47504B47 'GPKG'
            try db.execute(sql: "PRAGMA user_version = 10300")
            try db.execute(sql: """
                CREATE TABLE gpkg_spatial_ref_sys (
                  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
                  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                CREATE TABLE gpkg_contents (
                  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                CREATE TABLE gpkg_geometry_columns (
                  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
                """)
            try db.execute(sql: """
                INSERT INTO gpkg_spatial_ref_sys VALUES
                  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
                  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system')
                """)
        }
        _ = try srsID(for: .epsg(4326))
    }

    deinit {
        TemporaryFiles.unregister(temporaryPath)
        if queue != nil {
            try? queue?.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
            try? FileManager.default.removeItem(atPath: temporaryPath + "-journal")
        }
    }

    func database() throws -> DatabaseQueue {
        guard let queue else { throw OutputError(path: path, reason: "GeoPackageWriter already committed") }
        return queue
    }

    /// The `srs_id` for `crs`, inserting its `gpkg_spatial_ref_sys` row on first use.
    func srsID(for crs: CRS) throws -> Int {
        let canonical = crs == .crs84 ? CRS.epsg(4326) : crs
        let object = try CRSObject(canonical)
        let description = object.describe()
        let identified = description.identified ?? canonical
        let organization: String
        let code: Int
        if let epsg = identified.epsgCode {
            organization = "EPSG"
            code = epsg
        } else {
            organization = "NONE"
            code = nextCustomSRSID
            nextCustomSRSID += 1
        }
        let id = code
        let definition = try object.wkt()
        try database().write { db in
            if try Int.fetchOne(db, sql: "SELECT srs_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", arguments: [id]) == nil {
                try db.execute(sql: "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [description.name, id, organization, code, definition, identified.definition])
            }
        }
        return id
    }

    /// Writes one feature table: `fid INTEGER PRIMARY KEY`, a geometry column `geom`, and `fields` in
    /// order, each filled from the feature property of the same name (absent → NULL).
    /// - Parameters:
    ///   - geometryType: the `geometry_type_name`; nil derives it (one type → that type, Polygon with
    ///     MultiPolygon → MULTIPOLYGON with polygons promoted, else GEOMETRY).
    /// - Throws: `OutputError`/GRDB errors; a property whose kind does not fit its field is stored as
    ///   SQLite stores it (SQLite columns are dynamically typed).
    public func writeFeatureTable(name: String, crs: CRS, geometryType: String? = nil, fields: [GeoPackageField],
                                  features: [Feature], description: String = "") throws {
        let srs = try srsID(for: crs)
        let types = Set(features.compactMap { $0.geometry?.typeName.uppercased() })
        let columnType = geometryType ?? (types.count == 1 ? types.first! : types == ["POLYGON", "MULTIPOLYGON"] ? "MULTIPOLYGON" : "GEOMETRY")
        var box: BoundingBox?
        for feature in features {
            guard let b = feature.geometry?.boundingBox else { continue }
            if box == nil { box = b } else { box!.expand(toInclude: b) }
        }
        guard !columnType.isEmpty, columnType.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            throw OutputError(path: path, reason: "geometry type \"\(InputError.excerpt(columnType))\" is not a GeoPackage geometry type name")
        }
        let columnsSQL = (["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom \(columnType)"]
            + fields.map { "\(SQLIdentifier.quoted($0.name)) \($0.kind.rawValue)" }).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: fields.count + 1).joined(separator: ", ")
        let insertSQL = "INSERT INTO \(SQLIdentifier.quoted(name)) (geom\(fields.map { ", " + SQLIdentifier.quoted($0.name) }.joined())) VALUES (\(placeholders))"
        try database().write { db in
            try db.execute(sql: "CREATE TABLE \(SQLIdentifier.quoted(name)) (\(columnsSQL))")
            try db.execute(sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [name, name, description, lastChange, box?.minX, box?.minY, box?.maxX, box?.maxY, srs])
            try db.execute(sql: "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)", arguments: [name, columnType, srs])
            let statement = try db.makeStatement(sql: insertSQL)
            let handle = statement.sqliteStatement
            for feature in features {
                sqlite3_reset(handle)
                if var geometry = feature.geometry {
                    if columnType == "MULTIPOLYGON", case .polygon(let p) = geometry { geometry = .multiPolygon(MultiPolygon([p])) }
                    try Self.bind(blob: GeoPackageBinary.encode(geometry, srsID: Int32(srs)), at: 1, to: handle)
                } else {
                    try Self.bind(.null, at: 1, to: handle)
                }
                for (k, field) in fields.enumerated() { try Self.bind(feature[field.name] ?? .null, at: Int32(k + 2), to: handle) }
                try Self.step(handle)
            }
        }
    }

    /// Closes the database and renames the temporary file onto `path`.
    public func commit() throws {
        let queue = try database()
        try queue.close()
        self.queue = nil
        try? FileManager.default.removeItem(atPath: temporaryPath + "-journal")
        // Durable before it replaces the target.
        let descriptor = open(temporaryPath, O_RDONLY)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw OutputError(path: path, reason: reason)
        }
        close(descriptor)
        TestPause.at("QUARTIER_TEST_PAUSE_IN_COMMIT") // test only: a kill lands here, between write and rename
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw OutputError(path: path, reason: reason)
        }
    }
}

// Holds an open SQLite connection written from one place; not meant to be shared.
@available(*, unavailable) extension GeoPackageWriter: Sendable {}
