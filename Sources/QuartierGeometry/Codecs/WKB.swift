/// Well-Known Binary: the OGC Simple Features binary encoding of geometries.
///
/// Source: OGC 06-103r4 "Simple Feature Access – Part 1: Common Architecture" §8.2 (WKB), the ISO
/// 13249-3 type codes for Z/M/ZM (1000/2000/3000 added to the 2-D code) and PostGIS EWKB
/// (flags `0x80000000` Z, `0x40000000` M, `0x20000000` SRID follows the type).
///
/// Z/M rule: Quartier is 2-D. Decoding accepts ISO and EWKB type codes with Z, M or ZM, reads those
/// ordinates and discards them; an EWKB SRID is read and discarded (the CRS comes from the container:
/// GeoPackage `srs_id`, Shapefile `.prj`). Encoding always writes 2-D ISO WKB in little-endian (NDR)
/// byte order. An empty point is the WKB convention `POINT(NaN NaN)` both ways.
///
/// ```swift
/// let bytes = WKB.encode(.point(Point(x: 1, y: 2)))
/// let geometry = try WKB.decode(bytes)   // .point((1.0 2.0))
/// ```
public enum WKB {
    /// Decodes one geometry from `bytes`; trailing bytes are an error.
    public static func decode<C: Collection>(_ bytes: C) throws(GeometryCodecError) -> Geometry where C.Element == UInt8 {
        let array = Array(bytes)
        var reader = Reader(bytes: array, offset: 0)
        let geometry = try reader.geometry(depth: 0)
        guard reader.offset == array.count else {
            throw GeometryCodecError("WKB has \(array.count - reader.offset) bytes after the geometry", offset: reader.offset)
        }
        return geometry
    }

    /// Decodes one geometry starting at `offset` and returns it with the offset after it.
    public static func decode(_ bytes: [UInt8], from offset: Int) throws(GeometryCodecError) -> (geometry: Geometry, end: Int) {
        var reader = Reader(bytes: bytes, offset: offset)
        let geometry = try reader.geometry(depth: 0)
        return (geometry, reader.offset)
    }

    /// Encodes `geometry` as 2-D ISO WKB, little-endian.
    public static func encode(_ geometry: Geometry) -> [UInt8] {
        var writer = Writer()
        writer.geometry(geometry)
        return writer.bytes
    }

    /// The 2-D type codes.
    enum TypeCode: UInt32 {
        case point = 1, lineString, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection
    }

    struct Reader {
        let bytes: [UInt8]
        var offset: Int
        var littleEndian = true
        var dimensions = 2

        init(bytes: [UInt8], offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        mutating func need(_ count: Int, _ what: String) throws(GeometryCodecError) {
            guard count >= 0, offset + count <= bytes.count else {
                throw GeometryCodecError("WKB ends inside \(what): needs \(count) bytes, \(bytes.count - offset) left", offset: offset)
            }
        }

        mutating func uint32(_ what: String) throws(GeometryCodecError) -> UInt32 {
            try need(4, what)
            var value: UInt32 = 0
            for i in 0..<4 {
                let byte = UInt32(bytes[offset + i])
                value |= littleEndian ? byte << (8 * i) : byte << (8 * (3 - i))
            }
            offset += 4
            return value
        }

        mutating func double() throws(GeometryCodecError) -> Double {
            try need(8, "a coordinate")
            var value: UInt64 = 0
            for i in 0..<8 {
                let byte = UInt64(bytes[offset + i])
                value |= littleEndian ? byte << (8 * i) : byte << (8 * (7 - i))
            }
            offset += 8
            return Double(bitPattern: value)
        }

        mutating func point() throws(GeometryCodecError) -> Point {
            let x = try double()
            let y = try double()
            for _ in 2..<dimensions { _ = try double() } // Z and/or M: read and discarded
            return Point(x: x, y: y)
        }

        mutating func count(_ what: String, minimumBytesEach: Int) throws(GeometryCodecError) -> Int {
            let n = Int(try uint32("the number of \(what)"))
            // Guard against absurd counts in corrupt data before allocating.
            guard n * minimumBytesEach <= bytes.count - offset else {
                throw GeometryCodecError("WKB claims \(n) \(what) but only \(bytes.count - offset) bytes are left", offset: offset - 4)
            }
            return n
        }

        mutating func ring() throws(GeometryCodecError) -> [Point] {
            let n = try count("points", minimumBytesEach: 8 * dimensions)
            var points: [Point] = []
            points.reserveCapacity(n)
            for _ in 0..<n { points.append(try point()) }
            return points
        }

        mutating func polygon() throws(GeometryCodecError) -> Polygon {
            let n = try count("rings", minimumBytesEach: 4)
            guard n > 0 else { return .empty }
            let exterior = try ring()
            var holes: [[Point]] = []
            for _ in 1..<n { holes.append(try ring()) }
            // An empty exterior ring with interior rings is no polygon (OGC 06-103r4 §6.1.11: the
            // interior rings lie inside the exterior); read as empty, its holes would vanish silently.
            if exterior.isEmpty, holes.contains(where: { !$0.isEmpty }) {
                throw GeometryCodecError("WKB Polygon has an empty exterior ring and \(holes.count) interior ring(s)", offset: offset)
            }
            return Polygon(exterior: exterior, holes: holes)
        }

        /// Reads a byte-order mark and a type code; returns the 2-D type.
        mutating func header() throws(GeometryCodecError) -> TypeCode {
            try need(1, "the byte-order mark")
            let start = offset
            switch bytes[offset] {
            case 0: littleEndian = false
            case 1: littleEndian = true
            default: throw GeometryCodecError("WKB byte-order mark is \(bytes[offset]), expected 0 or 1", offset: offset)
            }
            offset += 1
            var code = try uint32("the geometry type")
            var hasZ = false, hasM = false
            // EWKB flags.
            if code & 0x8000_0000 != 0 { hasZ = true }
            if code & 0x4000_0000 != 0 { hasM = true }
            if code & 0x2000_0000 != 0 { _ = try uint32("the EWKB SRID") } // SRID: read and discarded
            code &= 0x0FFF_FFFF
            // ISO codes.
            switch code / 1000 {
            case 0: break
            case 1: hasZ = true
            case 2: hasM = true
            case 3: hasZ = true; hasM = true
            default: throw GeometryCodecError("WKB geometry type \(code) is unknown", offset: start + 1)
            }
            guard let type = TypeCode(rawValue: code % 1000) else {
                throw GeometryCodecError("WKB geometry type \(code) is unknown (expected 1–7 plus 1000/2000/3000 for Z/M/ZM)", offset: start + 1)
            }
            dimensions = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0)
            return type
        }

