import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierPROJ
import QuartierTestSupport
import Testing

@Suite struct GeoPackageTests {
    static let square = [Point(x: 390000, y: 5810000), Point(x: 390100, y: 5810000), Point(x: 390100, y: 5810100),
                         Point(x: 390000, y: 5810100), Point(x: 390000, y: 5810000)]
    static let hole = [Point(x: 390010, y: 5810010), Point(x: 390010, y: 5810020), Point(x: 390020, y: 5810020),
                       Point(x: 390020, y: 5810010), Point(x: 390010, y: 5810010)]

    static var features: [Feature] {
        [
            Feature(geometry: .polygon(Polygon(exterior: square, holes: [hole])),
                    properties: [Property("plr_id", .text("01100101")), Property("ew", .integer(3645)), Property("share", .number(12.5)), Property("name", .text("Stülerstraße"))]),
            Feature(geometry: .multiPolygon(MultiPolygon([Polygon(exterior: square.map { Point(x: $0.x + 200, y: $0.y) })])),
                    properties: [Property("plr_id", .text("01100102")), Property("ew", .null), Property("share", .number(0.5)), Property("name", .text("B"))]),
        ]
    }

    static let fields = [GeoPackageField("plr_id", .text), GeoPackageField("ew", .integer), GeoPackageField("share", .real), GeoPackageField("name", .text)]

    static func write(to path: String) throws {
        let writer = try GeoPackageWriter(path: path, lastChange: Date(timeIntervalSince1970: 1_700_000_000))
        try writer.writeFeatureTable(name: "areas", crs: .epsg(25833), fields: fields, features: features)
        try writer.commit()
    }

    @Test func roundTrip() throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("areas.gpkg").path
        try Self.write(to: path)
        let file = try FeatureFile.read(path: path)
        #expect(file.layer == "areas")
        #expect(file.crs == .epsg(25833))
        #expect(file.features.count == 2)
        #expect(file.features[0]["plr_id"] == .text("01100101"))
        #expect(file.features[0]["ew"] == .integer(3645))
        #expect(file.features[1]["ew"] == .null)
        #expect(file.features[0]["name"] == .text("Stülerstraße"))
        // Polygons are promoted to MultiPolygon in a MULTIPOLYGON column.
        #expect(file.features[0].geometry == .multiPolygon(MultiPolygon([Polygon(exterior: Self.square, holes: [Self.hole])])))
        #expect(file.features[0].id == .integer(1))
        // No temporary file is left beside the output.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["areas.gpkg"])
    }

    @Test func sameInputSameBytes() throws {
        let folder = try TestPaths.temporaryFolder()
        let a = folder.appendingPathComponent("a.gpkg").path, b = folder.appendingPathComponent("b.gpkg").path
        try Self.write(to: a)
        try Self.write(to: b)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
    }

    /// GDAL opens what the writer wrote and sees the layer, CRS, geometry type and fields
    /// (runs only where `ogrinfo` from gdal-bin is installed).
    @Test(.enabled(if: ReferenceTool.runs(executables: ["ogrinfo"]), "needs GDAL (gdal-bin)"))
    func gdalOpensIt() throws {
        try ReferenceTool.require(executables: ["ogrinfo"])
        let path = try TestPaths.temporaryFolder().appendingPathComponent("areas.gpkg").path
        try Self.write(to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        process.arguments = ["-ro", "-al", "-so", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("Layer name: areas"))
        #expect(output.contains("Geometry: Multi Polygon"))
        #expect(output.contains("Feature Count: 2"))
        #expect(output.contains("ID[\"EPSG\",25833]") || output.contains("EPSG\",\"25833"))
        #expect(output.contains("plr_id: String"))
        #expect(output.contains("ew: Integer"))
        #expect(!output.contains("ERROR"), "\(output)")
    }

    @Test func truncatedFileIsAnInputError() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("areas.gpkg").path
        try Self.write(to: path)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let truncated = folder.appendingPathComponent("truncated.gpkg").path
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: truncated))
        #expect { try FeatureFile.read(path: truncated) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location.file == truncated
        }
        let garbage = folder.appendingPathComponent("garbage.gpkg").path
        try Data("not a database at all, just text that is long enough to look like a header".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect { try FeatureFile.read(path: garbage) } throws: { ($0 as? InputError)?.location.file == garbage }
    }

    /// A CRS without an EPSG code is stored as WKT in `definition` (organization NONE) and read back
    /// from there: both place a point at the same coordinates.
    @Test func crsFromDefinition() throws {
        let custom = CRS("+proj=tmerc +lat_0=0 +lon_0=13.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs")
        let path = try TestPaths.temporaryFolder().appendingPathComponent("custom.gpkg").path
        let writer = try GeoPackageWriter(path: path)
        try writer.writeFeatureTable(name: "areas", crs: custom, fields: Self.fields, features: Self.features)
        try writer.commit()
        let file = try FeatureFile.read(path: path)
        let crs = try #require(file.crs)
        #expect(crs.epsgCode == nil)
        #expect(crs.definition.hasPrefix("PROJCS["))
        #expect(file.crsSource == "gpkg_spatial_ref_sys srs_id 100000")
        let a = try CoordinateTransformer(from: .epsg(4326), to: custom).transform(Point(x: 13.405, y: 52.52))
        let b = try CoordinateTransformer(from: .epsg(4326), to: crs).transform(Point(x: 13.405, y: 52.52))
        #expect(abs(a.x - b.x) < 1e-6 && abs(a.y - b.y) < 1e-6)
    }

    @Test func layerSelection() throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("two.gpkg").path
        let writer = try GeoPackageWriter(path: path)
        try writer.writeFeatureTable(name: "plr", crs: .epsg(25833), fields: Self.fields, features: Self.features)
        try writer.writeFeatureTable(name: "bzr", crs: .epsg(25833), fields: Self.fields, features: Array(Self.features.prefix(1)))
        try writer.commit()
        #expect { try FeatureFile.read(path: path) } throws: { "\($0)".contains("--layer") && "\($0)".contains("bzr, plr") }
        #expect(try FeatureFile.read(path: path, layer: "bzr").features.count == 1)
        #expect { try FeatureFile.read(path: path, layer: "pgr") } throws: { "\($0)".contains("no feature table \"pgr\"") }
    }
}
