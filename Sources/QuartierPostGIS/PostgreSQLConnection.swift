import CLibPQ
import Foundation
import QuartierMonitoring

/// One libpq connection (`PGconn`), owned here and closed on deinit. Queries use the text protocol
/// with parameters (`PQexecParams`, never string-built values); bulk rows go through
/// `COPY … FROM STDIN` in PostgreSQL's binary format (`PostgreSQLCopyRows`).
///
/// The password is never handled here: libpq reads `PGPASSWORD` or the password file (`PGPASSFILE`,
/// `~/.pgpass`) itself.
final class PostgreSQLConnection {
    private var connection: OpaquePointer?
    let store: String

    /// Connects to `url`'s server and database (libpq's defaults and environment for what it leaves out).
    /// - Throws: `PostgreSQLError` naming the store and libpq's reason (unreachable, wrong password …).
    init(url: PostgreSQLStoreURL) throws {
        store = url.description
        var keys = ["dbname", "application_name", "connect_timeout"]
        var values = [url.database, "quartier", "10"]
        if let host = url.host { keys.append("host"); values.append(host) }
        if let port = url.port { keys.append("port"); values.append(String(port)) }
        if let user = url.user { keys.append("user"); values.append(user) }
        for (key, value) in url.parameters {
            if let index = keys.firstIndex(of: key) { values[index] = value } else { keys.append(key); values.append(value) }
        }
        let cKeys = keys.map { strdup($0) }
        let cValues = values.map { strdup($0) }
        defer { (cKeys + cValues).forEach { free($0) } }
        var keyPointers = cKeys.map { UnsafePointer($0) } + [nil]
        var valuePointers = cValues.map { UnsafePointer($0) } + [nil]
        connection = PQconnectdbParams(&keyPointers, &valuePointers, 0)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(connection)
            self.connection = nil
            throw PostgreSQLError(store: store, action: "cannot connect", message: message)
        }
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(connection) }

    /// The rows of a query's result, text format; nil cells are NULL.
    struct Result {
        var columns: [String]
        /// PostgreSQL type OIDs of the columns (20 int8, 23 int4, 21 int2, 16 bool, 701 float8, 700 float4, 1700 numeric).
        var types: [UInt32]
        var rows: [[String?]]

        /// A cell as a store value, by its column's type.
        func value(_ row: Int, _ column: Int) -> StoreValue {
            guard let text = rows[row][column] else { return .null }
            switch types[column] {
            case 20, 21, 23: return Int64(text).map { .integer($0) } ?? .text(text)
            case 700, 701, 1700:
                switch text {
                case "NaN": return .real(.nan)
                case "Infinity": return .real(.infinity)
                case "-Infinity": return .real(-.infinity)
                default: return Double(text).map { .real($0) } ?? .text(text)
                }
            case 16: return .boolean(text == "t")
            default: return .text(text)
            }
        }
    }

    /// Runs one statement with text parameters; returns its rows (none for a command).
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = [], action: String? = nil) throws -> Result {
        let cParameters = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { cParameters.forEach { free($0) } }
        var pointers = cParameters.map { $0.map { UnsafePointer($0) } }
        guard let result = PQexecParams(connection, sql, Int32(parameters.count), nil, &pointers, nil, nil, 0) else {
            throw PostgreSQLError(store: store, action: action ?? "query failed", message: String(cString: PQerrorMessage(connection)))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw error(result, action: action ?? "query failed") }
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let types = (0..<columnCount).map { UInt32(PQftype(result, Int32($0))) }
        var rows: [[String?]] = []
        for row in 0..<PQntuples(result) {
            rows.append((0..<Int32(columnCount)).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            })
        }
        return Result(columns: columns, types: types, rows: rows)
    }

    private func error(_ result: OpaquePointer, action: String) -> PostgreSQLError {
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        return PostgreSQLError(store: store, action: action, message: String(cString: PQresultErrorMessage(result)), sqlState: state)
    }

    /// Runs several `;`-separated statements in one round trip (the simple query protocol: no
    /// parameters, so only for SQL built from quoted identifiers and literals).
    func run(_ script: String, action: String) throws {
        guard let result = PQexec(connection, script) else {
            throw PostgreSQLError(store: store, action: action, message: String(cString: PQerrorMessage(connection)))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else { throw error(result, action: action) }
    }

    /// `COPY table (columns) FROM STDIN (FORMAT binary, FREEZE)`: `data` sends the bytes of the binary
    /// format (`PostgreSQLCopyRows`: header, tuples, trailer) through the function it is given, in
    /// chunks. `FREEZE`: the table must have been created in this transaction (the rows are written
    /// frozen, so that nobody rewrites their pages later to set hint bits). Source: PostgreSQL 15
    /// documentation, "COPY"; libpq "Functions Associated with the COPY Command".
    func copy(into table: String, columns: [String], data: (_ send: ([UInt8]) throws -> Void) throws -> Void) throws {
        let sql = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary, FREEZE)"
        guard let start = PQexec(connection, sql) else {
            throw PostgreSQLError(store: store, action: "COPY into \(table)", message: String(cString: PQerrorMessage(connection)))
        }
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            throw error(start, action: "COPY into \(table)")
        }
        PQclear(start)
        func send(_ bytes: [UInt8]) throws {
            let sent = bytes.withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
            }
            guard sent == 1, PQflush(connection) == 0 else {
                throw PostgreSQLError(store: store, action: "COPY into \(table)", message: String(cString: PQerrorMessage(connection)))
            }
        }
        do {
            try data(send)
        } catch {
            _ = PQputCopyEnd(connection, "the client failed")
            while let result = PQgetResult(connection) { PQclear(result) }
            throw error
        }
        guard PQputCopyEnd(connection, nil) == 1 else {
            throw PostgreSQLError(store: store, action: "COPY into \(table)", message: String(cString: PQerrorMessage(connection)))
        }
        var failure: PostgreSQLError?
        while let result = PQgetResult(connection) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil { failure = error(result, action: "COPY into \(table)") }
            PQclear(result)
        }
        if let failure { throw failure }
    }
}

/// `"name"` with `"` doubled: a PostgreSQL identifier for any name (table, column, role).
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
