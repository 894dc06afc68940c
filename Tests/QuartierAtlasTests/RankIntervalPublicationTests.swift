import Foundation
import Quartier
import QuartierAtlas
import QuartierMonitoring
import QuartierReport
import QuartierTable
import QuartierTestSupport
import Testing

/// The simulated rank intervals of the index in the report and the exports: the values are the store's
/// (`index_rank_uncertainty`), and an area whose index the gate suppresses gets no interval anywhere.
@Suite struct RankIntervalPublicationTests {
    /// The report's ranking (HTML "rank 3 (1–9)" and ranking.csv) and the export's index table carry, for
    /// every area with a published index, the interval the store holds, and nothing for the others.
    @Test func reportAndExportCarryTheStoresIntervals() throws {
        let fixture = try AtlasFixture.get()
        let stored = try #require(try GeoPackageStore(path: fixture.spec.storePath).rankUncertainty())
        try #require(!stored.isEmpty)
        #expect(Set(stored) == Set(fixture.run.results.rankUncertainty))
        let byID = Dictionary(stored.map { ($0.areaID, $0) }, uniquingKeysWith: { first, _ in first })
        let published = Set(fixture.published.index.filter { $0.statusIndex != nil && $0.rank != nil }.map(\.areaID))
        try #require(published.count > 10)

        // The report: ranking.csv and the ranking table.
        let model = ReportModel.monitoring(spec: fixture.spec, run: fixture.run, published: fixture.published, language: .en)
        let document = ReportBuilder(model: model).build()
        let ranking = try #require(document.tables.first { $0.fileName == "ranking.csv" })
        func column(_ name: String) throws -> Int { try #require(ranking.header.firstIndex(of: name)) }
        let (id, low, high, p, draws, seed) = (try column("id"), try column("rank_low"), try column("rank_high"),
                                                try column("p_most_deprived_class"), try column("rank_draws"), try column("rank_seed"))
        var checked = 0
        for row in ranking.rows {
            guard case .text(let area) = row[id] else { Issue.record("id is not text"); continue }
            if published.contains(area), let s = byID[area] {
                #expect(row[low] == .integer(Int64(s.lower)) && row[high] == .integer(Int64(s.upper)), "\(area)")
                #expect(row[p] == .number(s.probabilityTopClass) && row[draws] == .integer(Int64(s.draws)) && row[seed] == .text(String(s.seed)))
                #expect(document.html.contains("<td class=\"n nw\">\(s.rank) (\(s.lower)–\(s.upper))</td><td>\(area)</td>"), "\(area)")
                checked += 1
            } else {
                #expect(row[low] == .absent(marker: "") && row[p] == .absent(marker: ""), "\(area) has an interval without a published index")
            }
        }
        #expect(checked == published.count)
        #expect(document.html.contains("\(stored[0].draws) times (binomial at the observed rate, seed \(stored[0].seed))"))

        // The export's index table.
        let folder = try TestPaths.temporaryFolder().path
        _ = try MonitoringExport.write(spec: fixture.spec, published: fixture.published, format: .csv, folder: folder,
                                       rankUncertainty: fixture.run.results.rankUncertainty)
        let level = try #require(fixture.spec.index?.level)
        let table = try Table.read(path: folder + "/index_\(level).csv", options: TableOptions(textColumns: ["area_id", "name", "rank_seed"]))
        let (tid, tlow, thigh, tp, tunsure) = (try table.columnIndex("area_id"), try table.columnIndex("rank_low"), try table.columnIndex("rank_high"),
                                               try table.columnIndex("p_most_deprived_class"), try table.columnIndex("rank_uncertain"))
        var exported = 0
        for row in 0..<table.rowCount {
            guard case .text(let area) = table.cells[row][tid] else { Issue.record("area_id is not text"); continue }
            if published.contains(area), let s = byID[area] {
                #expect(try table.number(row: row, column: tlow) == Double(s.lower) && table.number(row: row, column: thigh) == Double(s.upper))
                #expect(try table.number(row: row, column: tp) == s.probabilityTopClass)
                #expect(try table.number(row: row, column: tunsure) == (s.isUncertain ? 1 : 0))
                exported += 1
            } else {
                #expect(try table.number(row: row, column: tlow) == nil, "\(area) has an interval without a published index")
            }
        }
        #expect(exported == published.count)
    }

    /// An area whose index the gate suppresses (a planted small count in one of its status rows) gets no
    /// interval in the atlas, the report (HTML and CSV) or the export: its planted interval bounds appear
    /// nowhere, a published control's planted bounds do, and the outputs of the unprotected view show
    /// the secret (the search can find it).
    @Test func suppressedIndexGetsNoInterval() throws {
        let fixture = try AtlasFixture.get()
        let spec = fixture.spec, method = try #require(spec.index)
        var run = fixture.run
        let year = try #require(run.results.index.first?.year)
        let ranked = fixture.published.index.filter { $0.statusIndex != nil && $0.rank != nil }.map(\.areaID)
        try #require(ranked.count > 2)
        let secretArea = ranked[1], controlArea = ranked[0]
        // Plant 2 of 7,919 in the secret area's first status row: the gate suppresses it, so its index.
        let row = try #require(run.results.indicators.firstIndex {
            $0.level == method.level && $0.areaID == secretArea && $0.year == year && $0.indicator == method.status[0]
        })
        run.results.indicators[row].numerator = 2
        run.results.indicators[row].denominator = 7919
        run.results.indicators[row].value = 2.0 / 7919 * 100
        // Planted interval bounds no real rank can have.
        let secret = 987_654_321, control = 876_543_210
        for k in run.results.rankUncertainty.indices {
            switch run.results.rankUncertainty[k].areaID {
            case secretArea: run.results.rankUncertainty[k].lower = secret; run.results.rankUncertainty[k].upper = secret + 1
            case controlArea: run.results.rankUncertainty[k].lower = control; run.results.rankUncertainty[k].upper = control + 1
            default: break
            }
        }
        let published = try PublishedResults.protect(spec: spec, results: run.results, areas: run.areas, rules: spec.disclosure)
        try #require(published.index.first { $0.areaID == secretArea }?.statusIndex == nil)
        try #require(published.index.first { $0.areaID == controlArea }?.statusIndex != nil)

