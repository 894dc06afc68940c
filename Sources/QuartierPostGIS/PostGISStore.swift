import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMonitoring
import QuartierPROJ

/// A monitoring's store in one schema of a PostgreSQL database with PostGIS, for many planners: the
/// same tables as the GeoPackage (`MonitoringStoreTables`), the areas as PostGIS geometries
/// (`geometry(MultiPolygon, SRID)`, the EPSG code of the working CRS) with GiST indexes, the attribute
/// tables with an `fid bigint` primary key in row order and the GeoPackage's indexes.
///
/// A run is one transaction: every table is loaded by `COPY` into a new table `qt_new_<name>` beside
/// the old one (readers keep reading the old, unblocked), then the old tables are dropped, the new
/// renamed, indexed and given the old tables' grants, and the transaction commits. A reader sees the
/// previous complete results until the commit; a killed run (the connection drops, the server rolls
/// back) leaves them untouched. Two runs into one schema are serialised by an advisory lock; runs into
/// different schemas do not wait for each other.
///
/// Credentials: only libpq's environment (`PGUSER`, `PGPASSWORD`) or password file; the URL has none.
/// Source: PostgreSQL 15 documentation ("COPY", "Transaction Isolation", "Advisory Locks"); PostGIS 3.3
/// manual ("geometry_columns", "ST_AsBinary", "Spatial Indexing").
public struct PostGISStore: MonitoringStoreBackend {
    public var url: PostgreSQLStoreURL

    public init(url: PostgreSQLStoreURL) { self.url = url }

    public var location: String { url.description }

    /// A shared store keeps the published tables too, for reader roles (`PostGISStore.grants`).
    public var keepsPublishedTables: Bool { true }

    /// The schema, quoted for SQL (a plain identifier: `PostgreSQLStoreURL`).
    var schema: String { quoted(url.schema) }

    func connect() throws -> PostgreSQLConnection { try PostgreSQLConnection(url: url) }

    /// The schema PostGIS is installed in, or an error saying how to install it.
    func postgisSchema(_ connection: PostgreSQLConnection) throws -> String {
        let found = try connection.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'")
        guard let name = found.rows.first?[0] else {
            throw PostgreSQLError(store: location, action: "no PostGIS in the database \(url.database)",
                                  message: "install it once as the database's owner: CREATE EXTENSION postgis")
        }
        return name
    }

    /// The tables of the schema (empty when it does not exist).
    func tables(_ connection: PostgreSQLConnection) throws -> Set<String> {
        let rows = try connection.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v')",
            [url.schema])
        return Set(rows.rows.compactMap { $0[0] })
    }

    /// Creates the schema when absent; refuses a schema this role cannot write (owned by someone else,
    /// no CREATE privilege) and one holding tables that are not this monitoring's store (unless `force`).
    public func checkTarget(spec: MonitoringSpec, force: Bool) throws {
        let connection = try connect()
        _ = try postgisSchema(connection)
        let found = try connection.execute(
            "SELECT pg_get_userbyid(nspowner), has_schema_privilege(oid, 'CREATE'), has_schema_privilege(oid, 'USAGE'), current_user FROM pg_namespace WHERE nspname = $1",
            [url.schema])
        guard let row = found.rows.first else {
            do {
                try connection.execute("CREATE SCHEMA \(schema)")
            } catch let error as PostgreSQLError where error.sqlState == "42501" {
                throw PostgreSQLError(store: location, action: "cannot create the schema \(url.schema)",
                                      message: "the role may not create schemas in the database \(url.database) (ask its owner: CREATE SCHEMA \(url.schema) AUTHORIZATION <planner role>)",
                                      sqlState: error.sqlState)
            }
            return
        }
        let owner = row[0] ?? "?", user = row[3] ?? "?"
        guard row[1] == "t", row[2] == "t" else {
            throw PostgreSQLError(store: location, action: "cannot write the schema \(url.schema)",
                                  message: "it is owned by the role \(owner), and the role \(user) has no CREATE privilege on it (its owner can give it: quartier store grants --writer \(user))",
                                  sqlState: "42501")
        }
        let existing = try tables(connection)
        guard !existing.isEmpty, !force else { return }
        let name = existing.contains("provenance")
            ? try connection.execute("SELECT value FROM \(schema).provenance WHERE key = $1", [MonitoringStore.monitoringKey]).rows.first?[0] ?? nil
            : nil
        guard name == spec.name else {
            throw PostgreSQLError(store: location, action: "refusing to write into the schema \(url.schema)",
                                  message: name.map { "it holds the store of another monitoring (\"\(InputError.excerpt($0))\"), not of \"\(InputError.excerpt(spec.name))\"" }
                                      ?? "it holds tables that are not a Quartier store (\(existing.sorted().prefix(5).joined(separator: ", ")))"
                                      + "; use another schema, or --force to replace the store's tables")
        }
    }

    public func readCache() throws -> MonitoringStoreCache? {
        let connection = try connect()
        let existing = try tables(connection)
        guard existing.contains("provenance") else { return nil }
        return try MonitoringStoreCache.read(from: Reader(connection: connection, schema: schema, tables: existing))
    }

    private struct Reader: MonitoringStoreReader {
        let connection: PostgreSQLConnection
        let schema: String
        let tables: Set<String>
        func rows(of table: String, columns: [String], level: String?) throws -> [[StoreValue]]? {
            guard tables.contains(table) else { return nil }
            let result = try connection.execute(
                "SELECT \(columns.map(quoted).joined(separator: ", ")) FROM \(schema).\(quoted(table))"
                    + (level == nil ? "" : " WHERE level = $1") + " ORDER BY fid",
                level.map { [$0] } ?? [], action: "reading \(table)")
            return result.rows.indices.map { row in columns.indices.map { result.value(row, $0) } }
        }
    }

    public func areas(level: String, targetCRS: CRS) throws -> AreaSet {
        let connection = try connect()
        let table = "areas_\(level)"
        let result = try connection.execute(
            "SELECT area_id, name, parent_id, encode(ST_AsBinary(geom), 'hex'), ST_SRID(geom) FROM \(schema).\(quoted(table)) ORDER BY fid",
            action: "reading \(table)")
        var areas: [Area] = []
        var srid = 0
        for (index, row) in result.rows.enumerated() {
            guard let id = row[0], let hex = row[3], case .multiPolygon(let geometry) = try WKB.decode(Self.bytes(hex: hex)) else {
                throw PostgreSQLError(store: location, action: "reading \(table)", message: "row \(index + 1) has no area id or no MultiPolygon")
            }
            srid = Int(row[4] ?? "") ?? 0
            areas.append(Area(id: id, name: row[1], parentIDs: [row[2]], geometry: geometry, featureIndex: index))
        }
        let set = AreaSet(source: location, layer: table, crs: .epsg(srid), crsSource: "PostGIS SRID", idColumn: "area_id",
                          nameColumn: "name", parentColumns: ["parent_id"], areas: areas)
        return try set.transformed(to: targetCRS)
    }

    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: 0
            }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        return bytes
    }

    /// The EPSG code PostGIS knows `crs` by (PROJ identifies a definition without one).
    static func srid(of crs: CRS, store: String) throws -> Int {
        if let code = crs.epsgCode { return code }
        if let code = try? CRSObject(crs).describe().identified?.epsgCode { return code }
        throw PostgreSQLError(store: store, action: "no SRID for the working CRS",
                              message: "\(InputError.excerpt(crs.definition)) has no EPSG code; a PostGIS store needs a working CRS with one (e.g. EPSG:25833)")
    }
}
