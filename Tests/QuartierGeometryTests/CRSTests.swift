import QuartierGeometry
import Testing

@Suite struct CRSTests {
    @Test(arguments: [
        ("urn:ogc:def:crs:EPSG::25833", "EPSG:25833"),
        ("urn:ogc:def:crs:EPSG:9.9:25832", "EPSG:25832"),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84"),
        ("epsg:4326", "EPSG:4326"),
        (" EPSG:3035 ", "EPSG:3035"),
    ])
    func normalisesNames(input: String, expected: String) {
        #expect(CRS(input).definition == expected)
    }

    @Test func epsgCode() {
        #expect(CRS("urn:ogc:def:crs:EPSG::25833").epsgCode == 25833)
        #expect(CRS.crs84.epsgCode == nil)
    }
}
