import ArgumentParser
import Foundation
import Quartier
import QuartierMonitoring

/// `quartier export`: tables from a monitoring's store for spreadsheets and web maps.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a monitoring's published results as CSV, XLSX or GeoJSON.",
        discussion: """
          Brings the monitoring up to date (incrementally, as `quartier run`), then applies the spec's
          [disclosure] rules through the publication gate (primary and secondary suppression across the
          hierarchy and years) before anything is written. `--internal` writes the unprotected figures
          instead, marked INTERNAL in every file; it is never the default.
          """)

    @Argument(help: "The monitoring spec (TOML).") var spec: String
    @Option(help: "csv, xlsx or geojson.") var format: String = "csv"
    @Option(help: "Output folder (default: 'export' beside the store; 'export-internal' with --internal).") var out: String?
    @Flag(help: "Write the unprotected figures (not for publication; every file says so).") var `internal` = false
    @Flag(help: "Replace existing files of the export's names that Quartier did not write (never an input).") var force = false
    @OptionGroup var storeOption: StoreOption

    func validate() throws {
        guard MonitoringExport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be one of csv, xlsx, geojson, not '\(format)'")
        }
    }

    func run() async throws {
        var monitoring = try MonitoringSpec(path: spec)
        let store = try storeOption.backend(for: &monitoring)
        // Beside the store; beside the spec for a store in a database.
        let folder = out ?? URL(fileURLWithPath: !(store is GeoPackageStore) ? monitoring.document.path : monitoring.storePath)
            .deletingLastPathComponent()
            .appendingPathComponent(`internal` ? "export-internal" : "export").path
        var runner = MonitoringRunner(spec: monitoring, log: { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        })
        runner.store = store
        let run = try runner.run()
        let published = `internal`
            ? PublishedResults.unprotected(spec: monitoring, results: run.results, areas: run.areas)
            : try PublishedResults.protect(spec: monitoring, results: run.results, areas: run.areas, rules: monitoring.disclosure)
        let files = try MonitoringExport.write(spec: monitoring, published: published,
                                               format: MonitoringExport.Format(rawValue: format)!, folder: folder, force: force,
                                               store: store, rankUncertainty: run.results.rankUncertainty)
        for file in files { print(file) }
    }
}
