import Testing
@testable import QuartierEvaluation

/// Results are estimates, intervals and area ids: no area's count appears, not even in the statement
/// on small denominators (a count of 1–2 is what the publication gate holds back).
@Suite struct SmallCountTests {
    @Test func smallDenominatorsSaidWithoutTheCount() throws {
        var panel = SyntheticEvaluation.panel(SyntheticEvaluation.Options(areas: 200, years: 2012...2021, indicators: 1, seed: 5))
        let funded = try #require(panel.funded.first)
        let t = panel.years.count
        var numerator = panel.indicators[0].numerator, denominator = panel.indicators[0].denominator
        // A distinctive small count: 2 of 47 in one funded area-year.
        numerator[funded.area * t + 3] = 2
        denominator[funded.area * t + 3] = 47
        panel.indicators[0] = EvaluationPanel.Indicator(id: "sgb2_kinder", scale: 100, numerator: numerator, denominator: denominator)
        let options = SyntheticEvaluation.Options(areas: 200, years: 2012...2021, indicators: 1, seed: 5)
        let evaluation = Evaluation(panel: panel, options: Evaluation.Options(pre: options.pre, post: options.post, caliper: 8))
        let statement = try #require(evaluation.statements.first { $0.hasPrefix("sgb2_kinder: small denominators") })
        #expect(statement.contains("1 of \(panel.funded.count * t) funded area-years rest on fewer than 50 people"))
        // The statements are the only place that speaks of denominators: neither count is named there,
        // nor is the area's rate anywhere in the output.
        let statements = evaluation.statements.joined(separator: "\n")
        #expect(!statements.contains("47") && !statements.contains(" 2,") && !statements.contains("smallest"), "\(statement)")
        #expect(!evaluation.text().contains("4.255"), "the planted rate 2/47 appears in the output")
    }
}
