import Foundation
import QuartierTestSupport
import Testing
@testable import QuartierEvaluation

/// The estimates equal independent implementations on the same panel
/// (`scripts/reference/evaluation_reference.py`): the 2 × 2 and two-way-FE estimates and their
/// clustered standard errors against statsmodels (WLS, `cov_type="cluster"`), the group-time effects
/// ATT(g, t) and their aggregations against the package `differences` (ATTgt).
@Suite struct EvaluationReferenceTests {
    /// A small staggered panel (120 areas × 9 years; the reference fits the full dummy regression).
    static let options = SyntheticEvaluation.Options(areas: 120, years: 2014...2022, indicators: 1, fundedShare: 0.2, effect: -2, seed: 11)

    struct Reference: Decodable {
        struct Value: Decodable { var estimate: Double; var se: Double }
        struct Cell: Decodable { var group: Int; var year: Int; var estimate: Double; var se: Double }
        struct Event: Decodable { var e: Int; var estimate: Double; var se: Double }
        struct CS: Decodable { var cells: [Cell]; var simple: Value; var event: [Event] }
        var did: Value
        var twfe: Value
        var cs: [String: CS]
    }

    /// Writes the outcome panel, runs the script and decodes its answer.
    static func reference(_ outcome: OutcomePanel, pre: ClosedRange<Int>, post: ClosedRange<Int>) throws -> Reference {
        let folder = try TestPaths.temporaryFolder()
        let csv = folder.appendingPathComponent("panel.csv").path, json = folder.appendingPathComponent("reference.json").path
        let t = outcome.yearCount
        var text = "area,year,y,w,wbar,start\n"
        for area in 0..<outcome.areaCount {
            let wbar = (0..<t).reduce(0.0) { $0 + outcome.w[area * t + $1] } / Double(t)
            let start = outcome.cohort[area].map { outcome.years[$0] } ?? 0
            for j in 0..<t {
                text += "\(outcome.areaIDs[area]),\(outcome.years[j]),\(outcome.y[area * t + j]),\(outcome.w[area * t + j]),\(wbar),\(start)\n"
            }
        }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try ReferenceTool.runScript("evaluation_reference.py", python: ReferenceTool.evaluationVenvPython,
                                        arguments: [csv, "\(pre.lowerBound)", "\(pre.upperBound)", "\(post.lowerBound)", "\(post.upperBound)", json])
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test(.enabled(if: ReferenceTool.runsEvaluationVenv(), "needs .build-evaluation-venv with statsmodels and differences (bash scripts/install-deps.sh)"))
    func equalsStatsmodelsAndDifferences() throws {
        try ReferenceTool.requireEvaluationVenv()
        let panel = SyntheticEvaluation.panel(Self.options)
        let outcome = panel.outcome(0)
        #expect(Set(outcome.cohort.compactMap { $0 }).count == 3, "three start years")
        let reference = try Self.reference(outcome, pre: Self.options.pre, post: Self.options.post)

        let did = try #require(DifferenceInDifferences.estimate(outcome, pre: Self.options.pre, post: Self.options.post))
        #expect(Self.close(did.estimate.value, reference.did.estimate), "2x2: \(did.estimate.value) vs statsmodels \(reference.did.estimate)")
        #expect(Self.close(did.estimate.standardError, reference.did.se), "2x2 SE: \(did.estimate.standardError) vs statsmodels \(reference.did.se)")

        let twfe = try #require(TwoWayFixedEffects.estimate(outcome))
        #expect(Self.close(twfe.value, reference.twfe.estimate), "TWFE: \(twfe.value) vs statsmodels \(reference.twfe.estimate)")
        #expect(Self.close(twfe.standardError, reference.twfe.se), "TWFE SE: \(twfe.standardError) vs statsmodels \(reference.twfe.se)")

        for comparison in GroupTimeEffects.Comparison.allCases {
            let ours = GroupTimeEffects.estimate(outcome, comparison: comparison)
            let theirs = try #require(reference.cs[comparison.rawValue])
            let mine = Dictionary(uniqueKeysWithValues: ours.cells.map { ("\($0.group)/\($0.year)", $0) })
            #expect(mine.count == theirs.cells.count, "\(comparison): \(mine.count) cells vs \(theirs.cells.count)")
            for cell in theirs.cells {
                let own = try #require(mine["\(cell.group)/\(cell.year)"], "\(comparison): no ATT(\(cell.group), \(cell.year))")
                #expect(Self.close(own.estimate.value, cell.estimate), "\(comparison) ATT(\(cell.group),\(cell.year)): \(own.estimate.value) vs \(cell.estimate)")
                #expect(Self.close(own.estimate.standardError, cell.se), "\(comparison) SE(\(cell.group),\(cell.year)): \(own.estimate.standardError) vs \(cell.se)")
            }
            let overall = try #require(ours.overall)
            #expect(Self.close(overall.estimate.value, theirs.simple.estimate), "\(comparison) simple: \(overall.estimate.value) vs \(theirs.simple.estimate)")
            #expect(Self.close(overall.estimate.standardError, theirs.simple.se), "\(comparison) simple SE: \(overall.estimate.standardError) vs \(theirs.simple.se)")
            let events = Dictionary(uniqueKeysWithValues: ours.eventStudy.map { ($0.eventTime!, $0.estimate) })
            #expect(events.count == theirs.event.count)
            for event in theirs.event {
                let own = try #require(events[event.e])
                #expect(Self.close(own.value, event.estimate), "\(comparison) e=\(event.e): \(own.value) vs \(event.estimate)")
                #expect(Self.close(own.standardError, event.se), "\(comparison) e=\(event.e) SE: \(own.standardError) vs \(event.se)")
            }
        }
    }
}
