import QuartierGeometry
import Testing

/// Shapes shared by the codec tests: empty geometries, holes, multipolygons.
enum Shapes {
    static let square = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10), Point(x: 0, y: 0)]
    static let hole = [Point(x: 2, y: 2), Point(x: 2, y: 4), Point(x: 4, y: 4), Point(x: 4, y: 2), Point(x: 2, y: 2)]
    static let far = square.map { Point(x: $0.x + 100.5, y: $0.y - 3.25) }

    static var all: [Geometry] { [
        .point(Point(x: 13.405, y: 52.52)),
        .lineString([Point(x: 0, y: 0), Point(x: 1, y: 1)]),
        .polygon(Polygon(exterior: square)),
        .polygon(Polygon(exterior: square, holes: [hole])),
        .polygon(.empty),
        .multiPolygon(MultiPolygon([Polygon(exterior: square, holes: [hole]), Polygon(exterior: far)])),
        .multiPolygon(.empty),
        .multiPoint([Point(x: 1, y: 2), Point(x: 3, y: 4)]),
        .multiLineString([[Point(x: 0, y: 0), Point(x: 1, y: 1)], []]),
        .geometryCollection([.point(Point(x: 1, y: 2)), .polygon(Polygon(exterior: square))]),
        .geometryCollection([]),
    ] }
}

@Suite struct WKBTests {
    @Test(arguments: Shapes.all)
    func roundTrip(geometry: Geometry) throws {
        #expect(try WKB.decode(WKB.encode(geometry)) == geometry)
    }

    @Test func emptyPointIsNaN() throws {
        let decoded = try WKB.decode(WKB.encode(.point(Point(x: .nan, y: .nan))))
        guard case .point(let p) = decoded else { Issue.record("not a point"); return }
        #expect(p.x.isNaN && p.y.isNaN)
        #expect(decoded.isEmpty)
    }

    /// POINT(1 2) written by hand in both byte orders (OGC 06-103r4 §8.2.7).
    @Test func readsBothByteOrders() throws {
        let little: [UInt8] = [0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40]
        let big: [UInt8] = [0x00, 0, 0, 0, 0x01, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]
        #expect(try WKB.decode(little) == .point(Point(x: 1, y: 2)))
        #expect(try WKB.decode(big) == .point(Point(x: 1, y: 2)))
        #expect(WKB.encode(.point(Point(x: 1, y: 2))) == little)
    }

    /// A big-endian polygon with a hole, built from the little-endian encoding by swapping each field.
    @Test func readsBigEndianPolygon() throws {
        let polygon = Geometry.polygon(Polygon(exterior: Shapes.square, holes: [Shapes.hole]))
        var bytes: [UInt8] = [0x00]
        func u32(_ v: UInt32) { for i in (0..<4).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
        func f64(_ v: Double) { for i in (0..<8).reversed() { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * i))) } }
        u32(3); u32(2)
        for ring in [Shapes.square, Shapes.hole] {
            u32(UInt32(ring.count))
            for p in ring { f64(p.x); f64(p.y) }
        }
        #expect(try WKB.decode(bytes) == polygon)
    }

    /// Z and M ordinates, ISO (1001, 2001, 3001, 1003) and EWKB (flags, SRID) codes: read and discarded.
    @Test(arguments: [
        (UInt32(1001), 1), (UInt32(2001), 1), (UInt32(3001), 2),
        (UInt32(0x8000_0001), 1), (UInt32(0x4000_0001), 1), (UInt32(0xC000_0001), 2),
    ])
    func dropsZAndM(code: UInt32, extra: Int) throws {
        var bytes: [UInt8] = [0x01]
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: code >> (8 * i))) }
        for value in [1.0, 2.0] + Array(repeating: 99.0, count: extra) {
            for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value.bitPattern >> (8 * i))) }
        }
        #expect(try WKB.decode(bytes) == .point(Point(x: 1, y: 2)))
    }

    @Test func ewkbWithSRID() throws {
        // POLYGON Z with SRID 25833: type 0xA0000003.
        var bytes: [UInt8] = [0x01]
        func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
        func f64(_ v: Double) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * i))) } }
        u32(0xA000_0003); u32(25833); u32(1); u32(5)
        for p in Shapes.square { f64(p.x); f64(p.y); f64(34) }
        #expect(try WKB.decode(bytes) == .polygon(Polygon(exterior: Shapes.square)))
    }

    @Test(arguments: [
        ([UInt8](), "ends inside the byte-order mark"),
        ([UInt8]([0x02, 1, 0, 0, 0]), "byte-order mark is 2"),
        ([UInt8]([0x01, 9, 0, 0, 0]), "geometry type 9"),
        ([UInt8]([0x01, 3, 0, 0, 0, 1, 0, 0, 0, 200, 0, 0, 0]), "claims 200 points"),
        // Found by Fuzz/ (FuzzGeoPackageBlob): an empty exterior ring with a hole was read as an empty
        // polygon, losing the hole, so decode → encode → decode was not stable.
        ([UInt8]([0x01, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0]) + [(0.0, 0.0), (1, 0), (1, 1), (0, 0)].flatMap { p in
            [p.0, p.1].flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }, "empty exterior ring and 1 interior"),
    ])
    func rejectsBadBytes(bytes: [UInt8], fragment: String) {
        #expect { try WKB.decode(bytes) } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test func rejectsTruncatedPolygon() {
        let bytes = WKB.encode(.polygon(Polygon(exterior: Shapes.square)))
        for cut in [bytes.count - 1, bytes.count / 2, 9] {
            #expect(throws: GeometryCodecError.self) { try WKB.decode(bytes.prefix(cut)) }
        }
    }
}
