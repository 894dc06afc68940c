import Foundation
import QuartierAccess
import QuartierBase
import QuartierGeometry
import QuartierTestSupport
import Testing

/// Offers from a point layer (GeoPackage/GeoJSON features): the same offers as from the CSV, and the
/// same refusals, naming the feature instead of the line.
@Suite struct OfferFeatureTests {
    static func feature(_ id: String, _ capacity: PropertyValue, _ target: PropertyValue = .text("age < 6"), geometry: Geometry? = .point(Point(x: 10, y: 20)),
                        extra: [Property] = []) -> Feature {
        Feature(geometry: geometry, properties: [Property("id", .text(id)), Property("name", .text("Kita \(id)")), Property("type", .text("kita")),
                                                 Property("capacity", capacity), Property("target_group", target)] + extra)
    }

    @Test func featuresEqualCSVLines() throws {
        let path = try InputReadingTests.write("id,name,type,capacity,target_group,opened,closed,x,y,catchment\nk1,Kita k1,kita,30,age < 6,2020,2024,10,20,\nk2,Kita k2,kita,12.5,age < 6,,,30,40,300\n", "offers.csv")
        let csv = try Offer.read(path: path)
        let features = [
            Self.feature("k1", .integer(30), extra: [Property("opened", .integer(2020)), Property("closed", .integer(2024))]),
            Self.feature("k2", .text("12.5"), geometry: .point(Point(x: 30, y: 40)), extra: [Property("catchment", .number(300)), Property("opened", .null)]),
        ]
        let layer = try Offer.read(features: features, file: "offers.geojson")
        try #require(layer.count == csv.count)
        for (a, b) in try zipEqual(layer, csv) {
            var a = a
            #expect(a.source == "offers.geojson feature \(a.id == "k1" ? 1 : 2)")
            a.source = b.source
            #expect(a == b)
        }
    }

    @Test(arguments: [
        ([feature("k1", .integer(30)), feature("k2", .null)], "offers.gpkg feature 2 field \"capacity\": found no capacity for offer \"k2\""),
        ([feature("k1", .integer(30)), feature("k2", .integer(5), .text(" "))], "offers.gpkg feature 2 field \"target_group\": found no target group for offer \"k2\""),
        ([feature("k1", .integer(30)), feature("k1", .integer(5))], "offers.gpkg feature 2 field \"id\": found the id \"k1\" again (first on feature 1)"),
        ([feature("k1", .integer(30), geometry: .lineString([Point(x: 0, y: 0), Point(x: 1, y: 1)]))], "offers.gpkg feature 1: found a LineString, expected a Point"),
        ([feature("k1", .integer(30), geometry: nil)], "offers.gpkg feature 1 field \"x\": found no coordinates for offer \"k1\""),
        ([feature("k1", .text("viele"))], "offers.gpkg feature 1 field \"capacity\": found \"viele\", expected a number"),
        ([feature("k1", .integer(-1))], "offers.gpkg feature 1 field \"capacity\": found -1.0, expected a capacity >= 0"),
        ([feature("k1", .integer(3), .text("age <"))], "offers.gpkg feature 1 field \"target_group\""),
    ])
    func badFeaturesRefused(features: [Feature], message: String) throws {
        #expect {
            _ = try Offer.read(features: features, file: "offers.gpkg")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func defaultsApplyToFeatures() throws {
        var columns = OfferColumns()
        columns.defaultCapacity = 7
        columns.defaultTargetGroup = "age < 3"
        let offers = try Offer.read(features: [Self.feature("k1", .null, .null)], file: "offers.gpkg", columns: columns)
        #expect(offers.map(\.capacity) == [7] && offers.map(\.targetGroup) == ["age < 3"])
    }
}
