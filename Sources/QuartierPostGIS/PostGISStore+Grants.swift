import QuartierMonitoring

extension PostGISStore {
    /// The SQL that gives a municipality's planners write access to the monitoring's schema and its
    /// readers the published tables and the areas only (never `counts`, `indicators`, `dynamics`,
    /// `index_results` or the provenance: unprotected figures).
    ///
    /// - `writer`: best a group role (NOLOGIN) with the planners as members: it becomes the owner of the
    ///   schema and its tables, and a member's run writes as that role (`write`), so that each planner
    ///   can replace what another wrote. Needs a superuser, or the schema's owner being a member of it.
    /// - `reader`: `USAGE` on the schema, `SELECT` on `areas_<level>` and `published_*` and on nothing
    ///   else (every other privilege on the schema's tables revoked). The grants survive later runs:
    ///   `write` gives each new table the grants of the table it replaces.
    ///
    /// Roles are quoted identifiers (any name). Source: PostgreSQL 15 documentation, "Privileges",
    /// "ALTER SCHEMA", "GRANT", "Role Membership".
    public func grantsScript(writer: String?, reader: String?) throws -> String {
        let connection = try connect()
        let tables = try self.tables(connection).sorted().filter { !$0.hasPrefix("qt_new_") }
        guard !tables.isEmpty else {
            throw PostgreSQLError(store: location, action: "no store in the schema \(url.schema)",
                                  message: "run the monitoring into it first (quartier run SPEC --store …)")
        }
        var lines = ["-- Quartier: roles of the monitoring store \(url.schema) in \(url.database)", "BEGIN;"]
        if let writer {
            lines.append("-- planners (\(writer)): own the schema and every table, so each member can write a run")
            lines.append("ALTER SCHEMA \(schema) OWNER TO \(quoted(writer));")
            for table in tables { lines.append("ALTER TABLE \(schema).\(quoted(table)) OWNER TO \(quoted(writer));") }
        }
        if let reader {
            let readable = tables.filter { $0.hasPrefix("areas_") || $0.hasPrefix("published_") }
            lines.append("-- readers (\(reader)): the areas and the published tables only, never the unprotected counts")
            lines.append("GRANT USAGE ON SCHEMA \(schema) TO \(quoted(reader));")
            lines.append("REVOKE ALL ON ALL TABLES IN SCHEMA \(schema) FROM \(quoted(reader));")
            if !readable.isEmpty {
                lines.append("GRANT SELECT ON \(readable.map { "\(schema).\(quoted($0))" }.joined(separator: ", ")) TO \(quoted(reader));")
            }
        }
        lines.append("COMMIT;")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `grantsScript` (one transaction).
    public func applyGrants(writer: String?, reader: String?) throws {
        let script = try grantsScript(writer: writer, reader: reader)
        let connection = try connect()
        for statement in script.split(separator: "\n") where !statement.hasPrefix("--") {
            try connection.execute(String(statement.dropLast()), action: "grants")
        }
    }
}
