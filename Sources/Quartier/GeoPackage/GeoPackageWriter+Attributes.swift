import GRDB
import GRDBSQLite

/// A column of an attribute (non-spatial) table.
public struct AttributeColumn: Hashable, Sendable {
    public var name: String
    public var kind: GeoPackageField.Kind

    public init(_ name: String, _ kind: GeoPackageField.Kind) {
        self.name = name
        self.kind = kind
    }
}

extension GeoPackageWriter {
    /// Writes an attribute table, registered in `gpkg_contents` with `data_type = 'attributes'` so
    /// that QGIS and GDAL list it beside the feature tables (GeoPackage 1.3, Req. 118/119).
    ///
    /// - Parameters:
    ///   - rows: one array per row, one value per column (nil → NULL); `Int`, `Int64`, `Double`,
    ///     `String` and `Bool` are stored as such.
    ///   - indexOn: columns to build one index over (e.g. level, area id, year).
    public func writeAttributeTable(
        name: String, columns: [AttributeColumn], rows: [[(any DatabaseValueConvertible)?]],
        indexOn: [String] = [], description: String = ""
    ) throws {
        let columnsSQL = (["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"]
            + columns.map { "\(SQLIdentifier.quoted($0.name)) \($0.kind.rawValue)" }).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let insertSQL = "INSERT INTO \(SQLIdentifier.quoted(name)) (\(columns.map { SQLIdentifier.quoted($0.name) }.joined(separator: ", "))) VALUES (\(placeholders))"
        try database().write { db in
            try db.execute(sql: "CREATE TABLE \(SQLIdentifier.quoted(name)) (\(columnsSQL))")
            try db.execute(
                sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES (?, 'attributes', ?, ?, ?)",
                arguments: [name, name, description, lastChange])
            let statement = try db.makeStatement(sql: insertSQL)
            for row in rows {
                precondition(row.count == columns.count, "row of \(row.count) values for \(columns.count) columns")
                try Self.insert(row, with: statement)
            }
            if !indexOn.isEmpty {
                try db.execute(sql: "CREATE INDEX \(SQLIdentifier.quoted("\(name)_key")) ON \(SQLIdentifier.quoted(name)) (\(indexOn.map(SQLIdentifier.quoted).joined(separator: ", ")))")
            }
        }
    }

    /// Binds one row's values straight to the statement's SQLite handle (the common kinds without
    /// GRDB's `StatementArguments`, which cost most of the time of a million-row table) and steps it.
    static func insert(_ row: [(any DatabaseValueConvertible)?], with statement: Statement) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (k, value) in row.enumerated() {
            let index = Int32(k + 1)
            let code: Int32
            switch value {
            case nil: code = sqlite3_bind_null(handle, index)
            case let v as Int: code = sqlite3_bind_int64(handle, index, Int64(v))
            case let v as Int64: code = sqlite3_bind_int64(handle, index, v)
            case let v as Double: code = sqlite3_bind_double(handle, index, v)
            case let v as String: code = sqlite3_bind_text(handle, index, v, -1, transient)
            case let v as Bool: code = sqlite3_bind_int64(handle, index, v ? 1 : 0)
            case let v?:
                switch v.databaseValue.storage {
                case .null: code = sqlite3_bind_null(handle, index)
                case .int64(let i): code = sqlite3_bind_int64(handle, index, i)
                case .double(let d): code = sqlite3_bind_double(handle, index, d)
                case .string(let t): code = sqlite3_bind_text(handle, index, t, -1, transient)
                case .blob(let data):
                    code = data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
                }
            }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding value \(k + 1)") }
        }
        let step = sqlite3_step(handle)
        guard step == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
    }

    /// SQLite copies the bound bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
