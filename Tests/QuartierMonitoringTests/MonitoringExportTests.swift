import Foundation
import QuartierGeometry
import QuartierTable
import Testing

import Quartier
@testable import QuartierMonitoring

@Suite struct MonitoringExportTests {
    @Test func csvAndGeoJSONCarryTheStoresFigures() throws {
        let fixture = try MonitoringFixture()
        let report = try fixture.run()
        let spec = try MonitoringSpec(path: fixture.specPath)
        let folder = fixture.folder.appendingPathComponent("export").path

        let csvFiles = try MonitoringExport.write(spec: spec, format: .csv, folder: folder)
        #expect(csvFiles.count == 6)
        let table = try Table.read(path: folder + "/indicators_quartier.csv", options: TableOptions(textColumns: ["area_id"]))
        let expected = report.results.indicators.filter { $0.level == "quartier" }
        #expect(table.rowCount == expected.count)
        let numerator = try table.columnIndex("numerator"), value = try table.columnIndex("value")
        for (row, indicator) in expected.sorted(by: { ($0.areaID, $0.year) < ($1.areaID, $1.year) }).enumerated().prefix(50) {
            #expect(table.cells[row][0] == .text(indicator.areaID))
            #expect(try table.number(row: row, column: numerator) == indicator.numerator.map(Double.init))
            #expect(try table.number(row: row, column: value) == indicator.value)
        }

        let geoFiles = try MonitoringExport.write(spec: spec, format: .geojson, folder: folder)
        let collection = try GeoJSON.decodeFeatureCollection(try Data(contentsOf: URL(fileURLWithPath: geoFiles[2])))
        #expect(collection.crs == .crs84)
        #expect(collection.features.count == report.results.counts["stadtteil"]![2021]!.areaIDs.count)
        let first = try #require(collection.features.first)
        let box = try #require(first.geometry?.areal?.boundingBox)
        #expect(box.minX > 5 && box.maxX < 10 && box.minY > 49 && box.maxY < 52) // WGS 84 degrees near the synthetic city

        let xlsx = try MonitoringExport.write(spec: spec, format: .xlsx, folder: folder)
        #expect(xlsx == [folder + "/monitoring.xlsx"])
        #expect(FileManager.default.fileExists(atPath: xlsx[0]))
    }

    @Test func exportWithoutAStoreSaysWhatToRun() throws {
        let fixture = try MonitoringFixture()
        let spec = try MonitoringSpec(path: fixture.specPath)
        let error = #expect(throws: (any Error).self) {
            try MonitoringExport.write(spec: spec, format: .csv, folder: fixture.folder.path)
        }
        #expect("\(error!)".contains("quartier run"))
    }
}
