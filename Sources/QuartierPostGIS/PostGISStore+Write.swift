import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMonitoring

extension PostGISStore {
    /// The names of tables Quartier writes into a schema (besides `areas_<level>`): a table of these
    /// names that this run does not write (an index removed from the spec) is dropped with the rest.
    static let ownTables: Set<String> = ["counts", "indicators", "dynamics", "index_results", "carried_over", "provenance",
                                         "provenance_inputs", "provenance_records", "qt_steps",
                                         "published_indicators", "published_dynamics", "published_footnote",
                                         "published_access_gaps", "published_access_gap_summary"]

    /// The PostgreSQL type of a store column.
    static func sqlType(_ kind: GeoPackageField.Kind) -> String {
        switch kind {
        case .text: "text"
        case .integer: "bigint"
        case .real: "double precision"
        case .boolean: "boolean"
        }
    }

    /// Writes `tables` in one transaction (see the type's documentation).
    ///
    /// Test hooks (`TestPause`, never set outside tests): `QUARTIER_TEST_PAUSE_IN_COPY` pauses in the
    /// middle of the `counts` COPY (half its rows sent); `QUARTIER_TEST_PAUSE_IN_COMMIT` pauses with
    /// everything written and swapped, just before `COMMIT`.
    public func write(_ tables: MonitoringStoreTables, log: (String) -> Void) throws {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ what: String) {
            let now = clock.now
            log("  store \(what): \(String(format: "%.2f", (now - mark).inSeconds)) s")
            mark = now
        }
        let connection = try connect()
        let postgis = quoted(try postgisSchema(connection))
        try connection.execute("BEGIN")
        // One writer per schema at a time; other schemas are not held up.
        try connection.execute("SELECT pg_advisory_xact_lock(hashtext('quartier store ' || $1))", [url.schema])
        try connection.execute("SET LOCAL search_path TO \(schema), \(postgis)")
        // A planner writing into a schema owned by the planners' group role writes as that role, so that
        // every member can replace the tables the others wrote (only a table's owner may drop it).
        let owner = try connection.execute(
            "SELECT pg_get_userbyid(nspowner), pg_get_userbyid(nspowner) <> current_user AND pg_has_role(nspowner, 'MEMBER') FROM pg_namespace WHERE nspname = $1",
            [url.schema])
        if let row = owner.rows.first, row[1] == "t", let role = row[0] { try connection.execute("SET LOCAL ROLE \(quoted(role))") }
        var written: [(name: String, description: String, indexOn: [String], spatial: Bool)] = []

        for layer in tables.areaLayers {
            let srid = try Self.srid(of: layer.crs, store: location)
            let staging = quoted("qt_new_" + layer.name)
            try connection.execute("DROP TABLE IF EXISTS \(staging)")
            try connection.execute(
                "CREATE TABLE \(staging) (fid bigint NOT NULL, geom geometry(MultiPolygon, \(srid)), area_id text, name text, parent_id text)",
                action: "creating \(layer.name)")
            try connection.copy(into: staging, columns: ["fid", "geom", "area_id", "name", "parent_id"], rowCount: layer.areas.count) { index, line in
                let area = layer.areas[index]
                line.append(String(index + 1))
                line.append("\t")
                line.append(Self.hexEWKB(.multiPolygon(area.geometry), srid: srid))
                for value in [StoreValue.text(area.id), StoreValue(area.name), StoreValue(area.parentID)] {
                    line.append("\t")
                    PostgreSQLConnection.appendCopy(value, to: &line)
                }
            }
            written.append((layer.name, layer.description, [], true))
        }
        lap("areas")

