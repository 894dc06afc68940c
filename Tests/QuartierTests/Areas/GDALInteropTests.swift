import Foundation
import Quartier
import QuartierGeometry
import QuartierTestSupport
import Testing

/// Files written by GDAL (ogr2ogr from gdal-bin) read back as the same areas: an independent writer
/// for the GeoPackage and Shapefile readers. Runs only where ogr2ogr is installed.
@Suite(.enabled(if: ReferenceTool.runs(executables: ["ogr2ogr", "ogrinfo"]), "needs GDAL (gdal-bin)"))
struct GDALInteropTests {
    static let neukoelln = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_neukoelln_subset_epsg25833.geojson").path
    static let options = AreaSet.LoadOptions(idColumn: "plr_id", parentColumns: ["bzr_id", "pgr_id", "bez_id"])

    static func ogr2ogr(_ arguments: [String]) throws {
        try ReferenceTool.require(executables: ["ogr2ogr"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test(arguments: [
        ("gpkg", ["-f", "GPKG", "-nln", "plr"]),
        ("shp", ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"]),
        ("shp", ["-f", "ESRI Shapefile", "-lco", "ENCODING=CP850"]),
        ("shp", ["-f", "ESRI Shapefile", "-lco", "ENCODING=ISO-8859-1"]),
    ])
    func readsWhatGDALWrites(ext: String, flags: [String]) throws {
        let reference = try AreaSet.load(path: Self.neukoelln, options: Self.options)
        let path = try TestPaths.temporaryFolder().appendingPathComponent("plr.\(ext)").path
        try Self.ogr2ogr(flags + [path, Self.neukoelln])
        let set = try AreaSet.load(path: path, options: Self.options)
        #expect(set.crs == .epsg(25833))
        #expect(set.ids == reference.ids)
        #expect(set.areas.map(\.name) == reference.areas.map(\.name))
        #expect(set.areas.map(\.parentIDs) == reference.areas.map(\.parentIDs))
        var worst = 0.0
        for (a, b) in try zipEqual(set.areas, reference.areas) {
            worst = max(worst, abs(try a.geometry.area - b.geometry.area))
        }
        #expect(worst < 1e-6)
        #expect(try set.check().problemCount == 0)
    }
}
