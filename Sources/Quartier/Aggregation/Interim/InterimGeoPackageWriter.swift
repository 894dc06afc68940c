import Foundation
import GRDB
import QuartierBase
import QuartierGeometry

/// Writes one MultiPolygon feature layer into a new GeoPackage (GeoPackage 1.3: the required
/// `gpkg_spatial_ref_sys`, `gpkg_contents`, `gpkg_geometry_columns` tables, application id 'GPKG',
/// geometry blobs from `GeoPackageBinary`), for `synth city`.
///
/// Interim: written here because the geo branch's GeoPackage writer was not merged in time; to be
/// replaced by it. Deterministic: a fixed `last_change`, rows in the given order, written to a
/// temporary file and renamed (AtomicFile's rule).
enum InterimGeoPackageWriter {
    enum Value {
        case integer(Int)
        case text(String)
    }

    static func write(path: String, layer: String, srsID: Int32, srsName: String, columns: [String],
                      rows: [(values: [Value], geometry: MultiPolygon)]) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? FileManager.default.removeItem(at: temporary)
        do {
            let queue = try DatabaseQueue(path: temporary.path)
            try queue.inDatabase { db in
                try db.execute(sql: "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300; PRAGMA journal_mode = OFF")
                try db.inTransaction {
                    try db.execute(sql: """
                        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL);
                        INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
                        INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', NULL);
                        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                          description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
                          srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
                        """)
                    if srsID > 0 && srsID != 4326 {
                        try db.execute(sql: "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, 'undefined', NULL)",
                                       arguments: [srsName, srsID, srsID])
                    }
                    let box = rows.compactMap(\.geometry.boundingBox).reduce(nil as BoundingBox?) { partial, b in
                        guard var partial else { return b }
                        partial.expand(toInclude: b)
                        return partial
                    }
                    try db.execute(sql: "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', '2026-01-01T00:00:00.000Z', ?, ?, ?, ?, ?)",
                                   arguments: [layer, layer, box?.minX, box?.minY, box?.maxX, box?.maxY, srsID])
                    try db.execute(sql: "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)", arguments: [layer, srsID])
                    let columnDefinitions = columns.map { name in
                        let isText = rows.first.map { if case .text = $0.values[columns.firstIndex(of: name)!] { true } else { false } } ?? false
                        return "\(name.quotedDatabaseIdentifier) \(isText ? "TEXT" : "INTEGER")"
                    }
                    try db.execute(sql: "CREATE TABLE \(layer.quotedDatabaseIdentifier) (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON, \(columnDefinitions.joined(separator: ", ")))")
                    let placeholders = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
                    let statement = try db.makeStatement(sql: "INSERT INTO \(layer.quotedDatabaseIdentifier) (geom, \(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", "))) VALUES (\(placeholders))")
                    for row in rows {
                        var arguments: [DatabaseValueConvertible?] = [Data(GeoPackageBinary.encode(.multiPolygon(row.geometry), srsID: srsID))]
                        for value in row.values {
                            switch value {
                            case .integer(let v): arguments.append(v)
                            case .text(let t): arguments.append(t)
                            }
                        }
                        try statement.execute(arguments: StatementArguments(arguments))
                    }
                    return .commit
                }
            }
            try queue.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputError(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
