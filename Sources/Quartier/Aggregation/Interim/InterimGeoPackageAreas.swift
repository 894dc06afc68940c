import Foundation
import GRDB
import QuartierBase
import QuartierGeometry

/// Reads the areas of a GeoPackage layer (polygons and multipolygons) for `aggregate`.
///
/// Interim: a minimal reader (GeoPackage 1.3 feature tables; blobs decoded by QuartierGeometry's
/// `GeoPackageBinary`) written here because the geo branch's GeoPackage area reader was not merged
/// in time; to be replaced by it.
enum InterimGeoPackageAreas {
    static func read(path: String, layer: String?, idColumn: String?) throws -> AggregationAreas {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no such file", expected: "a GeoPackage")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            let layers = try Row.fetchAll(db, sql: """
                SELECT c.table_name, g.column_name, c.srs_id FROM gpkg_contents c
                JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
                WHERE c.data_type = 'features' ORDER BY c.table_name
                """)
            let names = layers.map { $0[0] as String }
            let chosen: Row? = if let layer { layers.first { ($0[0] as String) == layer } } else { layers.first }
            guard let row = chosen else {
                throw InputError(InputLocation(file: path), found: layer.map { "no layer \"\($0)\" (layers: \(names.joined(separator: ", ")))" } ?? "no feature layer",
                                 expected: "a feature layer of polygons")
            }
            if layer == nil && layers.count > 1 {
                throw InputError(InputLocation(file: path), found: "\(layers.count) layers (\(names.joined(separator: ", ")))", expected: "--layer naming one")
            }
            let table: String = row[0], geometryColumn: String = row[1], srsID: Int = row[2]
            var crs: CRS?
            if let srs = try Row.fetchOne(db, sql: "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", arguments: [srsID]),
               let org: String = srs[0], let code: Int = srs[1], code > 0 {
                crs = CRS("\(org.uppercased()):\(code)")
            }
            let columns = try db.columns(in: table)
            let primaryKey = try db.primaryKey(table).columns.first
            let id = idColumn ?? primaryKey ?? "fid"
            guard columns.contains(where: { $0.name == id }) else {
                throw InputError(InputLocation(file: path, feature: nil, field: id),
                                 found: "no such column (columns: \(columns.map(\.name).joined(separator: ", ")))", expected: "the area id column")
            }
            var ids: [String] = []
            var geometries: [MultiPolygon] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(id.quotedDatabaseIdentifier), \(geometryColumn.quotedDatabaseIdentifier) FROM \(table.quotedDatabaseIdentifier)")
            var feature = 0
            while let r = try cursor.next() {
                feature += 1
                let value: DatabaseValue = r[0]
                let text: String
                switch value.storage {
                case .int64(let v): text = String(v)
                case .double(let v): text = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
                case .string(let s): text = s
                default:
                    throw InputError(InputLocation(file: path, feature: String(feature), field: id), found: "\(value)", expected: "an id")
                }
                guard let blob: Data = r[1] else {
                    geometries.append(.empty)
                    ids.append(text)
                    continue
                }
                do {
                    geometries.append(try decodeBlob(blob))
                } catch let reason as String {
                    throw InputError(InputLocation(file: path, feature: text, field: geometryColumn), found: reason, expected: "a Polygon or MultiPolygon")
                }
                ids.append(text)
            }
            return try AggregationAreas(idColumn: id, ids: ids, geometries: geometries, crs: crs, source: path)
        }
    }

    /// GeoPackage blob → MultiPolygon (QuartierGeometry's `GeoPackageBinary` codec).
    static func decodeBlob(_ data: Data) throws(String) -> MultiPolygon {
        let blob: GeoPackageBinary
        do { blob = try GeoPackageBinary.decode([UInt8](data)) } catch { throw "\(error)" }
        if blob.isEmpty { return .empty }
        guard let areal = blob.geometry.areal else { throw "a \(blob.geometry.typeName)" }
        return areal
    }
}

extension String: @retroactive Error {}
