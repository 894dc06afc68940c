import QuartierBase
import Testing
@testable import QuartierEvaluation

/// `quartier evaluate --synthetic-control AREA`: the synthetic control of one funded Quartier of the
/// planted-effect panel finds the planted fall, and none where none was planted.
@Suite struct SyntheticControlSectionTests {
    /// The mean gap after the start of `indicator` in the section's rows, and the number of post years.
    static func meanPostGap(_ evaluation: Evaluation, indicator: String, area: String, start: Int) throws -> (Double, Int) {
        let section = try #require(evaluation.sections.first)
        let rows = section.csvRows.filter { $0[0] == indicator && $0[1] == area && Int($0[2])! >= start }
        let gaps = rows.map { Double($0[5])! }
        return (gaps.reduce(0, +) / Double(max(gaps.count, 1)), gaps.count)
    }

    /// The funded area with the most post years whose start leaves at least five pre-years.
    static func area(_ evaluation: Evaluation) throws -> (String, Int) {
        let panel = evaluation.panel
        let funded = panel.funded.filter { $0.start - panel.years[0] >= 5 }.min { $0.start < $1.start }
        let chosen = try #require(funded)
        return (panel.areaIDs[chosen.area], chosen.start)
    }

    @Test(arguments: [-3.0, 0.0]) func plantedEffect(effect: Double) throws {
        var evaluation = PlantedEffectTests.evaluation(effect: effect)
        let (area, start) = try Self.area(evaluation)
        try evaluation.addSyntheticControl(area: area)
        let (gap, years) = try Self.meanPostGap(evaluation, indicator: "sgb2_kinder", area: area, start: start)
        #expect(years >= 4)
        #expect(abs(gap - effect) < 1.5, "mean gap \(gap) after \(start) for a planted \(effect)")
        // An indicator with nothing planted: no gap beyond the noise.
        let (other, _) = try Self.meanPostGap(evaluation, indicator: evaluation.panel.indicators[1].id, area: area, start: start)
        #expect(abs(other) < 1.5, "mean gap \(other) where nothing was planted")
        let text = evaluation.text()
        #expect(text.contains("Synthetic control for \(area)") && text.contains("placebo p = "))
    }

    @Test func refusesAnAreaThatIsNotFunded() throws {
        var evaluation = PlantedEffectTests.evaluation(effect: -3)
        let unfunded = try #require(evaluation.panel.areaIDs.indices.first { evaluation.panel.start[$0] == nil })
        #expect(throws: InputError.self) { try evaluation.addSyntheticControl(area: evaluation.panel.areaIDs[unfunded]) }
        #expect(throws: InputError.self) { try evaluation.addSyntheticControl(area: "no-such-area") }
        #expect(evaluation.sections.isEmpty)
    }
}
