import GRDB
import GRDBSQLite
import QuartierGeometry

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
        for row in rows { precondition(row.count == columns.count, "row of \(row.count) values for \(columns.count) columns") }
        try writeAttributeTable(name: name, columns: columns, rowCount: rows.count, indexOn: indexOn, description: description) { row, column in
            Self.propertyValue(rows[row][column])
        }
    }

    /// Writes an attribute table whose cells `value(row, column)` gives (rows 0 ..< `rowCount`, columns
    /// in `columns`' order), bound straight to SQLite: no array per row and no dynamic cast per cell
    /// (what a table of a million rows spends most of its time on otherwise). `.bool` is stored as
    /// 0/1, `.json` as its text.
    public func writeAttributeTable(
        name: String, columns: [AttributeColumn], rowCount: Int, indexOn: [String] = [], description: String = "",
        value: (_ row: Int, _ column: Int) -> PropertyValue
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
            let handle = statement.sqliteStatement
            for row in 0 ..< rowCount {
                sqlite3_reset(handle)
                for column in columns.indices { try Self.bind(value(row, column), at: Int32(column + 1), to: handle) }
                try Self.step(handle)
            }
            if !indexOn.isEmpty {
                try db.execute(sql: "CREATE INDEX \(SQLIdentifier.quoted("\(name)_key")) ON \(SQLIdentifier.quoted(name)) (\(indexOn.map(SQLIdentifier.quoted).joined(separator: ", ")))")
            }
        }
    }

    /// Binds one cell straight to the statement's SQLite handle (parameters count from 1).
    @inline(__always)
    static func bind(_ value: PropertyValue, at index: Int32, to handle: OpaquePointer?) throws {
        let code: Int32 = switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .bool(let b): sqlite3_bind_int64(handle, index, b ? 1 : 0)
        case .integer(let i): sqlite3_bind_int64(handle, index, i)
        case .number(let d): sqlite3_bind_double(handle, index, d)
        case .text(let t), .json(let t): sqlite3_bind_text(handle, index, t, -1, transient)
        }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding value \(index)") }
    }

    /// Binds a blob (SQLite copies it).
    static func bind(blob bytes: [UInt8], at index: Int32, to handle: OpaquePointer?) throws {
        let code = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "binding value \(index)") }
    }

    /// Steps a bound insert.
    @inline(__always)
    static func step(_ handle: OpaquePointer?) throws {
        let step = sqlite3_step(handle)
        guard step == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
    }

    /// A cell given as a GRDB value: `Int`, `Int64`, `Double`, `String` and `Bool` as such.
    static func propertyValue(_ value: (any DatabaseValueConvertible)?) -> PropertyValue {
        switch value {
        case nil: .null
        case let v as Int: .integer(Int64(v))
        case let v as Int64: .integer(v)
        case let v as Double: .number(v)
        case let v as String: .text(v)
        case let v as Bool: .bool(v)
        case let v?:
            switch v.databaseValue.storage {
            case .null: .null
            case .int64(let i): .integer(i)
            case .double(let d): .number(d)
            case .string(let t): .text(t)
            case .blob: preconditionFailure("a blob in an attribute table")
            }
        }
    }

    /// SQLite copies the bound bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
