import ArgumentParser
import Foundation
import Quartier
import QuartierMonitoring
import QuartierBase
import QuartierReport

/// `quartier report`: the HTML report with its CSV tables, from a monitoring spec (the monitoring is
/// brought up to date first, incrementally), or from a demo source: `--demo berlin-mss-2021` (the
/// official MSS 2021 files) or `--demo synthetic` (a generated city of `--areas` areas).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report: one self-contained HTML file (inline CSS and SVG) plus its CSV tables.",
        discussion: """
          quartier report Data/demo/monitoring.toml --out out/report
          quartier report --demo berlin-mss-2021 --data ../shared/data/berlin-mss-2021 --out out/berlin
          quartier report --demo synthetic --areas 1000 --lang en --out out/demo
        With a spec, the monitoring is recomputed where its inputs changed (as `quartier run`) and the \
        spec's [disclosure] rules are applied before anything is written.
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

    @Option(help: "Folder of the official MSS 2021 files (for --demo berlin-mss-2021).")
    var data: String = "../shared/data/berlin-mss-2021"

    @Option(help: "Number of areas of the synthetic city.")
    var areas: Int = 1000

    @Option(help: "Synthetic only: rename area number N (1-based), as N=NAME; repeatable (to check escaping).")
    var rename: [String] = []

    @Option(help: "Language: de or en.")
    var lang: String = "de"

    @Option(help: "Profiles: all, none, or class ids such as 3,4.")
    var profiles: String = "all"

    @Flag(help: "Replace existing files of the report's names that Quartier did not write (never an input).")
    var force = false

    @Option(help: "Output folder (report.html and CSV tables).")
    var out: String

    @OptionGroup var storeOption: StoreOption

    func validate() throws {
        if (spec == nil) == (demo == nil) { throw ValidationError("give a monitoring spec, or --demo berlin-mss-2021 or --demo synthetic") }
        if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be de or en, found \(lang)") }
        if areas < 1 { throw ValidationError("--areas must be at least 1, found \(areas)") }
        _ = try profileSelection()
        _ = try renames()
    }

    func renames() throws -> [Int: String] {
        var names: [Int: String] = [:]
        for item in rename {
            guard let equals = item.firstIndex(of: "="), let number = Int(item[..<equals]), number >= 1 else {
                throw ValidationError("--rename must be N=NAME with N ≥ 1, found \(item)")
            }
            names[number - 1] = String(item[item.index(after: equals)...])
        }
        return names
    }

    func profileSelection() throws -> ProfileSelection {
        switch profiles {
        case "all": return .all
        case "none": return ProfileSelection.none
        default:
            let ids = profiles.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !ids.isEmpty, ids.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--profiles must be all, none or class ids like 3,4; found \(profiles)")
            }
            return .classes(Set(ids.compactMap { $0 }))
        }
    }

    func run() async throws {
        let language = ReportLanguage(rawValue: lang) ?? .de
        let model: ReportModel
        var inputs: [String] = []
        switch demo {
        case .berlinMSS2021: model = try BerlinMSS2021.model(folder: data, language: language)
        case .synthetic: model = SyntheticCity.model(areas: areas, language: language, names: try renames())
        case nil:
            var monitoring = try MonitoringSpec(path: spec!)
            let store = try storeOption.backend(for: &monitoring)
            inputs = monitoring.inputFiles + (store is GeoPackageStore ? [monitoring.storePath] : [])
            var runner = MonitoringRunner(spec: monitoring, log: { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            })
            runner.store = store
            let run = try runner.run()
            let published = try PublishedResults.protect(spec: monitoring, results: run.results, areas: run.areas,
                                                         rules: monitoring.disclosure)
            model = ReportModel.monitoring(spec: monitoring, run: run, published: published, language: language)
        }
        let start = Date()
        let document = ReportBuilder(model: model, profiles: try profileSelection()).build()
        let paths = try ReportWriter.write(document, to: out, language: language, inputs: inputs, force: force)
        let seconds = Date().timeIntervalSince(start)
        for path in paths {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print("\(path)\t\(size) bytes")
        }
        print(String(format: "rendered in %.3f s; display vertices %d -> %d", seconds, document.verticesBefore, document.verticesAfter))
    }
}
