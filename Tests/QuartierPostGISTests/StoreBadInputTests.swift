import Foundation
import QuartierBase
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import QuartierTestSupport
import Testing

/// Bad input to a PostGIS store: a password in the URL, an unreachable server, wrong credentials, a
/// schema owned by someone else or holding foreign tables — each one clear message, exit 1, nothing
/// written.
@Suite(.serialized) struct StoreBadInputTests {
    @Test(arguments: [
        ("postgresql://anna:geheim@localhost/db?schema=s", "a password in the store URL"),
        ("postgresql://localhost/db?schema=s&password=geheim", "password= in the store URL"),
        ("postgresql://localhost/db", "no schema"),
        ("postgresql://localhost/?schema=s", "no database"),
        ("postgresql://localhost/db?schema=Grosse%20Stadt", "the schema \"Grosse Stadt\""),
        ("postgresql://localhost/db?schema=s&sslkey=/k", "the parameter \"sslkey\""),
    ])
    func urlIsRefusedWhenTheSpecLoads(url: String, message: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let spec = folder.appendingPathComponent("monitoring.toml").path
        let text = try String(contentsOfFile: try PostGISTestServer.demoCopy(), encoding: .utf8)
            .replacingOccurrences(of: "store = \"out/monitoring.gpkg\"", with: "store = \"\(url)\"")
        try text.write(toFile: spec, atomically: true, encoding: .utf8)
        do {
            _ = try MonitoringSpec(path: spec)
            Issue.record("\(url) was accepted")
        } catch let error as InputError {
            let description = "\(error)"
            #expect(description.contains("monitoring.toml:9"), "\(description)")
            #expect(description.contains(message), "\(description)")
            #expect(!description.contains("geheim"), "the password is in the message: \(description)")
        }
    }

    @Test(.enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
    func serverErrorsAreOneClearMessageAndNothingIsWritten() throws {
        try PostGISTestServer.require()
        let specPath = try PostGISTestServer.demoCopy()
        let folder = URL(fileURLWithPath: specPath).deletingLastPathComponent()
        let database = try #require(PostGISTestServer.database)
        let port = ProcessInfo.processInfo.environment["PGPORT"] ?? "5432"
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let user = "t_user_\(suffix)", other = "t_other_\(suffix)"
        let schema = "t_bad_\(suffix)", taken = "t_taken_\(suffix)"
        let admin = try PostGISTestServer.connection()
        try admin.execute("CREATE ROLE \(user) LOGIN PASSWORD 'right-\(suffix)'")
        try admin.execute("CREATE ROLE \(other) NOLOGIN")
        try admin.execute("CREATE SCHEMA \(taken) AUTHORIZATION \(other)")
        try admin.execute("CREATE TABLE \(taken).kept (x int)")
        try admin.execute("CREATE SCHEMA \(schema)_foreign")
        try admin.execute("CREATE TABLE \(schema)_foreign.budget (x int)")
        defer {
            for name in [schema, taken, "\(schema)_foreign"] { PostGISTestServer.dropSchema(name) }
            for role in [user, other] { _ = try? admin.execute("DROP OWNED BY \(role)"); _ = try? admin.execute("DROP ROLE \(role)") }
        }
        let log = folder.appendingPathComponent("run.log")
        func run(_ store: String, password: String) throws -> (status: Int32, error: String) {
            let process = try PostGISTestServer.start(["run", specPath, "--threads", "1", "--store", store],
                                                      environment: ["PGPASSWORD": password], log: log)
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        let cases: [(store: String, password: String, message: String)] = [
            ("postgresql://\(user)@127.0.0.1:1/\(database)?schema=\(schema)", "right-\(suffix)", "Connection refused"),
            ("postgresql://\(user)@127.0.0.1:\(port)/\(database)?schema=\(schema)", "wrong", "password authentication failed for user \"\(user)\""),
            ("postgresql://\(user)@127.0.0.1:\(port)/\(database)?schema=\(taken)", "right-\(suffix)",
             "cannot write the schema \(taken): it is owned by the role \(other), and the role \(user) has no CREATE privilege on it"),
            (PostGISTestServer.url(schema: "\(schema)_foreign"), "", "it holds tables that are not a Quartier store (budget)"),
        ]
        for item in cases {
            let result = try run(item.store, password: item.password)
            #expect(result.status == 1, "\(item.store): \(result.error)")
            let errors = result.error.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            #expect(errors.count == 1 && errors[0].contains(item.message), "\(item.store): \(result.error)")
            #expect(!result.error.contains("right-\(suffix)"), "the password is in the output")
        }
        // Nothing written: no schema created for the refused runs, the foreign schemas as they were.
        let schemas = try admin.execute("SELECT nspname FROM pg_namespace WHERE nspname = $1", [schema]).rows
        #expect(schemas.isEmpty)
        let kept = try admin.execute("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ($1, $2) ORDER BY 1",
                                     [taken, "\(schema)_foreign"]).rows.map { $0[0] ?? "" }
        #expect(kept == ["\(schema)_foreign.budget", "\(taken).kept"].sorted())
    }
}
