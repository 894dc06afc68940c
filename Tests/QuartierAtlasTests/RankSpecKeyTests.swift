import Foundation
import Quartier
import QuartierAtlas
import QuartierBase
import QuartierMonitoring
import QuartierReport
import QuartierTestSupport
import Testing

/// `[index] rank_draws`, `rank_seed`, `rank_level`: checked at load (one error naming the spec's line),
/// used by the run, stored with every interval and said in the atlas's and the report's notes.
@Suite struct RankSpecKeyTests {
    /// A synthetic monitoring spec (80 blocks, 6,000 persons, 2021–2023, blocks published) with `lines`
    /// added to its `[index]` table; returns the path and the line number of each added line.
    static func spec(adding lines: [String]) throws -> (path: String, lines: [Int]) {
        let folder = try TestPaths.temporaryFolder()
        let path = try SynthMonitoring.generate(areas: 80, persons: 6_000, years: 2021...2023, seed: 3, folder: folder.path)
        var text = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(text.firstIndex(of: "[index]"))
        text.insert(contentsOf: lines, at: index + 1)
        try (text.joined(separator: "\n") + "\n[disclosure]\nmin_population = 0\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, lines.indices.map { index + 2 + $0 })
    }

    @Test(arguments: [
        ("rank_draws = 0", "rank_draws", "from 1 to 100000"),
        ("rank_draws = -5", "rank_draws", "from 1 to 100000"),
        ("rank_draws = \"many\"", "rank_draws", "an integer"),
        ("rank_draws = 2.5", "rank_draws", "an integer"),
        ("rank_seed = -1", "rank_seed", "0 or more"),
        ("rank_seed = \"abc\"", "rank_seed", "an integer"),
        ("rank_level = 0", "rank_level", "between 0 and 1"),
        ("rank_level = 90", "rank_level", "between 0 and 1"),
        ("rank_level = \"90 %\"", "rank_level", "a number"),
    ])
    func badValuesNameTheLine(line: String, key: String, expected: String) throws {
        let (path, lines) = try Self.spec(adding: ["# the rank simulation", line])
        let error = try #require(throws: InputError.self) { try MonitoringSpec(path: path) }
        #expect(error.location.file == path)
        #expect(error.location.line == lines[1], "\(error)")
        #expect(error.description.contains(key) && error.description.contains(expected), "\(error)")
    }

    /// Another number of draws, seed and coverage than the defaults: the run's intervals, the store's
    /// table, the atlas's data and notes and the report's note all carry them.
    @Test func theSpecsDrawsSeedAndLevelReachStoreAtlasAndReport() throws {
        let (path, _) = try Self.spec(adding: ["rank_draws = 37", "rank_seed = 5", "rank_level = 0.8"])
        let spec = try MonitoringSpec(path: path)
        let method = try #require(spec.index)
        #expect(method.rankDraws == 37 && method.rankSeed == 5 && method.rankLevel == 0.8)
        #expect(37 != IndexRankUncertainty.defaultDraws && 5 != IndexRankUncertainty.defaultSeed && 0.8 != IndexRankUncertainty.defaultLevel)
        let run = try MonitoringRunner(spec: spec, threads: 1).run()
        let stored = try #require(try GeoPackageStore(path: spec.storePath).rankUncertainty())
        try #require(!stored.isEmpty)
        #expect(stored.allSatisfy { $0.draws == 37 && $0.seed == 5 && $0.level == 0.8 })
        #expect(Set(stored) == Set(run.results.rankUncertainty))
        // The same run with the defaults draws other intervals (the key is used, not only stored).
        let defaults = try IndexRankUncertainty.simulate(spec: spec, results: run.results, draws: IndexRankUncertainty.defaultDraws,
                                                         seed: IndexRankUncertainty.defaultSeed, level: IndexRankUncertainty.defaultLevel)
        #expect(defaults.map { [$0.lower, $0.upper] } != stored.map { [$0.lower, $0.upper] })

        let published = try PublishedResults.protect(spec: spec, results: run.results, areas: run.areas, rules: spec.disclosure)
        let html = try AtlasBuilder.html(AtlasData.monitoring(spec: spec, areas: run.areas, published: published,
                                                              rankUncertainty: run.results.rankUncertainty))
        let data = try AtlasFixture.embeddedData(html)
        #expect(data["rankDraws"] as? Int == 37 && data["rankSeed"] as? String == "5" && data["rankLevel"] as? Double == 0.8)
        let report = ReportBuilder(model: ReportModel.monitoring(spec: spec, run: run, published: published, language: .en)).build()
        #expect(report.html.contains("drawn again 37 times (binomial at the observed rate, seed 5)"))
        #expect(report.html.contains("central 80 % interval"))
        #expect(report.html.contains("central 80 % interval of the ranks from 37 simulated draws of the counts (seed 5)"))
    }
}
