import Foundation
import GRDB
import Quartier
import QuartierGeometry
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import QuartierTestSupport
import Testing

/// The demo monitoring written to PostGIS and to the GeoPackage: the same tables, row by row; GDAL's
/// PostgreSQL driver and QGIS-style SQL see the areas with their SRID.
@Suite(.serialized, .enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
struct DemoStoreEqualityTests {
    /// Every table of a GeoPackage store, as `PostGISTestServer.dump` reads a schema.
    static func geoPackageTables(_ path: String) throws -> [String: PostGISTestServer.Table] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: PostGISTestServer.Table] = [:]
            for name in try String.fetchAll(db, sql: "SELECT table_name FROM gpkg_contents ORDER BY 1") {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(SQLIdentifier.quoted(name)))").map { $0["name"] as String }
                var rows: [[StoreValue]] = []
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quoted(name)) ORDER BY fid") {
                    rows.append(try columns.indices.map { index in
                        let value: DatabaseValue = row[index]
                        switch value.storage {
                        case .null: return .null
                        case .int64(let i): return .integer(i)
                        case .double(let d): return .real(d)
                        case .string(let s): return .text(s)
                        case .blob(let data):
                            let geometry = try GeoPackageBinary.decode(Array(data)).geometry
                            return .text(WKB.encode(geometry).map { String(format: "%02x", $0) }.joined())
                        }
                    })
                }
                tables[name] = PostGISTestServer.Table(columns: columns, rows: rows)
            }
            return tables
        }
    }

    /// The differences of two stores' tables (names, columns, lengths first, then rows), skipping the
    /// cells that differ between any two runs: `provenance.run_at` and `qt_steps.seconds`.
    static func differences(_ a: [String: PostGISTestServer.Table], _ b: [String: PostGISTestServer.Table]) -> [String] {
        var found: [String] = []
        if a.keys.sorted() != b.keys.sorted() { found.append("tables \(a.keys.sorted()) vs \(b.keys.sorted())") }
        for name in a.keys.sorted() {
            guard let x = a[name], let y = b[name] else { continue }
            guard x.columns == y.columns else { found.append("\(name): columns \(x.columns) vs \(y.columns)"); continue }
            guard x.rows.count == y.rows.count else { found.append("\(name): \(x.rows.count) rows vs \(y.rows.count)"); continue }
            for (k, (r, s)) in zip(x.rows, y.rows).enumerated() where r != s { // zip: lengths equal by construction (the guard above)
                if name == "provenance", r.contains(.text("run_at")), s.contains(.text("run_at")) { continue }
                if name == "qt_steps", let seconds = x.columns.firstIndex(of: "seconds"),
                   r.enumerated().allSatisfy({ $0.offset == seconds || $0.element == s[$0.offset] }) { continue }
                found.append("\(name) row \(k + 1): \(r) vs \(s)")
                if found.count > 10 { return found }
            }
        }
        return found
    }

    @Test func demoInPostGISEqualsTheGeoPackage() throws {
        try PostGISTestServer.require()
        let specPath = try PostGISTestServer.demoCopy()
        let spec = try MonitoringSpec(path: specPath)
        let schema = PostGISTestServer.freshSchema("demo")
        defer { PostGISTestServer.dropSchema(schema) }

        var toGeoPackage = MonitoringRunner(spec: spec, threads: 1)
        toGeoPackage.store = GeoPackageStore(path: spec.storePath)
        _ = try toGeoPackage.run()
        var toPostGIS = MonitoringRunner(spec: spec, threads: 1)
        toPostGIS.store = try PostGISTestServer.store(schema: schema)
        _ = try toPostGIS.run()

        let geoPackage = try Self.geoPackageTables(spec.storePath)
        var postGIS = try PostGISTestServer.dump(schema: schema)
        // The shared store's published tables (for reader roles) are its own, beside the GeoPackage's.
        for name in ["published_indicators", "published_dynamics", "published_footnote"] {
            #expect(postGIS.removeValue(forKey: name) != nil, "\(name) missing")
        }
        // Every table of the demo's store is there, with rows (the counts alone > 10,000).
        #expect(geoPackage.count >= 12)
        #expect((geoPackage["counts"]?.rows.count ?? 0) > 10_000)
        #expect((geoPackage["areas_block"]?.rows.count ?? 0) > 100)
        let differences = Self.differences(geoPackage, postGIS)
        #expect(differences.isEmpty, "\(differences)")

        // The comparison sees a change of one cell (a planted difference must be found).
        let connection = try PostGISTestServer.connection()
        try connection.execute("UPDATE \(quoted(schema)).counts SET count = count + 1 WHERE fid = 7")
        let planted = Self.differences(geoPackage, try PostGISTestServer.dump(schema: schema).filter { !$0.key.hasPrefix("published_") })
        #expect(planted.count == 1 && planted.first?.hasPrefix("counts row 7:") == true, "\(planted)")
    }

    @Test func gdalAndSQLSeeTheAreasWithTheirSRID() throws {
        try PostGISTestServer.require()
        try ReferenceTool.require(executables: ["ogrinfo"])
        let specPath = try PostGISTestServer.demoCopy()
        let spec = try MonitoringSpec(path: specPath)
        let schema = PostGISTestServer.freshSchema("gdal")
        defer { PostGISTestServer.dropSchema(schema) }
        var runner = MonitoringRunner(spec: spec, threads: 1)
        runner.store = try PostGISTestServer.store(schema: schema)
        let report = try runner.run()
        let epsg = try #require(spec.workingCRS.epsgCode)

        // QGIS-style SQL: geometry_columns lists each level's table with the working CRS's SRID.
        let columns = try PostGISTestServer.connection().execute(
            "SELECT f_table_name, srid, type FROM geometry_columns WHERE f_table_schema = $1 ORDER BY 1", [schema]).rows
        #expect(columns.map { $0[0] ?? "" } == spec.levels.map { "areas_\($0.id)" }.sorted())
        for row in columns {
            #expect(row[1] == String(epsg) && row[2] == "MULTIPOLYGON", "\(row)")
        }
        let gist = try PostGISTestServer.connection().execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%USING gist (geom)%'", [schema]).rows
        #expect(gist.first?[0] == String(spec.levels.count))

        // GDAL's PostgreSQL driver: the layer, its feature count and its CRS.
        let env = ProcessInfo.processInfo.environment
        let connection = "PG:dbname=\(PostGISTestServer.database ?? "") host=\(env["PGHOST"] ?? "") port=\(env["PGPORT"] ?? "") user=\(env["PGUSER"] ?? "") schemas=\(schema)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ogrinfo", "-ro", "-so", connection, "areas_\(spec.levels[0].id)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        let areaCount = try #require(report.areas[spec.levels[0].id]?.areas.count)
        #expect(output.contains("Feature Count: \(areaCount)"), "\(output)")
        #expect(output.contains("ID[\"EPSG\",\(epsg)]"), "\(output)")
        #expect(output.contains("Geometry: Multi Polygon"), "\(output)")
    }
}
