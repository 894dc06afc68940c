import QuartierGeometry
import QuartierMethods
import Testing

/// Queen and rook neighbours against libpysal 4.14.1 (`Queen`/`Rook.from_dataframe`), read from the GAL files
/// that `python3 scripts/reference/spatial_reference.py` wrote with libpysal's neighbours.
@Suite struct ContiguityReferenceTests {
    static let cases: [(data: String, idProperty: String, gal: String, rule: ContiguityRule)] = [
        ("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson", "plr_id", "berlin2021_queen.gal", .queen),
        ("berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson", "plr_id", "berlin2021_rook.gal", .rook),
        ("uk-imd-2019/lsoa11_manchester_wgs84_simplified.geojson", "lsoa11_code", "manchester_queen.gal", .queen),
        ("uk-imd-2019/lsoa11_manchester_wgs84_simplified.geojson", "lsoa11_code", "manchester_rook.gal", .rook),
    ]

    @Test(arguments: 0..<cases.count)
    func sameNeighboursAsLibpysal(_ index: Int) throws {
        let c = Self.cases[index]
        let (ids, polygons) = try ReferenceFixtures.polygons(c.data, idProperty: c.idProperty)
        let ours = try SpatialWeights.contiguity(polygons, ids: ids, rule: c.rule)
        let theirs = try ReferenceFixtures.gal(c.gal)
        #expect(ours.ids == theirs.ids)
        var differing = 0
        for i in ours.ids.indices where ours.neighbours[i] != theirs.neighbours[i] {
            differing += 1
            Issue.record("\(c.gal) \(ours.ids[i]): \(ours.neighbours[i].map { ours.ids[$0] }) vs \(theirs.neighbours[i].map { theirs.ids[$0] })")
        }
        #expect(differing == 0)
        #expect(ours.islands == theirs.islands)
        #expect(ours.isSymmetric)
    }

    @Test func galRoundTrip() throws {
        let theirs = try ReferenceFixtures.gal("manchester_rook.gal")
        let again = try SpatialWeights(galText: theirs.galText(shapefile: "lsoa.shp", idVariable: "lsoa11_code"))
        #expect(again == theirs)
    }

    @Test func galErrorsNameTheLine() {
        #expect { try SpatialWeights(galText: "2\na 1\nb\nb 1\nc\n", source: "x.gal") } throws: { error in
            (error as? SpatialError)?.message.contains("neighbour c of b") == true
        }
        #expect { try SpatialWeights(galText: "2\na 2\nb\nb 1\na\n", source: "x.gal") } throws: { error in
            (error as? SpatialError)?.message.contains("x.gal:3") == true
        }
    }
}
