import Foundation
@testable import QuartierPostGIS
import QuartierTestSupport
import Testing

/// The password of a PostGIS store comes from libpq's password file (`PGPASSFILE`, `~/.pgpass` format:
/// `host:port:database:user:password`), never from the spec or the command line.
@Suite(.serialized, .enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
struct PasswordFileTests {
    @Test func runReadsThePasswordFromAPasswordFile() throws {
        try PostGISTestServer.require()
        let specPath = try PostGISTestServer.demoCopy()
        let folder = URL(fileURLWithPath: specPath).deletingLastPathComponent()
        let database = try #require(PostGISTestServer.database)
        let port = ProcessInfo.processInfo.environment["PGPORT"] ?? "5432"
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let user = "t_pass_\(suffix)", schema = "t_passfile_\(suffix)", password = "from-the-file-\(suffix)"
        let admin = try PostGISTestServer.connection()
        try admin.execute("CREATE ROLE \(user) LOGIN PASSWORD '\(password)'")
        try admin.execute("GRANT CREATE ON DATABASE \(database) TO \(user)")
        defer {
            PostGISTestServer.dropSchema(schema)
            _ = try? admin.execute("DROP OWNED BY \(user)")
            _ = try? admin.execute("DROP ROLE \(user)")
        }
        let passfile = folder.appendingPathComponent("pgpass").path
        try "127.0.0.1:\(port):\(database):\(user):\(password)\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let log = folder.appendingPathComponent("run.log")
        let store = "postgresql://\(user)@127.0.0.1:\(port)/\(database)?schema=\(schema)"
        func run(_ environment: [String: String]) throws -> (Int32, String) {
            let process = try PostGISTestServer.start(["run", specPath, "--threads", "1", "--store", store], environment: environment, log: log)
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        // Without the file (and without PGPASSWORD) the server refuses; with it the run writes the store.
        let refused = try run(["PGPASSFILE": folder.appendingPathComponent("none").path, "PGPASSWORD": ""])
        #expect(refused.0 == 1 && refused.1.contains("password"), "\(refused.1)")
        let written = try run(["PGPASSFILE": passfile, "PGPASSWORD": ""])
        #expect(written.0 == 0, "\(written.1)")
        #expect(!written.1.contains(password), "the password is in the output")
        let owner = try admin.execute("SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'counts'", [schema]).rows
        #expect(owner == [[user]])
    }
}