        func outputs(_ view: PublishedResults) throws -> [(String, String)] {
            var texts: [(String, String)] = []
            texts.append(("atlas", try AtlasBuilder.html(AtlasData.monitoring(spec: spec, areas: run.areas, published: view,
                                                                              rankUncertainty: run.results.rankUncertainty))))
            for language in ReportLanguage.allCases {
                let document = ReportBuilder(model: ReportModel.monitoring(spec: spec, run: run, published: view, language: language)).build()
                texts.append(("report \(language)", document.html))
                let writer = CSVWriter(style: language == .de ? .german : .international)
                for table in document.tables { texts.append(("\(table.fileName) \(language)", writer.text(header: table.header, rows: table.rows))) }
            }
            let folder = try TestPaths.temporaryFolder().path
            for file in try MonitoringExport.write(spec: spec, published: view, format: .csv, folder: folder, rankUncertainty: run.results.rankUncertainty) {
                texts.append((URL(fileURLWithPath: file).lastPathComponent, try String(contentsOfFile: file, encoding: .utf8)))
            }
            return texts
        }
        func forms(_ n: Int) -> [String] {
            let plain = String(n)
            return [plain, NumberStyle(.de).integer(n), NumberStyle(.en).integer(n)]
        }
        let texts = try outputs(published)
        #expect(texts.count >= 5)
        for name in ["atlas", "report de", "report en", "ranking.csv de", "index_\(method.level).csv"] {
            let text = try #require(texts.first { $0.0 == name }?.1, "no output \(name)")
            #expect(forms(control).contains { text.contains($0) }, "the control's interval is missing from \(name)")
        }
        for (name, text) in texts {
            for form in forms(secret) { #expect(!text.contains(form), "the suppressed area's interval \(form) is in \(name)") }
        }
        // The defect put back: the unprotected view publishes the index, and with it the secret interval.
        let leaky = try outputs(PublishedResults.unprotected(spec: spec, results: run.results, areas: run.areas))
        for name in ["atlas", "report de", "index_\(method.level).csv"] {
            let text = try #require(leaky.first { $0.0 == name }?.1)
            #expect(forms(secret).contains { text.contains($0) }, "the search must find the secret in \(name) where it is published")
        }
    }
}
