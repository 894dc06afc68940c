import ArgumentParser
import Foundation
import Quartier
import QuartierMonitoring

/// `quartier export`: tables from a monitoring's store for spreadsheets and web maps.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a monitoring's results as CSV, XLSX or GeoJSON (run `quartier run SPEC` first).")

    @Argument(help: "The monitoring spec (TOML).") var spec: String
    @Option(help: "csv, xlsx or geojson.") var format: String = "csv"
    @Option(help: "Output folder (default: 'export' beside the store).") var out: String?

    func validate() throws {
        guard MonitoringExport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be one of csv, xlsx, geojson, not '\(format)'")
        }
    }

    func run() async throws {
        let monitoring = try MonitoringSpec(path: spec)
        let folder = out ?? URL(fileURLWithPath: monitoring.storePath).deletingLastPathComponent().appendingPathComponent("export").path
        let files = try MonitoringExport.write(spec: monitoring, format: MonitoringExport.Format(rawValue: format)!, folder: folder)
        for file in files { print(file) }
    }
}