        mutating func geometry(depth: Int) throws(GeometryCodecError) -> Geometry {
            guard depth < 32 else { throw GeometryCodecError("WKB collections nested deeper than 32", offset: offset) }
            switch try header() {
            case .point:
                return .point(try point())
            case .lineString:
                return .lineString(try ring())
            case .polygon:
                return .polygon(try polygon())
            case .multiPoint:
                let n = try count("points", minimumBytesEach: 21)
                var points: [Point] = []
                for _ in 0..<n {
                    guard case .point(let p) = try geometry(depth: depth + 1) else {
                        throw GeometryCodecError("WKB MultiPoint holds a part that is not a Point", offset: offset)
                    }
                    points.append(p)
                }
                return .multiPoint(points)
            case .multiLineString:
                let n = try count("line strings", minimumBytesEach: 9)
                var lines: [[Point]] = []
                for _ in 0..<n {
                    guard case .lineString(let line) = try geometry(depth: depth + 1) else {
                        throw GeometryCodecError("WKB MultiLineString holds a part that is not a LineString", offset: offset)
                    }
                    lines.append(line)
                }
                return .multiLineString(lines)
            case .multiPolygon:
                let n = try count("polygons", minimumBytesEach: 9)
                var polygons: [Polygon] = []
                for _ in 0..<n {
                    guard case .polygon(let polygon) = try geometry(depth: depth + 1) else {
                        throw GeometryCodecError("WKB MultiPolygon holds a part that is not a Polygon", offset: offset)
                    }
                    polygons.append(polygon)
                }
                return .multiPolygon(MultiPolygon(polygons))
            case .geometryCollection:
                let n = try count("geometries", minimumBytesEach: 9)
                var parts: [Geometry] = []
                for _ in 0..<n { parts.append(try geometry(depth: depth + 1)) }
                return .geometryCollection(parts)
            }
        }
    }

    struct Writer {
        var bytes: [UInt8] = []

        // Little-endian (NDR) bytes, appended whole (one copy, not a byte at a time).
        mutating func uint32(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func double(_ value: Double) {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func header(_ type: TypeCode) {
            bytes.append(1)
            uint32(type.rawValue)
        }

        mutating func points(_ points: [Point]) {
            uint32(UInt32(points.count))
            bytes.reserveCapacity(bytes.count + 16 * points.count)
            for p in points { double(p.x); double(p.y) }
        }

        mutating func polygon(_ polygon: Polygon) {
            header(.polygon)
            if polygon.isEmpty { uint32(0); return }
            uint32(UInt32(1 + polygon.holes.count))
            for ring in polygon.rings { points(ring) }
        }

        mutating func geometry(_ geometry: Geometry) {
            switch geometry {
            case .point(let p):
                header(.point); double(p.x); double(p.y)
            case .lineString(let line):
                header(.lineString); points(line)
            case .polygon(let p):
                polygon(p)
            case .multiPoint(let list):
                header(.multiPoint); uint32(UInt32(list.count))
                for p in list { header(.point); double(p.x); double(p.y) }
            case .multiLineString(let lines):
                header(.multiLineString); uint32(UInt32(lines.count))
                for line in lines { header(.lineString); points(line) }
            case .multiPolygon(let multi):
                header(.multiPolygon); uint32(UInt32(multi.polygons.count))
                for p in multi.polygons { polygon(p) }
            case .geometryCollection(let parts):
                header(.geometryCollection); uint32(UInt32(parts.count))
                for part in parts { self.geometry(part) }
            }
        }
    }
}
