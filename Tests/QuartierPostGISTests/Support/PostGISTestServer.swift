import Foundation
import QuartierMonitoring
@testable import QuartierPostGIS
import QuartierTestSupport

/// The PostgreSQL + PostGIS server of the tests (`scripts/postgres-test-server.sh start` exports
/// `PGHOST`, `PGPORT`, `PGUSER` and `QUARTIER_TEST_PGDATABASE`; `.ci/run` does it). Like `ReferenceTool`:
/// without a server the tests skip visibly; under `CI=true` they run and `require` fails them.
enum PostGISTestServer {
    static var database: String? { ProcessInfo.processInfo.environment["QUARTIER_TEST_PGDATABASE"] }

    /// For `.enabled(if:)`.
    static var runs: Bool { ReferenceTool.isCI || database != nil }

    static func require() throws {
        guard database != nil else {
            throw Missing()
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "PostGIS test cannot run, missing: a PostgreSQL/PostGIS test server (QUARTIER_TEST_PGDATABASE; eval \"$(bash scripts/postgres-test-server.sh start)\")"
        }
    }

    /// A schema name of its own for one test.
    static func freshSchema(_ prefix: String) -> String {
        "t_\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func url(schema: String, user: String? = nil) -> String {
        "postgresql://\(user.map { "\($0)@" } ?? "")/\(database ?? "quartier_test")?schema=\(schema)"
    }

    static func store(schema: String) throws -> PostGISStore {
        PostGISStore(url: try PostgreSQLStoreURL(url(schema: schema), location: .init(file: "test")))
    }

    /// A connection as the test superuser (`PGUSER`), to set up roles and inspect what a store holds.
    static func connection(schema: String = "public") throws -> PostgreSQLConnection {
        try store(schema: schema).connect()
    }

    static func dropSchema(_ schema: String) {
        _ = try? connection().execute("DROP SCHEMA IF EXISTS \(quoted(schema)) CASCADE")
    }

    /// One table: its column names and rows in `fid` order (geometries as lower-case hex WKB text,
    /// booleans as 0/1 like a GeoPackage holds them).
    struct Table: Equatable {
        var columns: [String]
        var rows: [[StoreValue]]
    }

    /// Every table of `schema`.
    static func dump(schema: String) throws -> [String: Table] {
        let connection = try connection()
        let tables = try connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema]).rows.compactMap { $0[0] }
        var dump: [String: Table] = [:]
        for table in tables {
            let columns = try connection.execute(
                "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
                [schema, table]).rows
            let select = columns.map { $0[1] == "geometry" ? "encode(ST_AsBinary(\(quoted($0[0]!))), 'hex')" : quoted($0[0]!) }
            let result = try connection.execute(
                "SELECT \(select.joined(separator: ", ")) FROM \(quoted(schema)).\(quoted(table)) ORDER BY fid")
            dump[table] = Table(columns: columns.map { $0[0]! }, rows: result.rows.indices.map { row in
                columns.indices.map { normalized(result.value(row, $0)) }
            })
        }
        return dump
    }

    static func normalized(_ value: StoreValue) -> StoreValue {
        if case .boolean(let b) = value { return .integer(b ? 1 : 0) }
        return value
    }

    /// A copy of `Data/demo` (without `out/`) in a fresh folder; returns the spec's path.
    static func demoCopy() throws -> String {
        let folder = try TestPaths.temporaryFolder()
        let demo = TestPaths.data.appendingPathComponent("demo")
        for file in try FileManager.default.contentsOfDirectory(atPath: demo.path) where file != "out" {
            try FileManager.default.copyItem(at: demo.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        return folder.appendingPathComponent("monitoring.toml").path
    }

    /// The `quartier` executable built beside the tests.
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("quartier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug/quartier")
    }

    /// Starts `quartier ARGUMENTS` with extra environment; stderr into `log` when given.
    static func start(_ arguments: [String], environment: [String: String] = [:], log: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// Waits until `flag` exists (the run reached a `TestPause`), at most 120 s.
    static func waitFor(_ flag: String, _ process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: flag) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        return FileManager.default.fileExists(atPath: flag)
    }
}
