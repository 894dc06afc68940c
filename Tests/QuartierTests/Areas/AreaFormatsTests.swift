import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierShapefile
import QuartierTestSupport
import Testing

/// The same areas read from GeoJSON, GeoPackage and Shapefile give the same area set.
@Suite struct AreaFormatsTests {
    static let neukoelln = TestPaths.shared("berlin-mss-2021/lor_planungsraeume_2021_neukoelln_subset_epsg25833.geojson").path
    static let esriUTM33 = #"PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
    static let options = AreaSet.LoadOptions(idColumn: "plr_id", parentColumns: ["bzr_id", "bez_id"])

    static func normalised(_ set: AreaSet) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: set.areas.map { ($0.id, (try? $0.geometry.area) ?? -1) })
    }

    @Test(arguments: [DBFEncoding.utf8, .cp850, .windows1252])
    func shapefileMatchesGeoJSON(encoding: DBFEncoding) throws {
        let reference = try AreaSet.load(path: Self.neukoelln, options: Self.options)
        let path = try TestPaths.temporaryFolder().appendingPathComponent("neukoelln.shp").path
        let fields = [DBFField(name: "plr_id", kind: .text, width: 8), DBFField(name: "plr_name", kind: .text, width: 60),
                      DBFField(name: "bzr_id", kind: .text, width: 6), DBFField(name: "bez_id", kind: .text, width: 2)]
        let writer = try ShapefileWriter(path: path, fields: fields, encoding: encoding, projection: Self.esriUTM33)
        for area in reference.areas {
            let values = fields.map { field in area.properties.first { $0.name == field.name }?.value ?? .null }
            try writer.append(area.geometry, values: values)
        }
        writer.close()
        let set = try AreaSet.load(path: path, options: Self.options)
        #expect(set.crs == .epsg(25833))
        #expect(set.crsSource == ".prj (identified by PROJ)")
        #expect(set.ids == reference.ids)
        #expect(set.areas.map(\.name) == reference.areas.map(\.name))
        #expect(set.areas.map(\.parentIDs) == reference.areas.map(\.parentIDs))
        let a = Self.normalised(set), b = Self.normalised(reference)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.allSatisfy { abs($0.value - b[$0.key]!) < 1e-6 })
        #expect(set.notes.contains { $0.contains(encoding.rawValue) })
    }

    @Test func geoPackageMatchesGeoJSON() throws {
        let reference = try AreaSet.load(path: Self.neukoelln, options: Self.options)
        let path = try TestPaths.temporaryFolder().appendingPathComponent("neukoelln.gpkg").path
        let features = reference.areas.map { Feature(geometry: .multiPolygon($0.geometry), properties: $0.properties) }
        let fields = [GeoPackageField("plr_id", .text), GeoPackageField("plr_name", .text), GeoPackageField("bzr_id", .text),
                      GeoPackageField("bez_id", .text), GeoPackageField("flaeche_qm_amtlich", .real)]
        let writer = try GeoPackageWriter(path: path)
        try writer.writeFeatureTable(name: "plr", crs: .epsg(25833), fields: fields, features: features)
        try writer.writeFeatureTable(name: "copy", crs: .epsg(25833), fields: fields, features: Array(features.prefix(3)))
        try writer.commit()
        let set = try AreaSet.load(path: path, options: AreaSet.LoadOptions(layer: "plr", idColumn: "plr_id", parentColumns: ["bzr_id", "bez_id"]))
        #expect(set.layer == "plr")
        #expect(set.crs == .epsg(25833))
        #expect(set.ids == reference.ids)
        #expect(set.areas.map(\.geometry) == reference.areas.map(\.geometry))
        #expect(set.areas.first?.properties.first { $0.name == "flaeche_qm_amtlich" }?.value == reference.areas.first?.properties.first { $0.name == "flaeche_qm_amtlich" }?.value)
        let report = try set.check()
        #expect(report.problemCount == 0)
    }

    @Test func shapefileWithoutPRJNeedsSourceCRS() throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("noprj.shp").path
        let writer = try ShapefileWriter(path: path, fields: [DBFField(name: "id", kind: .text, width: 4)])
        try writer.append(MultiPolygon([Polygon(exterior: [Point(x: 0, y: 0), Point(x: 0, y: 1), Point(x: 1, y: 1), Point(x: 1, y: 0), Point(x: 0, y: 0)])]), values: [.text("0001")])
        writer.close()
        #expect { try AreaSet.load(path: path) } throws: { error in
            "\(error)".contains("--source-crs") && "\(error)".contains("noprj.shp")
        }
        let set = try AreaSet.load(path: path, options: AreaSet.LoadOptions(sourceCRS: .epsg(25833)))
        #expect(set.ids == ["0001"])
        #expect(set.crs == .epsg(25833))
    }
}
