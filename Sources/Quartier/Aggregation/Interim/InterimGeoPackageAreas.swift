import Foundation
import GRDB
import QuartierBase
import QuartierGeometry

/// Reads the areas of a GeoPackage layer (polygons and multipolygons) for `aggregate`.
///
/// Interim: a minimal reader (GeoPackage 1.3 §2.1.3 geometry blobs, OGC WKB 1.2 Polygon and
/// MultiPolygon, Z/M dropped) written here because the geo branch's GeoPackage reader was not merged
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

    /// GeoPackage blob → WKB → MultiPolygon.
    static func decodeBlob(_ data: Data) throws(String) -> MultiPolygon {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, bytes[0] == 0x47, bytes[1] == 0x50 else { throw "not a GeoPackage geometry blob" }
        let flags = bytes[3]
        let envelopeSizes = [0, 32, 48, 48, 64]
        let envelope = Int((flags >> 1) & 7)
        guard envelope < envelopeSizes.count else { throw "a bad envelope code \(envelope)" }
        if flags & 0x10 != 0 { return .empty } // empty geometry flag
        var reader = WKBReader(bytes: bytes, position: 8 + envelopeSizes[envelope])
        return try reader.readAreal()
    }

    struct WKBReader {
        let bytes: [UInt8]
        var position: Int
        var littleEndian = true

        mutating func byte() throws(String) -> UInt8 {
            guard position < bytes.count else { throw "truncated WKB" }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func uint32() throws(String) -> UInt32 {
            guard position + 4 <= bytes.count else { throw "truncated WKB" }
            var v: UInt32 = 0
            for k in 0 ..< 4 { v |= UInt32(bytes[position + k]) << (8 * k) }
            position += 4
            return littleEndian ? v : v.byteSwapped
        }

        mutating func double() throws(String) -> Double {
            guard position + 8 <= bytes.count else { throw "truncated WKB" }
            var v: UInt64 = 0
            for k in 0 ..< 8 { v |= UInt64(bytes[position + k]) << (8 * k) }
            position += 8
            return Double(bitPattern: littleEndian ? v : v.byteSwapped)
        }

        /// Reads a geometry header: (base type 1-7, coordinate dimension).
        mutating func header() throws(String) -> (Int, Int) {
            littleEndian = try byte() == 1
            let raw = try uint32()
            var dims = 2
            if raw & 0x8000_0000 != 0 { dims += 1 }
            if raw & 0x4000_0000 != 0 { dims += 1 }
            let code = Int(raw & 0x0FFF_FFFF)
            switch code / 1000 {
            case 1, 2: dims = 3
            case 3: dims = 4
            default: break
            }
            return (code % 1000, dims)
        }

        mutating func polygon(dims: Int) throws(String) -> Polygon {
            let ringCount = Int(try uint32())
            var rings: [[Point]] = []
            for _ in 0 ..< ringCount {
                let n = Int(try uint32())
                guard n <= (bytes.count - position) / (8 * dims) else { throw "truncated WKB" }
                var ring: [Point] = []
                ring.reserveCapacity(n)
                for _ in 0 ..< n {
                    let x = try double(), y = try double()
                    for _ in 2 ..< dims { _ = try double() }
                    ring.append(Point(x: x, y: y))
                }
                rings.append(ring)
            }
            guard let exterior = rings.first else { return .empty }
            return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
        }

        mutating func readAreal() throws(String) -> MultiPolygon {
            let (type, dims) = try header()
            switch type {
            case 3:
                let p = try polygon(dims: dims)
                return MultiPolygon(p.isEmpty ? [] : [p])
            case 6:
                let n = Int(try uint32())
                var parts: [Polygon] = []
                for _ in 0 ..< n {
                    let (partType, partDims) = try header()
                    guard partType == 3 else { throw "a MultiPolygon part of WKB type \(partType)" }
                    let p = try polygon(dims: partDims)
                    if !p.isEmpty { parts.append(p) }
                }
                return MultiPolygon(parts)
            default:
                throw "WKB geometry type \(type)"
            }
        }
    }
}

extension String: @retroactive Error {}
