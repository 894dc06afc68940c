import QuartierGeometry
import Testing

@Suite struct GeoJSONTests {
    @Test(arguments: Shapes.all)
    func geometryRoundTrip(geometry: Geometry) throws {
        let collection = FeatureCollection(crs: .crs84, features: [Feature(geometry: geometry)])
        let decoded = try GeoJSON.decodeFeatureCollection(GeoJSON.encode(collection))
        #expect(decoded.features.first?.geometry == geometry)
    }

    @Test func propertiesKeepTypesAndOrder() throws {
        let text = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "a1", "properties": {"plr_id": "01100101", "ew": 3645, "share": 12.5,
            "exp": 1e3, "ok": true, "none": null, "nested": {"b": [1, 2]}, "name": "Stülerstraße \\"x\\" \\u00e9\\ud83d\\ude00"},
           "geometry": {"type": "Point", "coordinates": [13.4, 52.5, 34.0]}}
        ]}
        """
        let collection = try GeoJSON.decodeFeatureCollection(Array(text.utf8))
        let feature = try #require(collection.features.first)
        #expect(feature.properties.map(\.name) == ["plr_id", "ew", "share", "exp", "ok", "none", "nested", "name"])
        #expect(feature["plr_id"] == .text("01100101"))
        #expect(feature["ew"] == .integer(3645))
        #expect(feature["share"] == .number(12.5))
        #expect(feature["exp"] == .number(1000))
        #expect(feature["ok"] == .bool(true))
        #expect(feature["none"] == .null)
        #expect(feature["nested"] == .json("{\"b\":[1,2]}"))
        #expect(feature["name"] == .text("Stülerstraße \"x\" é😀"))
        #expect(feature.id == .text("a1"))
        #expect(feature.geometry == .point(Point(x: 13.4, y: 52.5)))
        #expect(collection.crs == .crs84)
        // Written and read again: the same feature.
        let again = try GeoJSON.decodeFeatureCollection(GeoJSON.encode(collection))
        #expect(again.features == collection.features)
    }

    @Test(arguments: [
        (#""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},"#, CRS.epsg(25833)),
        (#""crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},"#, CRS.crs84),
        (#""crs": {"type": "EPSG", "properties": {"code": 25832}},"#, CRS.epsg(25832)),
        ("", CRS.crs84),
    ])
    func readsCRS(member: String, expected: CRS) throws {
        let text = #"{"type": "FeatureCollection", "# + member + #" "features": []}"#
        let collection = try GeoJSON.decodeFeatureCollection(Array(text.utf8))
        #expect(collection.crs == expected)
        #expect(collection.crsIsDeclared == !member.isEmpty)
    }

    @Test(arguments: [CRS.epsg(25833), CRS.crs84])
    func writesCRS(crs: CRS) throws {
        let bytes = GeoJSON.encode(FeatureCollection(crs: crs, features: []))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"crs\"") == (crs != .crs84))
        #expect(try GeoJSON.decodeFeatureCollection(bytes).crs == crs)
    }

    @Test func nullGeometryAndSingleFeature() throws {
        let text = #"{"type": "Feature", "properties": null, "geometry": null}"#
        let collection = try GeoJSON.decodeFeatureCollection(Array(text.utf8))
        #expect(collection.features == [Feature(geometry: nil)])
    }

    @Test(arguments: [
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,0]]]}}]}"#, "feature 0", "at least 4 positions"),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}, {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],["a",0],[1,1],[0,0]]]}}]}"#, "feature 1", "position"),
        (#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Circle", "coordinates": []}}]}"#, "feature 0", "Circle"),
        (#"{"type": "FeatureCollection", "features": [ {"type": "Feature""#, "JSON", "ends"),
        (#"{"type": "FeatureCollection"}"#, "features", "no \"features\""),
        (#"[1, 2]"#, "GeoJSON", "must be an object"),
    ])
    func rejectsBadInput(text: String, fragment1: String, fragment2: String) {
        #expect { try GeoJSON.decodeFeatureCollection(Array(text.utf8)) } throws: { error in
            "\(error)".contains(fragment1) && "\(error)".contains(fragment2)
        }
    }

    @Test(arguments: [0.1, 1e-7, 387737.256, 5818804.359, 13.3458341, -0.0, 1e300])
    func numbersRoundTrip(value: Double) throws {
        let text = JSONValue.number(value).serialized
        #expect(try JSONValue.parse(Array(text.utf8)).doubleValue == value)
    }
}
