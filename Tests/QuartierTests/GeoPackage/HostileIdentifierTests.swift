import Foundation
import GRDB
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTestSupport
import Testing

/// Names that try to end the quoted identifier and run SQL of their own, at every place a name
/// reaches SQL: the writer's feature and attribute tables (table, column and index names) and the
/// reader's table names taken from a crafted GeoPackage's `gpkg_contents`.
@Suite struct HostileIdentifierTests {
    static let hostile = [
        #"k" DOUBLE); DROP TABLE gpkg_contents; --"#,
        #"x"; DROP TABLE gpkg_contents; --"#,
        "a;b",
        "--comment",
        #""""#,
        "DROP TABLE gpkg_contents",
    ]

    @Test(arguments: [
        ("plain", #""plain""#),
        (#"a"b"#, #""a""b""#),
        (#"k" DOUBLE); DROP TABLE t; --"#, #""k"" DOUBLE); DROP TABLE t; --""#),
        ("", #""""#),
        ("nul\u{0}\"x", "\"nul\u{FFFD}\"\"x\""),
    ])
    func quotingDoublesInnerQuotes(name: String, quoted: String) {
        #expect(SQLIdentifier.quoted(name) == quoted)
    }

    static func tables(_ path: String) throws -> Set<String> {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")) }
    }

    @Test(arguments: hostile)
    func writerKeepsHostileNamesAsNames(name: String) throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("out.gpkg").path
        let writer = try GeoPackageWriter(path: path)
        let square = [Point(x: 0, y: 0), Point(x: 0, y: 1), Point(x: 1, y: 1), Point(x: 1, y: 0), Point(x: 0, y: 0)]
        try writer.writeFeatureTable(name: "areas_" + name, crs: .epsg(25833), fields: [GeoPackageField(name, .text)],
                                     features: [Feature(geometry: .polygon(Polygon(exterior: square)), properties: [Property(name, .text("v"))])])
        try writer.writeAttributeTable(name: "z_" + name, columns: [AttributeColumn(name, .real), AttributeColumn("level", .text)],
                                       rows: [[1.5, "block"]], indexOn: [name, "level"])
        try writer.commit()
        let tables = try Self.tables(path)
        #expect(tables.contains("gpkg_contents"))
        #expect(tables.contains("gpkg_geometry_columns"))
        let stored = name
        #expect(tables.contains("areas_" + stored))
        #expect(tables.contains("z_" + stored))
        // And the reader reads the hostile table back through its name.
        let reader = try GeoPackageReader(path: path)
        let layer = try reader.layer(named: "areas_" + stored)
        let features = try reader.features(layer: layer)
        #expect(features.features.count == 1)
        #expect(features.features.first?[stored] == .text("v"))
    }

    /// A GeoPackage made by someone else, whose feature table is named to break out of the quotes.
    @Test(arguments: hostile)
    func readerOfACraftedGeoPackageRunsNoSQL(name: String) throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("crafted.gpkg").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,
                  organization_coordsys_id INTEGER, definition TEXT, description TEXT);
                CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT,
                  last_change TEXT, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
                CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT,
                  srs_id INTEGER, z TINYINT, m TINYINT);
                INSERT INTO gpkg_spatial_ref_sys VALUES ('ETRS89 / UTM 33N', 25833, 'EPSG', 25833, 'x', '');
                """)
            // The crafted table's name written the way an attacker's tool would: quotes doubled.
            try db.execute(sql: "CREATE TABLE \(SQLIdentifier.quoted(name)) (fid INTEGER PRIMARY KEY, geom BLOB, id TEXT)")
            try db.execute(sql: "INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES (?, 'features', 25833)", arguments: [name])
            try db.execute(sql: "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POLYGON', 25833, 0, 0)", arguments: [name])
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try GeoPackageReader(path: path)
        let layer = try reader.layer(named: nil)
        #expect(layer.name == name)
        let features = try reader.features(layer: layer)
        #expect(features.features.isEmpty)
        #expect(try Self.tables(path).contains("gpkg_contents"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
