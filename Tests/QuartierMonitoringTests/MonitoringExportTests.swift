import Foundation
import QuartierGeometry
import QuartierTable
import Testing

import Quartier
@testable import QuartierMonitoring

@Suite struct MonitoringExportTests {
    /// The internal export carries the run's figures unchanged, and says in every file that it is internal.
    @Test func internalExportCarriesTheRunsFiguresAndSaysSo() throws {
        let fixture = try MonitoringFixture()
        let report = try fixture.run()
        let spec = try MonitoringSpec(path: fixture.specPath)
        let folder = fixture.folder.appendingPathComponent("export").path
        let internalView = PublishedResults.unprotected(spec: spec, results: report.results, areas: report.areas)

        let csvFiles = try MonitoringExport.write(spec: spec, published: internalView, format: .csv, folder: folder)
        #expect(csvFiles.count == 7)
        let table = try Table.read(path: folder + "/indicators_quartier.csv", options: TableOptions(textColumns: ["area_id"]))
        let expected = report.results.indicators.filter { $0.level == "quartier" }
        #expect(table.rowCount == expected.count)
        let numerator = try table.columnIndex("numerator"), value = try table.columnIndex("value")
        let publication = try table.columnIndex("publication")
        let sorted = expected.sorted(by: { ($0.areaID, $0.year) < ($1.areaID, $1.year) })
        try #require(sorted.count == table.rowCount)
        for (row, indicator) in sorted.enumerated() {
            #expect(table.cells[row][publication] == .text("INTERNAL: not protected, not for publication."))
            #expect(table.cells[row][0] == .text(indicator.areaID))
            #expect(try table.number(row: row, column: numerator) == indicator.numerator.map(Double.init))
            #expect(try table.number(row: row, column: value) == indicator.value)
        }

        let geoFiles = try MonitoringExport.write(spec: spec, published: internalView, format: .geojson, folder: folder)
        let collection = try GeoJSON.decodeFeatureCollection(try Data(contentsOf: URL(fileURLWithPath: geoFiles[2])))
        #expect(collection.crs == .crs84)
        #expect(collection.features.count == report.results.counts["stadtteil"]![2021]!.areaIDs.count)
        let first = try #require(collection.features.first)
        let box = try #require(first.geometry?.areal?.boundingBox)
        #expect(box.minX > 5 && box.maxX < 10 && box.minY > 49 && box.maxY < 52) // WGS 84 degrees near the synthetic city

        #expect(collection.features.allSatisfy { feature in
            feature.properties.contains { $0.name == "publication" && $0.value == .text(internalView.footnote(german: true) + "\n" + internalView.footnote(german: false)) }
        })

        let xlsx = try MonitoringExport.write(spec: spec, published: internalView, format: .xlsx, folder: folder)
        #expect(xlsx == [folder + "/monitoring.xlsx", folder + "/footnote.txt"])
        #expect(FileManager.default.fileExists(atPath: xlsx[0]))
        #expect(try String(contentsOfFile: xlsx[1], encoding: .utf8).contains("INTERNAL"))
    }

    /// The published export holds, for every row the gate suppressed, the marker and never a number; and a
    /// derived level's areas carry a name.
    @Test func publishedExportHoldsOnlyTheGatesFigures() throws {
        let fixture = try MonitoringFixture()
        let report = try fixture.run()
        let spec = try MonitoringSpec(path: fixture.specPath)
        let published = try PublishedResults.protect(spec: spec, results: report.results, areas: report.areas, rules: PublicationRules())
        let folder = fixture.folder.appendingPathComponent("export").path
        _ = try MonitoringExport.write(spec: spec, published: published, format: .csv, folder: folder)
        let table = try Table.read(path: folder + "/indicators_quartier.csv", options: TableOptions(textColumns: ["area_id", "name"]))
        let rows = published.indicators.filter { $0.value.level == "quartier" }.sorted { ($0.value.areaID, $0.value.year) < ($1.value.areaID, $1.value.year) }
        try #require(rows.count == table.rowCount)
        #expect(rows.contains { $0.suppressed != nil })
        let value = try table.columnIndex("value"), suppressed = try table.columnIndex("suppressed"), name = try table.columnIndex("name")
        for (k, row) in rows.enumerated() {
            if let rule = row.suppressed {
                #expect(table.cells[k][value].number == nil)
                #expect(table.cells[k][suppressed] == .text(rule.rawValue))
            }
            guard case .text(let text) = table.cells[k][name] else { Issue.record("no name in row \(k)"); continue }
            #expect(!text.isEmpty)
        }
    }
}
