import Foundation
import GRDB
import GRDBSQLite
import QuartierBase
import QuartierGeometry

/// The lines of a feature table read straight into flat coordinates (`LineParts`), with the few
/// attribute columns a caller names: the reader of large line layers (a road network), where building
/// one `Feature` per row costs more than the reading.
public struct GeoPackageLines: Sendable {
    /// The parts of every line feature read, in table order (a MultiLineString gives one part each).
    public var parts: LineParts
    /// The feature (row index) of each part.
    public var partFeature: [Int32]
    /// Per feature read: its name as `features(layer:)` gives it to messages (the single integer
    /// primary key as text; the row number from 1 without one).
    public var names: [String]
    /// Per requested field, per feature read: its value typed as `features(layer:)` types properties;
    /// nil for a field the table does not have (or that is its primary key or geometry column, which
    /// are no properties), as a `Feature` has no such property.
    public var fields: [[PropertyValue]?]
    /// The first feature that is not a line (reading stops there; `names` includes it): its row index
    /// and what it is, `a Polygon` or `no geometry`.
    public var firstNonLine: (feature: Int, found: String)?
}

extension GeoPackageReader {
    /// Reads the LineString/MultiLineString features of `layer` into `GeoPackageLines`, with the
    /// columns `fields`, stopping at the first feature of another geometry or without one. The same
    /// table, geometry and names as `features(layer:)`; a blob that does not decode is the same error.
    /// - Complexity: O(rows + bytes); no `Feature` or `Geometry` per row.
    public func lines(layer: GeoPackageLayer, fields: [String]) throws(InputError) -> GeoPackageLines {
        let table = layer.name
        return try read("reading table \(table)") { db throws -> GeoPackageLines in
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(SQLIdentifier.quoted(table)))")
            let columns = info.map { (name: $0["name"] as String, primaryKey: ($0["pk"] as Int? ?? 0) > 0) }
            let primaryKeys = columns.filter(\.primaryKey).map(\.name)
            let idColumn = primaryKeys.count == 1 ? primaryKeys[0] : nil
            let present = fields.map { f in columns.contains { $0.name == f } && f != idColumn && f != layer.geometryColumn }
            let geometry = SQLIdentifier.quoted(layer.geometryColumn)
            var select = [geometry]
            if let idColumn { select.append(SQLIdentifier.quoted(idColumn)) }
            for (f, ok) in zip(fields, present) where ok { select.append(SQLIdentifier.quoted(f)) }
            var result = GeoPackageLines(parts: LineParts(), partFeature: [], names: [], fields: present.map { $0 ? [] : nil }, firstNonLine: nil)
            var blob: [UInt8] = []
            // Stepped with SQLite's C API: the blob read in place, no row values built.
            let statement = try db.makeStatement(sql: "SELECT \(select.joined(separator: ", ")) FROM \(SQLIdentifier.quoted(table))")
            let handle = statement.sqliteStatement
            var index = 0
            while true {
                let step = sqlite3_step(handle)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
                let id = idColumn == nil ? nil : GeoPackageReader.propertyValue(DatabaseValue(sqliteStatement: handle, index: 1)).text
                result.names.append(id ?? String(index + 1))
                var c: Int32 = idColumn == nil ? 1 : 2
                for f in fields.indices where present[f] {
                    result.fields[f]!.append(GeoPackageReader.propertyValue(DatabaseValue(sqliteStatement: handle, index: c)))
                    c += 1
                }
                let type = sqlite3_column_type(handle, 0)
                guard type == SQLITE_BLOB else {
                    if type != SQLITE_NULL {
                        throw InputError(InputLocation(file: path, feature: "\(index) (table \(table))", field: layer.geometryColumn),
                                         found: "a non-blob value", expected: "a GeoPackage geometry blob")
                    }
                    result.firstNonLine = (index, "no geometry")
                    break
                }
                blob.removeAll(keepingCapacity: true)
                let count = Int(sqlite3_column_bytes(handle, 0))
                if count > 0, let bytes = sqlite3_column_blob(handle, 0) {
                    blob.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: count))
                }
                let before = result.parts.count
                let isLine: Bool
                do throws(GeometryCodecError) {
                    isLine = try GeoPackageBinary.appendLineParts(blob, to: &result.parts)
                    if !isLine { result.firstNonLine = (index, "a \(try GeoPackageBinary.decode(blob).geometry.typeName)") }
                } catch {
                    throw InputError(InputLocation(file: path, feature: "\(index) (table \(table))", field: layer.geometryColumn),
                                     found: error.description, expected: "a GeoPackage geometry blob")
                }
                guard isLine else { break }
                for _ in before..<result.parts.count { result.partFeature.append(Int32(index)) }
                index += 1
            }
            return result
        }
    }
}
