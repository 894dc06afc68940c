import Foundation
import Quartier
import QuartierAtlas
import QuartierMethods
import QuartierMonitoring
import Testing

@Suite struct AtlasDisclosureTests {
    /// Distinctive values planted in a block's row, suppressed by the publication gate, must appear
    /// nowhere in the atlas; a control row planted the same way but published must be found (the search
    /// works), and the atlas built from the unprotected results must show the secret (the defect put
    /// back: reading unpublished figures is caught by this test).
    @Test func suppressedValuesAppearNowhere() throws {
        let fixture = try AtlasFixture.get()
        let spec = fixture.spec, run = fixture.run
        let indicator = spec.indicators[0].id
        let latest = try #require(spec.years.last)
        let candidates = run.results.indicators.indices.filter {
            let v = run.results.indicators[$0]
            return v.level == spec.lowestLevel.id && v.year == latest && v.indicator == indicator
        }
        let control = try #require(candidates.first { fixture.published.indicators[$0].suppressed == nil })
        let secret = try #require(candidates.first { $0 != control })
        var results = run.results
        func plant(_ row: Int, _ x: Int64, _ n: Int64) {
            let interval = WilsonInterval.interval(successes: Double(x), trials: Double(n))
            results.indicators[row].numerator = x
            results.indicators[row].denominator = n
            results.indicators[row].value = Double(x) / Double(n) * 100
            results.indicators[row].low = interval.lower * 100
            results.indicators[row].high = interval.upper * 100
        }
        plant(secret, 2, 7919)
        plant(control, 4001, 7907)
        let published = try PublishedResults.protect(spec: spec, results: results, areas: run.areas, rules: spec.disclosure)
        try #require(published.indicators[secret].suppressed == .smallCount)
        try #require(published.indicators[control].suppressed == nil)
        let s = try #require(results.indicators[secret].value), c = try #require(results.indicators[control].value)
        // JSON writes the shortest round-trip form, as Swift's description does; the atlas stores values
        // rounded (`AtlasData.stored`): both forms are searched.
        let stored = AtlasData.stored(s, decimals: 1)
        let secrets = [String(s), String(s).replacingOccurrences(of: "e-", with: "e-0"),
                       String(stored), String(stored).replacingOccurrences(of: "e-", with: "e-0")]
        let html = try AtlasBuilder.html(AtlasData.monitoring(spec: spec, areas: run.areas, published: published))
        #expect(html.contains(String(AtlasData.stored(c, decimals: 1))), "the control value must be found")
        for text in secrets { #expect(!html.contains(text), "suppressed value \(text) found in the atlas") }

        // The defect put back: an atlas of the unprotected results shows the secret.
        let unprotected = PublishedResults.unprotected(spec: spec, results: results, areas: run.areas)
        let leaky = try AtlasBuilder.html(AtlasData.monitoring(spec: spec, areas: run.areas, published: unprotected))
        #expect(leaky.contains(String(stored)), "the search must find the secret where it is not suppressed")
    }
}
