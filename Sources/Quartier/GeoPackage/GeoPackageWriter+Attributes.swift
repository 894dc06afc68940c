import GRDB

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
                try statement.execute(arguments: StatementArguments(row))
            }
            if !indexOn.isEmpty {
                try db.execute(sql: "CREATE INDEX \(SQLIdentifier.quoted("\(name)_key")) ON \(SQLIdentifier.quoted(name)) (\(indexOn.map(SQLIdentifier.quoted).joined(separator: ", ")))")
            }
        }
    }
}
