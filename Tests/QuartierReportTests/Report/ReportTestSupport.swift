import Foundation
@testable import QuartierReport

/// Helpers to look into rendered reports.
enum Rendered {
    /// The `<svg …>…</svg>` element with `id`, or nil.
    static func svg(_ html: String, id: String) -> String? {
        guard let start = html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" id=\"\(id)\"") else { return nil }
        guard let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Every map SVG of the document.
    static func maps(_ html: String) -> [String] {
        var result: [String] = []
        var search = html.startIndex..<html.endIndex
        while let start = html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"", range: search),
              let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) {
            result.append(String(html[start.lowerBound..<end.upperBound]))
            search = end.upperBound..<html.endIndex
        }
        return result
    }

    /// `(data-id, data-class)` of every area path of an SVG map.
    static func pathClasses(_ svg: String) -> [(id: String, cls: String)] {
        let pattern = try! NSRegularExpression(pattern: "<path data-id=\"([^\"]*)\" data-class=\"([^\"]*)\"")
        let text = svg as NSString
        return pattern.matches(in: svg, range: NSRange(location: 0, length: text.length)).map {
            (text.substring(with: $0.range(at: 1)), text.substring(with: $0.range(at: 2)))
        }
    }

    /// `(data-class, data-count)` of the legend entries.
    static func legendCounts(_ svg: String) -> [(cls: String, count: Int)] {
        let pattern = try! NSRegularExpression(pattern: "<g class=\"legend-item\" data-class=\"([^\"]*)\" data-count=\"([0-9]+)\"")
        let text = svg as NSString
        return pattern.matches(in: svg, range: NSRange(location: 0, length: text.length)).map {
            (text.substring(with: $0.range(at: 1)), Int(text.substring(with: $0.range(at: 2)))!)
        }
    }
}
