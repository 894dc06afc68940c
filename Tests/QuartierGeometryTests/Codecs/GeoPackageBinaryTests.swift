import QuartierGeometry
import Testing

@Suite struct GeoPackageBinaryTests {
    @Test(arguments: Shapes.all)
    func roundTrip(geometry: Geometry) throws {
        let blob = GeoPackageBinary.encode(geometry, srsID: 25833)
        let decoded = try GeoPackageBinary.decode(blob)
        #expect(decoded.geometry == geometry)
        #expect(decoded.srsID == 25833)
        #expect(decoded.isEmpty == geometry.isEmpty)
        #expect(decoded.envelope == (geometry.isEmpty ? nil : geometry.boundingBox))
        // Flags: little-endian, envelope kind 1 (0 for empty geometries), empty flag.
        #expect(blob[3] == (geometry.isEmpty ? 0x11 : 0x03))
    }

    @Test(arguments: [0, 1, 2, 3, 4], [false, true])
    func readsEveryEnvelopeKind(kind: Int, bigEndian: Bool) throws {
        let geometry = Geometry.polygon(Polygon(exterior: Shapes.square, holes: [Shapes.hole]))
        let blob = GeoPackageBinary.encode(geometry, srsID: 4326, envelopeKind: kind, bigEndianHeader: bigEndian)
        let decoded = try GeoPackageBinary.decode(blob)
        #expect(decoded.geometry == geometry)
        #expect(decoded.srsID == 4326)
        #expect(decoded.envelope == (kind == 0 ? nil : BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)))
        let expectedLength = 8 + [0, 32, 48, 48, 64][kind] + WKB.encode(geometry).count
        #expect(blob.count == expectedLength)
    }

    @Test func emptyFlag() throws {
        let blob = GeoPackageBinary.encode(.polygon(.empty), srsID: 0)
        #expect(blob[3] & 0x10 != 0)
        let decoded = try GeoPackageBinary.decode(blob)
        #expect(decoded.isEmpty)
        #expect(decoded.geometry == .polygon(.empty))
    }

    @Test func negativeSRSIDs() throws {
        // -1 and 0 are the GeoPackage's undefined Cartesian and geographic systems.
        #expect(try GeoPackageBinary.decode(GeoPackageBinary.encode(.point(Point(x: 1, y: 1)), srsID: -1)).srsID == -1)
    }

    @Test(arguments: [
        ([UInt8]([0x47, 0x50]), "header alone needs 8"),
        ([UInt8]([0x58, 0x50, 0, 1, 0, 0, 0, 0]), "does not start with \"GP\""),
        ([UInt8]([0x47, 0x50, 1, 1, 0, 0, 0, 0]), "version 1"),
        ([UInt8]([0x47, 0x50, 0, 0x0B, 0, 0, 0, 0]), "envelope indicator 5"),
        ([UInt8]([0x47, 0x50, 0, 0x03, 0, 0, 0, 0, 0, 0]), "ends inside its envelope"),
        ([UInt8]([0x47, 0x50, 0, 0x21, 0, 0, 0, 0]), "extended"),
    ])
    func rejectsBadHeaders(bytes: [UInt8], fragment: String) {
        #expect { try GeoPackageBinary.decode(bytes) } throws: { "\($0)".contains(fragment) }
    }
}