        for table in tables.tables {
            let staging = quoted("qt_new_" + table.name)
            try connection.execute("DROP TABLE IF EXISTS \(staging)")
            let columns = ["fid bigint NOT NULL"] + table.columns.map { "\(quoted($0.name)) \(Self.sqlType($0.kind))" }
            try connection.execute("CREATE TABLE \(staging) (\(columns.joined(separator: ", ")))", action: "creating \(table.name)")
            let pause: (count: Int, hook: () -> Void)? = table.name == "counts"
                ? (max(1, table.rows.count / 2), { TestPause.at("QUARTIER_TEST_PAUSE_IN_COPY") }) : nil
            try connection.copy(into: staging, columns: ["fid"] + table.columns.map { quoted($0.name) }, rowCount: table.rows.count,
                                row: { index, line in
                                    line.append(String(index + 1))
                                    for value in table.rows[index] {
                                        line.append("\t")
                                        PostgreSQLConnection.appendCopy(value, to: &line)
                                    }
                                }, pauseAfter: pause)
            written.append((table.name, table.description, table.indexOn, false))
            if table.name == "counts" || table.name == "indicators" { lap("\(table.name) (\(table.rows.count) rows)") }
        }
        lap("dynamics and provenance")

        // The swap: old tables out (their grants kept), new ones in, indexed.
        let names = Set(written.map(\.name))
        let existing = try self.tables(connection)
        for name in existing.sorted() where !names.contains(name) && !name.hasPrefix("qt_new_")
            && (Self.ownTables.contains(name) || name.hasPrefix("areas_")) {
            try connection.execute("DROP TABLE \(quoted(name))")
        }
        for table in written {
            let name = quoted(table.name)
            var grants: [(privilege: String, grantee: String)] = []
            if existing.contains(table.name) {
                let rows = try connection.execute("""
                    SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
                    FROM pg_class c, aclexplode(c.relacl) a
                    WHERE c.oid = ($1 || '.' || $2)::regclass AND a.grantee <> c.relowner
                    """, [schema, name])
                grants = rows.rows.compactMap { row in row[0].flatMap { p in row[1].map { (p, $0) } } }
                try connection.execute("DROP TABLE \(name)")
            }
            try connection.execute("ALTER TABLE \(quoted("qt_new_" + table.name)) RENAME TO \(name)")
            try connection.execute("ALTER TABLE \(name) ADD PRIMARY KEY (fid)")
            if table.spatial {
                try connection.execute("CREATE INDEX \(quoted(table.name + "_geom_idx")) ON \(name) USING GIST (geom)")
            }
            if !table.indexOn.isEmpty {
                try connection.execute("CREATE INDEX \(quoted(table.name + "_key")) ON \(name) (\(table.indexOn.map(quoted).joined(separator: ", ")))")
            }
            for grant in grants { try connection.execute("GRANT \(grant.privilege) ON \(name) TO \(grant.grantee)") }
            try connection.execute("COMMENT ON TABLE \(name) IS \(Self.literal(table.description))")
        }
        lap("swap and indexes")
        TestPause.at("QUARTIER_TEST_PAUSE_IN_COMMIT") // test only: a kill lands here, everything written, not committed
        try connection.execute("COMMIT", action: "commit")
        lap("commit")
    }

    /// A SQL string literal (`'` doubled; standard_conforming_strings is on since PostgreSQL 9.1).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Hex EWKB (PostGIS's extended WKB: the type's SRID flag 0x20000000 and the SRID after the type),
    /// the text form COPY reads into a geometry column. Source: PostGIS `doc/ZMSgeoms.txt` (EWKB).
    static func hexEWKB(_ geometry: Geometry, srid: Int) -> String {
        var bytes = WKB.encode(geometry) // little-endian: [1][type u32][body]
        let type = UInt32(bytes[1]) | UInt32(bytes[2]) << 8 | UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 24
        let flagged = type | 0x2000_0000
        for k in 0..<4 { bytes[1 + k] = UInt8(truncatingIfNeeded: flagged >> (8 * UInt32(k))) }
        let s = UInt32(truncatingIfNeeded: srid)
        bytes.insert(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: s >> (8 * UInt32($0))) }, at: 5)
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
