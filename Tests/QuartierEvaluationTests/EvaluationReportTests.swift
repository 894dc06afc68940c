import Foundation
import Testing
@testable import QuartierEvaluation
import QuartierEvaluationReport

/// The evaluation's HTML section: every estimate as in the results, text from data escaped, no script.
@Suite struct EvaluationReportTests {
    @Test func estimatesShownAndTextEscaped() throws {
        var options = PlantedEffectTests.options
        options.indicators = 2
        var panel = SyntheticEvaluation.panel(options)
        let hostile = "<img src=x onerror=alert(1)>&"
        panel.indicators[1].id = hostile
        var evaluation = Evaluation(panel: panel, options: Evaluation.Options(pre: options.pre, post: options.post, caliper: 8, tolerance: 2))
        let funded = try #require(panel.funded.first { $0.start - panel.years[0] >= 5 })
        try evaluation.addSyntheticControl(area: panel.areaIDs[funded.area])
        let html = EvaluationReport.html(evaluation, title: "Stadt <b>X</b>")

        #expect(!html.contains(hostile) && !html.contains("<img") && !html.contains("<b>X"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("Content-Security-Policy"))
        // Each indicator's 2 × 2 estimate and interval, as the results hold them.
        #expect(evaluation.results.count == 2)
        for result in evaluation.results {
            let did = try #require(result.did?.estimate)
            #expect(html.contains("<td>\(String(format: "%.3f", did.value))</td><td>\(String(format: "%.3f", did.low)) – \(String(format: "%.3f", did.high))</td>"),
                    "\(result.indicator)")
        }
        #expect(html.contains("Synthetic control for"))
        #expect(html.contains("What the results can and cannot show"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2) // one event study per indicator
    }
}
