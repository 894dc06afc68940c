import ArgumentParser
import Foundation
import Quartier
import QuartierAtlas
import QuartierBase
import QuartierMonitoring

/// `quartier atlas`: the interactive atlas, one self-contained HTML file, from a monitoring spec (brought
/// up to date first, incrementally) through the publication gate; or a demo: `--demo berlin-mss-2021`
/// (the official MSS 2021 files' monitoring spec) or `--demo synthetic` (a generated city monitoring).
struct AtlasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "Write the interactive atlas: one offline HTML file (map, table, chart, comparison) of the published results.",
        discussion: """
          quartier atlas Data/demo/monitoring.toml --out out/atlas
          quartier atlas --demo berlin-mss-2021 --out out/atlas-berlin
          quartier atlas --demo synthetic --areas 1000 --out out/atlas-demo
        Only what the publication gate lets through enters the file (the spec's [disclosure] rules).
        """
    )

    enum Demo: String, ExpressibleByArgument, CaseIterable {
        case berlinMSS2021 = "berlin-mss-2021"
        case synthetic
    }

    @Argument(help: "A monitoring spec (TOML).")
    var spec: String?

    @Option(help: "Demo source: berlin-mss-2021 or synthetic.")
    var demo: Demo?

    @Option(help: "Folder of the Berlin MSS 2021 monitoring (for --demo berlin-mss-2021).")
    var data: String = "Data/berlin-mss-2021"

    @Option(help: "Synthetic demo: number of blocks.")
    var areas: Int = 1000

    @Option(help: "Synthetic demo: persons per year.")
    var persons: Int?

    @Option(help: "Language the atlas opens in: de or en (both are embedded).")
    var lang: String = "de"

    @Option(help: "Grid steps per axis of the stored geometry (TopoJSON quantisation).")
    var quantization: Int = 10_000

    @Flag(help: "Replace an atlas.html Quartier did not write (never an input).")
    var force = false

    @Option(help: "Output folder (atlas.html).")
    var out: String

    func validate() throws {
        if (spec == nil) == (demo == nil) { throw ValidationError("give a monitoring spec, or --demo berlin-mss-2021 or --demo synthetic") }
        if lang != "de" && lang != "en" { throw ValidationError("--lang must be de or en, found \(lang)") }
        if areas < 60 { throw ValidationError("--areas must be at least 60 (the disclosure gate needs them), found \(areas)") }
        if quantization < 2 { throw ValidationError("--quantization must be at least 2, found \(quantization)") }
    }

    func run() async throws {
        var specPath = spec ?? ""
        switch demo {
        case .berlinMSS2021: specPath = URL(fileURLWithPath: data).appendingPathComponent("monitoring.toml").path
        case .synthetic:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quartier-atlas-demo-\(areas)-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            specPath = try SynthMonitoring.generate(areas: areas, persons: persons ?? areas * 100, years: 2019...2023, seed: 42, folder: folder.path)
        case nil: break
        }
        let monitoring = try MonitoringSpec(path: specPath)
        let run = try MonitoringRunner(spec: monitoring, log: { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }).run()
        let published = try PublishedResults.protect(spec: monitoring, results: run.results, areas: run.areas, rules: monitoring.disclosure)
        let start = Date()
        let data = AtlasData.monitoring(spec: monitoring, areas: run.areas, published: published, language: lang, quantization: quantization,
                                       rankUncertainty: run.results.rankUncertainty)
        let html = try AtlasBuilder.html(data)
        let path = try AtlasWriter.write(html, to: out, inputs: monitoring.inputFiles + [monitoring.storePath], force: force)
        let seconds = Date().timeIntervalSince(start)
        print("\(path)\t\(html.utf8.count) bytes")
        print(String(format: "built in %.3f s; %d arcs, %d areas on %d levels", seconds, data.topology.arcs.count,
                     data.levels.reduce(0) { $0 + $1.ids.count }, data.levels.count))
    }
}
