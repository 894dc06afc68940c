import Foundation
import Quartier
import QuartierAtlas
import QuartierMonitoring
import QuartierTestSupport

/// A synthetic city monitoring run once per test process (80 blocks, 6,000 persons, 2021–2023; blocks
/// published: `min_population = 0`, every other rule at its default), with its published results.
struct AtlasFixture: Sendable {
    var folder: URL
    var spec: MonitoringSpec
    var run: MonitoringRunner.Report
    var published: PublishedResults

    static let shared: Result<AtlasFixture, any Error> = Result {
        let folder = try TestPaths.temporaryFolder()
        let specPath = try SynthMonitoring.generate(areas: 80, persons: 6_000, years: 2021...2023, seed: 3, folder: folder.path)
        try (try String(contentsOfFile: specPath, encoding: .utf8) + "\n[disclosure]\nmin_population = 0\n")
            .write(toFile: specPath, atomically: true, encoding: .utf8)
        let spec = try MonitoringSpec(path: specPath)
        let run = try MonitoringRunner(spec: spec, threads: 1).run()
        let published = try PublishedResults.protect(spec: spec, results: run.results, areas: run.areas, rules: spec.disclosure)
        return AtlasFixture(folder: folder, spec: spec, run: run, published: published)
    }

    static func get() throws -> AtlasFixture { try shared.get() }

    /// The JSON embedded in an atlas page, parsed.
    static func embeddedData(_ html: String) throws -> [String: Any] {
        let open = #"<script type="application/json" id="atlas-data">"#
        guard let start = html.range(of: open), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else {
            throw AtlasTestError("no embedded data")
        }
        let json = String(html[start.upperBound..<end.lowerBound])
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { throw AtlasTestError("data is not an object") }
        return object
    }
}

struct AtlasTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
