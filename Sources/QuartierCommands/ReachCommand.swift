import ArgumentParser
import Foundation
import QuartierMonitoring
import QuartierReach
import QuartierReachReport

/// `quartier reach`: target-group reach of a programme's projects (Zielgruppenerreichung).
struct ReachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Coverage, focusing, reach by need and white spots of funded projects, through the publication gate.",
        discussion: """
          Reads the monitoring SPEC (brought up to date as by `quartier run`), its project register
          ([reach] projects = "…", or --projects) and the participant lists (the register's
          `participants`, or --participants). Every participant record is accounted for on stderr.
          Writes into OUT: export/ (indicators per level: CSV, XLSX, GeoJSON), projekte.csv,
          bedarf.csv, weisse_flecken.csv, footnote.txt, bericht/reichweite.html (programme overview and a
          page per project) — all through the spec's [disclosure] rules —
          and internal/ (the accounting; not for publication).
          """)

    @Argument(help: "The monitoring spec (TOML).") var spec: String
    @Option(help: "The project register (TOML); default: the spec's [reach] projects.") var projects: String?
    @Option(help: "A participants file (CSV); repeatable; default: the register's participants.") var participants: [String] = []
    @Option(help: "Output folder (default: 'reach' beside the store).") var out: String?
    @Option(help: "Export formats, comma-separated: csv, xlsx, geojson.") var format: String = "csv,xlsx,geojson"
    @Flag(help: "Replace existing files of the outputs' names that Quartier did not write (never an input).") var force = false

    func validate() throws {
        for name in format.split(separator: ",") where MonitoringExport.Format(rawValue: String(name)) == nil {
            throw ValidationError("--format takes csv, xlsx, geojson, not '\(name)'")
        }
    }

    func run() async throws {
        let monitoring = try MonitoringSpec(path: spec)
        let folder = out ?? URL(fileURLWithPath: monitoring.storePath).deletingLastPathComponent().appendingPathComponent("reach").path
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let analysis = try ReachAnalysis(spec: monitoring, registerPath: projects, participantFiles: participants, folder: folder,
                                         force: force, log: log)
        let published = try ReachPublication.protect(analysis)
        var files = try ReachPublication.write(analysis, published: published, folder: folder,
                                               formats: format.split(separator: ",").map { MonitoringExport.Format(rawValue: String($0))! }, force: force)
        files.append(try ReachReport.write(analysis, PublishedReach(analysis, published: published),
                                           folder: URL(fileURLWithPath: folder).appendingPathComponent("bericht").path, force: force))
        print(try String(contentsOfFile: files.first { $0.hasSuffix("projekte.csv") }!, encoding: .utf8), terminator: "")
        for file in files { FileHandle.standardError.write(Data("wrote \(file)\n".utf8)) }
    }
}
