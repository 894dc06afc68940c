import Foundation
import QuartierGeometry
import QuartierShapefile
import QuartierTestSupport
import Testing

@Suite struct ShapefileTests {
    static let square = [Point(x: 0, y: 0), Point(x: 0, y: 10), Point(x: 10, y: 10), Point(x: 10, y: 0), Point(x: 0, y: 0)]
    static let hole = [Point(x: 2, y: 2), Point(x: 4, y: 2), Point(x: 4, y: 4), Point(x: 2, y: 4), Point(x: 2, y: 2)]
    static let island = [Point(x: 20, y: 0), Point(x: 20, y: 5), Point(x: 25, y: 5), Point(x: 25, y: 0), Point(x: 20, y: 0)]

    static let fields = [
        DBFField(name: "plr_id", kind: .text, width: 8),
        DBFField(name: "name", kind: .text, width: 40),
        DBFField(name: "ew", kind: .integer, width: 9),
        DBFField(name: "share", kind: .real, width: 12, decimals: 3),
    ]

    /// Writes, reads back: leading zeros kept, umlauts decoded in each code page, holes and islands.
    @Test(arguments: [(DBFEncoding.utf8, true), (.windows1252, true), (.cp850, true), (.iso8859_1, true),
                      (.cp850, false), (.windows1252, false)])
    func roundTrip(encoding: DBFEncoding, writeCPG: Bool) throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("areas.shp").path
        let writer = try ShapefileWriter(path: path, fields: Self.fields, encoding: encoding, writeCPG: writeCPG)
        let withHole = MultiPolygon([Polygon(exterior: Self.square, holes: [Self.hole])])
        let twoParts = MultiPolygon([Polygon(exterior: Self.square), Polygon(exterior: Self.island)])
        try writer.append(withHole, values: [.text("01100101"), .text("Stülerstraße"), .integer(3645), .number(12.5)])
        try writer.append(twoParts, values: [.text("08100521"), .text("Grünau Süd"), .null, .number(0.125)])
        try writer.append(nil, values: [.text("x"), .text(""), .integer(0), .null])
        writer.close()

        let reader = try ShapefileReader(path: path)
        #expect(reader.count == 3)
        #expect(reader.fields.map(\.name) == ["plr_id", "name", "ew", "share"])
        #expect(reader.encoding == (encoding == .iso8859_1 && !writeCPG ? .windows1252 : encoding))
        let features = try reader.features()
        #expect(features[0]["plr_id"] == .text("01100101"))
        #expect(features[0]["name"] == .text("Stülerstraße"))
        #expect(features[1]["name"] == .text("Grünau Süd"))
        #expect(features[0]["ew"] == .integer(3645))
        #expect(features[0]["share"] == .number(12.5))
        #expect(features[1]["ew"] == .null)
        #expect(features[0].geometry?.areal?.polygons.count == 1)
        #expect(features[0].geometry?.areal?.polygons.first?.holes.count == 1)
        #expect(features[1].geometry?.areal?.polygons.count == 2)
        #expect(features[2].geometry == nil)
    }

    @Test func missingFileNamesIt() {
        #expect { try ShapefileReader(path: "/nonexistent/areas.shp") } throws: { error in
            "\(error)".contains("/nonexistent/areas.shp")
        }
    }

    /// The ids are in the .dbf: without it (or with fewer records than shapes) reading is an error,
    /// never features with made-up ids 0…n−1.
    @Test(arguments: ["remove", "truncate"])
    func missingOrShortDBFIsAnError(damage: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("areas.shp").path
        let writer = try ShapefileWriter(path: path, fields: Self.fields, encoding: .utf8, writeCPG: true)
        try writer.append(MultiPolygon([Polygon(exterior: Self.square)]), values: [.text("01100101"), .text("a"), .integer(1), .number(1)])
        try writer.append(MultiPolygon([Polygon(exterior: Self.island)]), values: [.text("01100102"), .text("b"), .integer(2), .number(2)])
        writer.close()
        let dbf = folder.appendingPathComponent("areas.dbf").path
        #expect(try ShapefileReader(path: path).count == 2)
        if damage == "remove" {
            try FileManager.default.removeItem(atPath: dbf)
        } else {
            // One record fewer: the header's record count says 1.
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: dbf))
            try handle.seek(toOffset: 4)
            try handle.write(contentsOf: Data([1, 0, 0, 0]))
            try handle.close()
        }
        #expect { try ShapefileReader(path: path) } throws: { error in
            "\(error)".contains("areas.dbf")
        }
    }

    @Test(arguments: [("UTF-8", DBFEncoding.utf8), ("1252", .windows1252), ("LDID/87", .windows1252),
                      ("ISO-8859-1", .iso8859_1), ("850", .cp850), ("LDID/2", .cp850), ("koi8", nil)])
    func codePageNames(text: String, expected: DBFEncoding?) {
        #expect(DBFEncoding(codePage: text) == expected)
    }

    @Test func cp850Bytes() {
        // "Grünau" in CP850: ü = 0x81; in Windows-1252: ü = 0xFC.
        #expect(DBFEncoding.cp850.decode([0x47, 0x72, 0x81, 0x6E, 0x61, 0x75]) == "Grünau")
        #expect(DBFEncoding.windows1252.decode([0x47, 0x72, 0xFC, 0x6E, 0x61, 0x75]) == "Grünau")
        #expect(DBFEncoding.windows1252.decode([0x80]) == "€")
    }
}
