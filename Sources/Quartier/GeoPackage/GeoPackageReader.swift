import Foundation
import GRDB
import QuartierBase
import QuartierGeometry
import QuartierPROJ

/// A feature table listed in a GeoPackage's `gpkg_contents` and `gpkg_geometry_columns`.
public struct GeoPackageLayer: Hashable, Sendable {
    public var name: String
    public var geometryColumn: String
    /// `geometry_type_name`: POLYGON, MULTIPOLYGON, GEOMETRY, ...
    public var geometryType: String
    public var srsID: Int
    /// The CRS of `srsID` (see `GeoPackageReader.crs(srsID:)`), nil for the undefined systems -1 and 0.
    public var crs: CRS?
}

/// Reads feature tables from a GeoPackage with GRDB (SQLite), read-only.
///
/// Source: OGC 12-128r18 GeoPackage 1.3: `gpkg_contents` (data_type 'features'), `gpkg_geometry_columns`,
/// `gpkg_spatial_ref_sys` and the geometry blob (`GeoPackageBinary`). The CRS of a layer is
/// `organization:organization_coordsys_id` when the organization is EPSG (or OGC), else the WKT in
/// `definition`, identified to an EPSG code with PROJ where PROJ can.
public struct GeoPackageReader: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens `path` read-only.
    /// - Throws: `InputError` when the file is missing, not SQLite, truncated, or has no `gpkg_contents`.
    public init(path: String) throws(InputError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no such file", expected: "a GeoPackage (.gpkg)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let ok = try queue.read { db in try db.tableExists("gpkg_contents") && db.tableExists("gpkg_geometry_columns") }
            guard ok else {
                throw InputError(InputLocation(file: path), found: "an SQLite database without gpkg_contents/gpkg_geometry_columns",
                                 expected: "a GeoPackage (OGC 12-128r18)")
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(InputLocation(file: path), found: "\(GeoPackageReader.sqliteMessage(error))", expected: "a readable GeoPackage (SQLite) file")
        }
    }

    static func sqliteMessage(_ error: Error) -> String {
        if let error = error as? DatabaseError { return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error)")" }
        return "\(error)"
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(InputError) -> T {
        do {
            return try queue.read(body)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(InputLocation(file: path, feature: nil, field: nil), found: GeoPackageReader.sqliteMessage(error), expected: "a readable GeoPackage while \(what)")
        }
    }

    /// The feature tables, in `gpkg_contents` order of table name.
    public func layers() throws(InputError) -> [GeoPackageLayer] {
        let rows = try read("reading gpkg_geometry_columns") { db in
            try Row.fetchAll(db, sql: """
                SELECT g.table_name, g.column_name, g.geometry_type_name, g.srs_id,
                       s.organization, s.organization_coordsys_id, s.definition
                FROM gpkg_geometry_columns g
                JOIN gpkg_contents c ON c.table_name = g.table_name
                LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
                WHERE c.data_type = 'features'
                ORDER BY g.table_name
                """)
        }
        return rows.map { row in
            let srsID: Int = row["srs_id"] ?? 0
            return GeoPackageLayer(
                name: row["table_name"], geometryColumn: row["column_name"], geometryType: row["geometry_type_name"] ?? "GEOMETRY",
                srsID: srsID,
                crs: GeoPackageReader.crs(srsID: srsID, organization: row["organization"], code: row["organization_coordsys_id"], definition: row["definition"]))
        }
    }

    /// The CRS of a `gpkg_spatial_ref_sys` row: EPSG/OGC code, else the WKT definition identified with
    /// PROJ (kept as WKT when PROJ cannot identify it); nil for -1 and 0 (undefined).
    static func crs(srsID: Int, organization: String?, code: Int?, definition: String?) -> CRS? {
        if srsID == -1 || srsID == 0 { return nil }
        if let organization, let code, code > 0, ["EPSG", "OGC"].contains(organization.uppercased()) {
            return CRS("\(organization.uppercased()):\(code)")
        }
        guard let definition, !definition.isEmpty, definition.lowercased() != "undefined" else { return nil }
        return (try? CRS(definition).identified()) ?? CRS(definition)
    }

    /// Picks a layer: the named one, or the only feature table.
    /// - Throws: `InputError` naming the layers when `name` is absent or ambiguous.
    public func layer(named name: String?) throws(InputError) -> GeoPackageLayer {
        let all = try layers()
        let names = all.map(\.name).joined(separator: ", ")
        if let name {
            guard let layer = all.first(where: { $0.name == name }) else {
                throw InputError(InputLocation(file: path, field: "layer"), found: "no feature table \"\(name)\"", expected: "one of: \(names)")
            }
            return layer
        }
        guard all.count == 1 else {
            throw InputError(InputLocation(file: path, field: "layer"),
                             found: all.isEmpty ? "no feature tables" : "\(all.count) feature tables (\(names))",
                             expected: all.isEmpty ? "at least one feature table" : "--layer naming one of them")
        }
        return all[0]
    }

    /// Reads every row of a feature table: the integer primary key as `id`, the geometry column decoded,
    /// every other column a property typed by its SQLite storage class (blobs as hex text).
    public func features(layer: GeoPackageLayer) throws(InputError) -> FeatureCollection {
        let table = layer.name
        let (columns, rows): ([(name: String, primaryKey: Bool)], [Row]) = try read("reading table \(table)") { db in
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(SQLIdentifier.quoted(table)))")
            let columns = info.map { (name: $0["name"] as String, primaryKey: ($0["pk"] as Int? ?? 0) > 0) }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(SQLIdentifier.quoted(table))")
            return (columns, rows)
        }
        let primaryKeys = columns.filter(\.primaryKey).map(\.name)
        let idColumn = primaryKeys.count == 1 ? primaryKeys[0] : nil
        var features: [Feature] = []
        features.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            var feature = Feature(geometry: nil)
            for (column, value) in zip(row.columnNames, row.databaseValues) {
                if column == layer.geometryColumn {
                    guard case .blob(let data) = value.storage else {
                        if !value.isNull {
                            throw InputError(InputLocation(file: path, feature: "\(index) (table \(table))", field: column),
                                             found: "a non-blob value", expected: "a GeoPackage geometry blob")
                        }
                        continue
                    }
                    do {
                        let blob = try GeoPackageBinary.decode(data)
                        feature.geometry = blob.geometry
                    } catch {
                        throw InputError(InputLocation(file: path, feature: "\(index) (table \(table))", field: column),
                                         found: error.description, expected: "a GeoPackage geometry blob")
                    }
                    continue
                }
                let property = GeoPackageReader.propertyValue(value)
                if column == idColumn { feature.id = property; continue }
                feature.properties.append(Property(column, property))
            }
            features.append(feature)
        }
        return FeatureCollection(name: table, crs: layer.crs, features: features)
    }

    static func propertyValue(_ value: DatabaseValue) -> PropertyValue {
        switch value.storage {
        case .null: .null
        case .int64(let i): .integer(i)
        case .double(let d): .number(d)
        case .string(let s): .text(s)
        case .blob(let data): .text(data.map { String(format: "%02x", $0) }.joined())
        }
    }
}
