import Foundation
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

/// A masked cell of a publisher's block table stays masked, with its reason, in its block, its
/// Quartier and its Stadtteil — never a sum of the known cells (a silent undercount).
@Suite struct MaskedRollupTests {
    @Test func aPlantedMaskStaysMaskedUpTheHierarchy() throws {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 40, seed: 21)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        _ = try city.writePersons(count: 4_000, seed: 21, to: folder.appendingPathComponent("persons.csv").path)
        let planted = city.areas[7]
        var table = "Block;Kinder_SGB2\n"
        for area in city.areas { table += "\(area.id);\(area.id == planted.id ? "*" : String(5 + area.id % 4))\n" }
        try table.write(to: folder.appendingPathComponent("ba.csv"), atomically: true, encoding: .utf8)
        let spec = """
            [monitoring]
            name = "Maskenstadt"
            crs = "EPSG:25832"
            store = "out/m.gpkg"

            [levels.block]
            file = "city_areas.gpkg"
            id = "poly_id"
            parent = "quartier"
            parent_column = "quartier_id"

            [levels.quartier]
            parent = "stadtteil"
            parent_column = "stadtteil_id"

            [levels.stadtteil]

            [[sources]]
            name = "register"
            year = 2022
            persons = "persons.csv"

            [[sources]]
            name = "ba"
            year = 2022
            table = "ba.csv"
            level = "block"
            id = "Block"

            [[indicators]]
            id = "kinderarmut"
            numerator = { source = "ba", column = "Kinder_SGB2" }
            denominator = { source = "register", filter = "age < 15" }
            """
        let path = folder.appendingPathComponent("monitoring.toml").path
        try spec.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try MonitoringRunner(spec: MonitoringSpec(path: path), threads: 1).run()

        let chain = [("block", String(planted.id)), ("quartier", String(planted.quartierID)), ("stadtteil", String(planted.stadtteilID))]
        for (level, id) in chain {
            let counts = try #require(report.results.counts[level]?[2022])
            let column = try #require(counts.column("ba/column:Kinder_SGB2"))
            let row = try #require(counts.areaIDs.firstIndex(of: id))
            let reason = try #require(counts.mask(row: row, column: column), "\(level) \(id) not masked")
            #expect(reason.contains("(*)"), "\(reason)")
            // Every other area of the level is known.
            #expect(counts.areaIDs.indices.filter { counts.mask(row: $0, column: column) != nil } == [row])
            let value = try #require(report.results.indicators.first { $0.level == level && $0.areaID == id })
            #expect(value.value == nil && value.numerator == nil)
            #expect(value.masked?.contains("(*)") == true)
            #expect(value.denominator != nil)
        }
        // The unmasked areas have rates (BA count over the register's children).
        #expect(report.results.indicators.filter { $0.masked == nil }.allSatisfy { $0.numerator != nil })
        #expect(report.results.indicators.filter { $0.masked != nil }.count == 3)
    }
}
