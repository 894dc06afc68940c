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

    /// One table to load: its staging table's columns (SQL), the COPY's column list, its rows, its
    /// indexes, and how to encode a row in the binary COPY format.
    struct Load: Sendable {
        var name: String
        var description: String
        var columns: [String]
        var copyColumns: [String]
        var rowCount: Int
        var indexOn: [String]
        var spatial: Bool
        /// Rows after which the test hook runs (`QUARTIER_TEST_PAUSE_IN_COPY`), if any.
        var pauseAfter: Int?
        /// The order in which the rows are sent (`IndexOrder`, computed on the encoding thread); nil:
        /// table order.
        var order: (@Sendable () -> [Int])?
        /// Encodes the row at a position of the table (its `fid` is the position + 1).
        var encode: @Sendable (Int, inout PostgreSQLCopyRows) -> Void
    }

    /// Writes `tables` in one transaction (see the type's documentation). Each table goes by binary
    /// `COPY … FREEZE` into its staging table `qt_new_<name>` and is indexed there at once (readers keep
    /// reading the old tables, unblocked); a background thread encodes the next tables' rows meanwhile
    /// (`CopyChunkPipe`), a table with an index in the order of its key (`IndexOrder`), so that the
    /// index build finds them sorted. Then the swap, in one round trip: the old tables dropped, the
    /// staging tables and their indexes renamed, the old tables' grants and the descriptions given to
    /// them; then COMMIT.
    ///
    /// Test hooks (`TestPause`, never set outside tests): `QUARTIER_TEST_PAUSE_IN_COPY` pauses in the
    /// middle of the `counts` COPY (half its rows sent); `QUARTIER_TEST_PAUSE_IN_COMMIT` pauses with
    /// everything written and swapped, just before `COMMIT`.
    public func write(_ tables: MonitoringStoreTables, log: (String) -> Void) throws {
        let clock = ContinuousClock()
        var mark = clock.now
        let cpuAtStart = Self.processCPU()
        func lap(_ what: String) {
            let now = clock.now
            log("  store \(what): \(String(format: "%.2f", (now - mark).inSeconds)) s")
            mark = now
        }
        let connection = try connect()
        let postgis = quoted(try postgisSchema(connection))
        // READ COMMITTED whatever the server's or the role's default: a run that waited for the lock below
        // reads the schema's tables and grants as the run before it committed them (a REPEATABLE READ
        // snapshot would be taken before the wait).
        try connection.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        // One writer per schema at a time; other schemas are not held up.
        try connection.execute("SELECT pg_advisory_xact_lock(hashtext('quartier store ' || $1))", [url.schema])
        // Index builds sort in memory (PostgreSQL's default, 64 MB, is enough for these tables, but a
        // server configured lower would spill to disk), in this process: the rows come in the order of
        // the index (`IndexOrder`), so a build is a scan and a write, and a parallel worker would only add
        // its temporary files and the merge (the index builds of the benchmark 0.94–1.09 s with none,
        // 1.12–1.30 s with one, at load 5).
        try connection.run("SET LOCAL search_path TO \(schema), \(postgis); SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL max_parallel_maintenance_workers = 0",
                           action: "settings")
        // A planner writing into a schema owned by the planners' group role writes as that role, so that
        // every member can replace the tables the others wrote (only a table's owner may drop it).
        let owner = try connection.execute(
            "SELECT pg_get_userbyid(nspowner), pg_get_userbyid(nspowner) <> current_user AND pg_has_role(nspowner, 'MEMBER') FROM pg_namespace WHERE nspname = $1",
            [url.schema])
        if let row = owner.rows.first, row[1] == "t", let role = row[0] { try connection.execute("SET LOCAL ROLE \(quoted(role))") }

        let loads = try Self.loads(tables, store: location)
        let pipe = CopyChunkPipe()
        defer { pipe.cancel() }
        Thread.detachNewThread { Self.encode(loads, into: pipe) }

        for (number, load) in loads.enumerated() {
            let staging = quoted("qt_new_" + load.name)
            try connection.run("DROP TABLE IF EXISTS \(staging); CREATE TABLE \(staging) (\(load.columns.joined(separator: ", ")))",
                               action: "creating \(load.name)")
            try connection.copy(into: staging, columns: load.copyColumns) { send in
                while true {
                    let chunk = pipe.next()
                    precondition(chunk.copy == number, "COPY chunks out of order")
                    try send(chunk.bytes)
                    if chunk.pause { TestPause.at("QUARTIER_TEST_PAUSE_IN_COPY") }
                    if chunk.last { break }
                }
            }
            // Indexed at once, on the staging table (the names given at the swap).
            var indexes = "ALTER TABLE \(staging) ADD CONSTRAINT \(quoted("qt_new_" + load.name + "_pkey")) PRIMARY KEY (fid)"
            if load.spatial { indexes += "; CREATE INDEX \(quoted("qt_new_" + load.name + "_geom_idx")) ON \(staging) USING GIST (geom)" }
            if !load.indexOn.isEmpty {
                indexes += "; CREATE INDEX \(quoted("qt_new_" + load.name + "_key")) ON \(staging) (\(load.indexOn.map(quoted).joined(separator: ", ")))"
            }
            try connection.run(indexes, action: "indexing \(load.name)")
            if number == tables.areaLayers.count - 1 { lap("areas") }
            if load.name == "counts" || load.name == "indicators" { lap("\(load.name) (\(load.rowCount) rows)") }
        }
        lap("dynamics, provenance and published tables")

        // The swap: old tables out (their grants kept), new ones in with their indexes' names.
        let names = Set(loads.map(\.name))
        let existing = try self.tables(connection)
        let acl = try connection.execute("""
            SELECT c.relname, a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.grantee <> c.relowner
            ORDER BY 1, 2, 3
            """, [url.schema])
        var grants: [String: [(privilege: String, grantee: String)]] = [:]
        for row in acl.rows {
            if let table = row[0], let privilege = row[1], let grantee = row[2] { grants[table, default: []].append((privilege, grantee)) }
        }
        var swap: [String] = []
        for name in existing.sorted() where !name.hasPrefix("qt_new_")
            && (names.contains(name) || Self.ownTables.contains(name) || name.hasPrefix("areas_")) {
            swap.append("DROP TABLE \(quoted(name))")
        }
        for load in loads {
            let name = quoted(load.name)
            swap.append("ALTER TABLE \(quoted("qt_new_" + load.name)) RENAME TO \(name)")
            swap.append("ALTER TABLE \(name) RENAME CONSTRAINT \(quoted("qt_new_" + load.name + "_pkey")) TO \(quoted(load.name + "_pkey"))")
            if load.spatial {
                swap.append("ALTER INDEX \(quoted("qt_new_" + load.name + "_geom_idx")) RENAME TO \(quoted(load.name + "_geom_idx"))")
            }
            if !load.indexOn.isEmpty {
                swap.append("ALTER INDEX \(quoted("qt_new_" + load.name + "_key")) RENAME TO \(quoted(load.name + "_key"))")
            }
            for grant in grants[load.name] ?? [] { swap.append("GRANT \(grant.privilege) ON \(name) TO \(grant.grantee)") }
            swap.append("COMMENT ON TABLE \(name) IS \(Self.literal(load.description))")
        }
        try connection.run(swap.joined(separator: ";\n"), action: "replacing the tables")
        lap("swap")
        TestPause.at("QUARTIER_TEST_PAUSE_IN_COMMIT") // test only: a kill lands here, everything written, not committed
        try connection.execute("COMMIT", action: "commit")
        lap("commit")
        let cpu = Self.processCPU()
        let user = String(format: "%.2f", cpu.user - cpuAtStart.user), system = String(format: "%.2f", cpu.system - cpuAtStart.system)
        log("  store client CPU: \(user) s user, \(system) s system (this process during the write; the server's is its own)")
    }

    /// The CPU seconds this process has used (`getrusage(RUSAGE_SELF)`: every thread).
    static func processCPU() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    /// The tables to load, in order: the areas of every level, then the attribute tables.
    static func loads(_ tables: MonitoringStoreTables, store: String) throws -> [Load] {
        var loads: [Load] = []
        for layer in tables.areaLayers {
            let srid = try Self.srid(of: layer.crs, store: store)
            let areas = layer.areas
            loads.append(Load(
                name: layer.name, description: layer.description,
                columns: ["fid bigint NOT NULL", "geom geometry(MultiPolygon, \(srid))", "area_id text", "name text", "parent_id text"],
                copyColumns: ["fid", "geom", "area_id", "name", "parent_id"], rowCount: areas.count, indexOn: [], spatial: true,
                pauseAfter: nil, order: nil, encode: { index, rows in
                    let area = areas[index]
                    rows.beginRow(fields: 5)
                    rows.append(Int64(index + 1))
                    rows.append(field: Self.ewkb(.multiPolygon(area.geometry), srid: srid))
                    rows.append(StoreValue.text(area.id))
                    rows.append(StoreValue(area.name))
                    rows.append(StoreValue(area.parentID))
                }))
        }
        for table in tables.tables {
            let rows = table.rows, width = table.columns.count
            let columns: [String] = table.columns.map { column in quoted(column.name) + " " + Self.sqlType(column.kind) }
            let names: [String] = table.columns.map { column in quoted(column.name) }
            let pause: Int? = table.name == "counts" ? max(1, rows.count / 2) : nil
            let key: [Int] = table.indexOn.compactMap { name in table.columns.firstIndex { $0.name == name } }
            let order: (@Sendable () -> [Int])? = key.isEmpty ? nil : { @Sendable in IndexOrder.permutation(of: rows, on: key) }
            loads.append(Load(
                name: table.name, description: table.description, columns: ["fid bigint NOT NULL"] + columns,
                copyColumns: ["fid"] + names, rowCount: rows.count, indexOn: table.indexOn, spatial: false,
                pauseAfter: pause, order: order, encode: { index, out in
                    out.beginRow(fields: width + 1)
                    out.append(Int64(index + 1))
                    for value in rows[index] { out.append(value) }
                }))
        }
        return loads
    }

    /// Encodes every load's rows into `pipe`, in order (on the background thread); a table with an
    /// index in the order of its key (`IndexOrder`), so that the server's index build finds them sorted.
    static func encode(_ loads: [Load], into pipe: CopyChunkPipe) {
        for (number, load) in loads.enumerated() {
            var rows = PostgreSQLCopyRows()
            rows.append(raw: PostgreSQLCopyRows.header)
            let order = load.order?()
            for position in 0..<load.rowCount {
                load.encode(order?[position] ?? position, &rows)
                let pause = position + 1 == load.pauseAfter
                if rows.count >= 1 << 20 || pause {
                    guard pipe.put(.init(copy: number, bytes: rows.bytes, last: false, pause: pause)) else { return }
                    rows = PostgreSQLCopyRows()
                }
            }
            rows.append(raw: PostgreSQLCopyRows.trailer)
            guard pipe.put(.init(copy: number, bytes: rows.bytes, last: true, pause: false)) else { return }
        }
    }

    /// A SQL string literal (`'` doubled; standard_conforming_strings is on since PostgreSQL 9.1).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// EWKB (PostGIS's extended WKB: the type's SRID flag 0x20000000 and the SRID after the type), the
    /// binary form of a geometry column in a binary COPY. Source: PostGIS `doc/ZMSgeoms.txt` (EWKB).
    static func ewkb(_ geometry: Geometry, srid: Int) -> [UInt8] {
        var bytes = WKB.encode(geometry) // little-endian: [1][type u32][body]
        let type = UInt32(bytes[1]) | UInt32(bytes[2]) << 8 | UInt32(bytes[3]) << 16 | UInt32(bytes[4]) << 24
        let flagged = type | 0x2000_0000
        for k in 0..<4 { bytes[1 + k] = UInt8(truncatingIfNeeded: flagged >> (8 * UInt32(k))) }
        let s = UInt32(truncatingIfNeeded: srid)
        bytes.insert(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: s >> (8 * UInt32($0))) }, at: 5)
        return bytes
    }
}
