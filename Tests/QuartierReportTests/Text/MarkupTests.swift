import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import QuartierReport
import QuartierTestSupport
import QuartierTable

@Suite struct MarkupTests {
    static let hostile = #"<script>alert(1)</script> & "Ü""#

    @Test(arguments: [
        ("plain", "plain"),
        (#"<script>alert(1)</script> & "Ü""#, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ü&quot;"),
        ("O'Brien", "O&#39;Brien"),
        ("a\u{0}b\u{7}c", "abc"),
        ("", ""),
    ])
    func escape(input: String, expected: String) {
        #expect(Markup.escape(input) == expected)
    }

    /// Collects the text of every `<title>` element of an SVG parsed as XML.
    final class TitleCollector: NSObject, XMLParserDelegate {
        var titles: [String] = []
        var current: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "title" { current = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title", let current { titles.append(current) }
            if name == "title" { current = nil }
        }
    }

    @Test func hostileNameIsTextInHTMLSVGAndCSV() throws {
        let model = SyntheticCity.model(areas: 30, names: [0: Self.hostile, 7: Self.hostile + " 2"])
        let document = ReportBuilder(model: model).build()
        let html = document.html
        // No script element and the raw name nowhere; the escaped name present in HTML text.
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(!html.contains(Self.hostile))
        #expect(html.contains(Markup.escape(Self.hostile)))
        // Every map is well-formed XML and its tooltips read back as the original text.
        let maps = Rendered.maps(html)
        #expect(maps.count == 1 + 1 + model.indicators.count)
        for svg in maps {
            let collector = TitleCollector()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = collector
            #expect(parser.parse(), "SVG not well-formed: \(String(describing: parser.parserError))")
            #expect(collector.titles.contains { $0.hasPrefix(Self.hostile + " (") })
        }
        // CSV: the name reads back unchanged through the table reader.
        let folder = try TestPaths.temporaryFolder()
        _ = try ReportWriter.write(document, to: folder.path, language: .en)
        let table = try Table.read(path: folder.appendingPathComponent("ranking.csv").path, options: TableOptions(textColumns: ["id", "name"]))
        let names = try (0..<table.rowCount).compactMap { table.text(row: $0, column: try table.columnIndex("name")) }
        #expect(names.contains(Self.hostile))
    }
}
