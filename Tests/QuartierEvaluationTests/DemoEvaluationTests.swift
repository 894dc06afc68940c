import Foundation
import QuartierBase
import QuartierTestSupport
import Testing
@testable import QuartierEvaluation

/// The shipped demo end to end: the monitoring (Data/demo) brought up to date on a copy, the funded
/// Quartiere from its project register, every estimator run, the outputs written.
@Suite(.serialized) struct DemoEvaluationTests {
    /// A copy of the demo; `editRegister` rewrites projekte.toml.
    static func demo(_ editRegister: (String) -> String = { $0 }) throws -> String {
        let folder = try TestPaths.temporaryFolder()
        for name in ["monitoring.toml", "evaluation.toml", "city_areas.gpkg", "einwohner.csv", "hauskoordinaten.csv", "ba_sgb2_bloecke.csv",
                     "schueler_uebergaenge.csv", "schuleingang.csv", "projekte.toml", "teilnehmende.csv"] {
            try FileManager.default.copyItem(at: TestPaths.data.appendingPathComponent("demo/\(name)"), to: folder.appendingPathComponent(name))
        }
        let register = folder.appendingPathComponent("projekte.toml").path
        try editRegister(try String(contentsOfFile: register, encoding: .utf8)).write(toFile: register, atomically: true, encoding: .utf8)
        return folder.appendingPathComponent("evaluation.toml").path
    }

    @Test func demoFromTheProjectRegister() throws {
        let path = try Self.demo()
        let spec = try EvaluationSpec(path: path)
        let (panel, warnings) = try EvaluationPanel.load(spec)
        // From the register: Quartier 6 and the Quartiere of Stadtteil 1 from 2019, Quartier 1 from 2020, Quartier 12 from 2021.
        let starts = Dictionary(uniqueKeysWithValues: panel.funded.map { (panel.areaIDs[$0.area], $0.start) })
        #expect(starts["6"] == 2019)
        #expect(starts["1"] == 2019)   // also served through Stadtteil 1 from 2019 (earliest phase wins)
        #expect(starts["12"] == 2021)
        #expect(starts.count == 8)
        #expect(warnings.contains { $0.contains("start outside the 2 × 2 windows") })
        let evaluation = Evaluation(panel: panel, options: Evaluation.Options(pre: spec.pre, post: spec.post, methods: spec.methods,
                                                                              caliper: spec.caliper, tolerance: spec.tolerance), warnings: warnings)
        #expect(evaluation.results.map(\.indicator) == ["uebergang_gymnasium", "uebergewicht", "sprachfoerderung"])
        #expect(evaluation.results.allSatisfy { $0.did?.estimate.treatedAreas == 1 })
        #expect(evaluation.statements.contains { $0.contains("rests on 1 funded area") })
        let out = try TestPaths.temporaryFolder().path
        #expect(try evaluation.write(folder: out).count == 4)
    }

    @Test func registerStartOutsideTheMonitoringYears() throws {
        let path = try Self.demo { $0.replacingOccurrences(of: "start = 2021", with: "start = 2016") }
        let spec = try EvaluationSpec(path: path)
        let error = try #require(throws: InputError.self) { try EvaluationPanel.load(spec) }
        #expect(error.location.file.hasSuffix("projekte.toml"))
        #expect(error.location.field == "projects[1].start")
        #expect(error.description.contains("2016, outside the monitoring's years 2019–2023"))
    }
}
