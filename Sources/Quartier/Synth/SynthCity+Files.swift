import Foundation
import QuartierBase
import QuartierGeometry

extension SynthCity {
    /// Writes `city_areas.gpkg` (layer `polys`: `poly_id`, `name`, `quartier_id`, `stadtteil_id`,
    /// MultiPolygon; the layout of gen_city.py's `city_*_polys.gpkg` plus the hierarchy), so the
    /// peers of shared/peers read it unchanged.
    public func writeAreas(to path: String) throws {
        let writer = try GeoPackageWriter(path: path, lastChange: Date(timeIntervalSince1970: 1_767_225_600)) // fixed: same bytes
        let features = areas.map { area in
            Feature(geometry: .multiPolygon(area.geometry), properties: [
                Property("poly_id", .integer(Int64(area.id))), Property("name", .text(area.name)),
                Property("quartier_id", .integer(Int64(area.quartierID))), Property("stadtteil_id", .integer(Int64(area.stadtteilID))),
            ])
        }
        try writer.writeFeatureTable(name: "polys", crs: crs, geometryType: "MULTIPOLYGON",
                                     fields: [GeoPackageField("poly_id", .integer), GeoPackageField("name", .text),
                                              GeoPackageField("quartier_id", .integer), GeoPackageField("stadtteil_id", .integer)],
                                     features: features)
        try writer.commit()
    }

    /// Generates a whole city into `folder`: `city_areas.gpkg`, `city_persons.csv`, `city_meta.json`.
    /// - Returns: the meta data written to `city_meta.json`.
    @discardableResult
    public static func generate(areas areaCount: Int, persons: Int, seed: UInt64, folder: String) throws -> [String: Int] {
        let city = SynthCity(areaCount: areaCount, seed: seed)
        let base = URL(fileURLWithPath: folder)
        try city.writeAreas(to: base.appendingPathComponent("city_areas.gpkg").path)
        let people = try city.writePersons(count: persons, seed: seed, to: base.appendingPathComponent("city_persons.csv").path)
        let meta: [String: Int] = [
            "seed": Int(truncatingIfNeeded: seed), "areas": city.areas.count, "persons": people.persons, "households": people.households,
            "addresses": people.addresses, "addresses_uniform_in_bbox": people.addressesUniformInBox,
            "addresses_on_a_vertex": people.addressesOnVertex, "persons_on_a_vertex": people.personsOnVertex, "sgb2_total": people.sgb2Total,
            "holes": city.holes, "exclaves": city.exclaves, "river_multipolygons": city.riverMultiPolygons,
            "quartiere": Set(city.areas.map(\.quartierID)).count, "stadtteile": Set(city.areas.map(\.stadtteilID)).count,
            "vertices_total": city.areas.reduce(0) { $0 + $1.geometry.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } } },
            "crs_epsg": city.crs.epsgCode ?? 0,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(meta) + Data("\n".utf8), to: base.appendingPathComponent("city_meta.json").path)
        return meta
    }
}
