import QuartierTestSupport
import Foundation
import Quartier
import QuartierAtlas
import QuartierMethods
import QuartierMonitoring
import QuartierReport
import Testing

@Suite struct AtlasBuilderTests {
    static let hostile = #"<img src=x onerror=alert(1)></script><!-- & "Ü" \#u{2028}"#

    /// A hostile area name reaches the page only inside the JSON, escaped so that it cannot end the
    /// script element or open markup, and the JSON gives back exactly the name.
    @Test func hostileNameIsDataNotMarkup() throws {
        let fixture = try AtlasFixture.get()
        var published = fixture.published
        let level = fixture.spec.lowestLevel.id
        let id = try #require(fixture.run.areas[level]?.areas.map(\.id).min())
        published.names[level, default: [:]][id] = Self.hostile
        let html = try AtlasBuilder.html(AtlasData.monitoring(spec: fixture.spec, areas: fixture.run.areas, published: published))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<!--"))
        #expect(html.components(separatedBy: "</script>").count == 3)   // the data element and the script only
        #expect(!html.contains("\u{2028}"))
        let data = try AtlasFixture.embeddedData(html)
        let levels = try #require(data["levels"] as? [[String: Any]])
        let names = try #require(levels.first?["names"] as? [String])
        #expect(names.contains(Self.hostile))
    }

    @Test(arguments: ["<", ">", "&", "\u{2028}", "\u{2029}", "</script>"])
    func scriptSafeJSONEscapes(text: String) throws {
        let json = String(decoding: try JSONEncoder().encode([text]), as: UTF8.self)
        let safe = AtlasBuilder.scriptSafeJSON(json)
        #expect(!safe.contains(text))
        #expect(try JSONDecoder().decode([String].self, from: Data(safe.utf8)) == [text])
    }

    /// The policy admits exactly the inline script and style by hash and nothing from outside; the
    /// only URL in the file is the SVG namespace.
    @Test func contentSecurityPolicyAndNoNetwork() throws {
        let fixture = try AtlasFixture.get()
        let html = try AtlasBuilder.html(AtlasData.monitoring(spec: fixture.spec, areas: fixture.run.areas, published: fixture.published))
        let policy = try #require(html.firstMatch(of: /content="(default-src 'none'[^"]*)"/)?.1)
        #expect(policy.contains("script-src '\(AtlasBuilder.hashSource(try #require(Self.element("script", in: html))))'"))
        #expect(policy.contains("style-src '\(AtlasBuilder.hashSource(try #require(Self.element("style", in: html))))'"))
        #expect(!policy.contains("unsafe"))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: #"https?:|ftp:|//[a-z]"#, options: .regularExpression) == nil)
        #expect(html.range(of: #"\ssrc="#, options: .regularExpression) == nil)
        #expect(html.range(of: #"\shref="#, options: .regularExpression) == nil)
    }

    /// The content of the last `<tag>` element without attributes.
    static func element(_ tag: String, in html: String) -> String? {
        guard let open = html.range(of: "<\(tag)>", options: .backwards),
              let close = html.range(of: "</\(tag)>", range: open.upperBound..<html.endIndex) else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }

    @Test func sameInputSameBytes() throws {
        let fixture = try AtlasFixture.get()
        let a = try AtlasBuilder.html(AtlasData.monitoring(spec: fixture.spec, areas: fixture.run.areas, published: fixture.published))
        let b = try AtlasBuilder.html(AtlasData.monitoring(spec: fixture.spec, areas: fixture.run.areas, published: fixture.published))
        #expect(a == b)
    }

    /// The classes embedded for an indicator are QuartierMethods' classification of the published values.
    @Test func classesAreTheMethodsClassification() throws {
        let fixture = try AtlasFixture.get()
        let data = AtlasData.monitoring(spec: fixture.spec, areas: fixture.run.areas, published: fixture.published)
        let indicator = try #require(data.indicators.first { $0.kind == "rate" })
        let level = fixture.spec.lowestLevel.id
        let year = try #require(fixture.spec.years.last)
        let series = try #require(indicator.series[level]?[String(year)])
        let values = series.values.compactMap(\.number)
        try #require(values.count > 20)
        for (key, method) in [("quantiles", ClassificationMethod.quantiles(k: 5)), ("jenks", .fisherJenks(k: 5))] {
            let expected = try Classification.classify(values, method: method)
            let set = try #require(series.classes[key])
            #expect(set.bins == expected.bins)
            #expect(set.of.filter { $0 >= 0 } == expected.classOfValue)
            #expect(set.counts == expected.counts)
        }
        // Suppressed cells carry no number and no class.
        for (cell, c) in try zipEqual(series.values, try #require(series.classes["quantiles"]).of) where cell.number == nil { #expect(c == -1) }
    }
}
