import Foundation
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import QuartierTestSupport
import Testing

/// `quartier store grants`: planners (a group role) write runs into their schema; a reader role reads
/// the areas and the published tables, and cannot read the unprotected counts.
@Suite(.serialized, .enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
struct StoreGrantsTests {
    @Test func readerReadsThePublishedTablesButNotTheCounts() throws {
        try PostGISTestServer.require()
        let specPath = try PostGISTestServer.demoCopy()
        let folder = URL(fileURLWithPath: specPath).deletingLastPathComponent()
        let schema = PostGISTestServer.freshSchema("roles")
        let suffix = schema.suffix(8)
        let planners = "t_planners_\(suffix)", planner = "t_planner_\(suffix)", readers = "t_readers_\(suffix)", reader = "t_reader_\(suffix)"
        let admin = try PostGISTestServer.connection()
        try admin.execute("CREATE ROLE \(planners) NOLOGIN")
        try admin.execute("CREATE ROLE \(planner) LOGIN IN ROLE \(planners)")
        try admin.execute("CREATE ROLE \(readers) NOLOGIN")
        try admin.execute("CREATE ROLE \(reader) LOGIN IN ROLE \(readers)")
        defer {
            PostGISTestServer.dropSchema(schema)
            for role in [reader, readers, planner, planners] {
                _ = try? admin.execute("DROP OWNED BY \(role)")
                _ = try? admin.execute("DROP ROLE \(role)")
            }
        }
        let log = folder.appendingPathComponent("run.log")
        func quartier(_ arguments: [String]) throws -> (Int32, String) {
            let process = try PostGISTestServer.start(arguments, log: log)
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        let url = PostGISTestServer.url(schema: schema)
        let first = try quartier(["run", specPath, "--threads", "1", "--store", url])
        #expect(first.0 == 0, "\(first.1)")
        let grants = try quartier(["store", "grants", specPath, "--store", url, "--writer", planners, "--reader", readers, "--apply"])
        #expect(grants.0 == 0, "\(grants.1)")

        func asReader(_ sql: String) throws -> PostgreSQLConnection.Result {
            let connection = try PostgreSQLConnection(url: try PostgreSQLStoreURL(PostGISTestServer.url(schema: schema, user: reader), location: .init(file: "test")))
            return try connection.execute(sql)
        }
        func readerChecks(_ when: String) throws {
            // Published rows and areas are readable, and there are published figures.
            let published = try asReader("SELECT count(*), count(value) FROM \(schema).published_indicators")
            #expect(Int(published.rows[0][0] ?? "") ?? 0 > 1000 && Int(published.rows[0][1] ?? "") ?? 0 > 100, "\(when): \(published.rows)")
            #expect(try asReader("SELECT count(*) FROM \(schema).areas_block").rows[0][0] == "150")
            // The counts, the internal indicators and the provenance are not.
            for table in ["counts", "indicators", "provenance_records"] {
                #expect(throws: PostgreSQLError.self, "\(when): the reader read \(table)") {
                    _ = try asReader("SELECT count(*) FROM \(schema).\(table)")
                }
                do {
                    _ = try asReader("SELECT count(*) FROM \(schema).\(table)")
                } catch let error as PostgreSQLError {
                    #expect(error.sqlState == "42501", "\(when): \(error)")
                }
            }
        }
        try readerChecks("after the grants")

        // A planner (a member of the planners' role) writes the next run; the readers' grants stay.
        try String(contentsOfFile: specPath, encoding: .utf8).appending("\n# a planner's run\n").write(toFile: specPath, atomically: true, encoding: .utf8)
        let second = try quartier(["run", specPath, "--threads", "1", "--store", PostGISTestServer.url(schema: schema, user: planner)])
        #expect(second.0 == 0, "\(second.1)")
        #expect(second.1.contains("store: written"), "\(second.1)")
        let owners = try admin.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = $1", [schema]).rows
        #expect(owners == [[planners]], "\(owners)")
        try readerChecks("after the planner's run")
    }
}
