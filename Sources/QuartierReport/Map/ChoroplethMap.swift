import Foundation

/// An SVG class map (choropleth) of the level-0 areas: class fills, hatching for areas without a valid
/// value, a legend with class bounds and counts, area labels where they fit, scale bar and north arrow.
///
/// Cartographic conventions follow the official social reports it imitates (Berlin MSS 2021 maps,
/// Hamburg Sozialmonitoring, English IMD 2019 atlases): classed sequential fills, no-data hatched and
/// explained in the legend, right-closed class intervals written in the report's locale.
public struct ChoroplethMap: Sendable {
    public var geometry: MapGeometry
    public var language: ReportLanguage

    public init(geometry: MapGeometry, language: ReportLanguage) {
        self.geometry = geometry
        self.language = language
    }

    static let margin = 16.0
    static let legendWidth = 260.0
    static let fontSize = 9.0

    /// The SVG element for `classification`; `id` must be unique in the document (it names the hatch pattern).
    /// - Parameters:
    ///   - boundsDecimals: decimals of the class bounds in the legend.
    ///   - valueFormat: formats an area's value for its tooltip.
    public func svg(id: String, title: String, classification: ReportClassification, boundsDecimals: Int,
                    valueFormat: (Double) -> String) -> String {
        let strings = ReportStrings(language)
        let numbers = NumberStyle(language)
        let m = Self.margin
        let mapWidth = geometry.width, mapHeight = geometry.height
        let classCount = classification.classes.count
        let legendHeight = 40 + Double(classCount + 1) * 34 + 110
        let width = mapWidth + 2 * m + Self.legendWidth
        let height = max(mapHeight + 2 * m, legendHeight)
        let safeID = Markup.escape(id)
        let hatch = "hatch-\(safeID)"
        var counts: [Int: Int] = [:]
        var noValue = 0
        var out = ""
        out.reserveCapacity(geometry.paths.reduce(0) { $0 + $1.utf8.count + 80 } + 4096)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" id=\"\(safeID)\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-labelledby=\"\(safeID)-t\">"
        out += "<title id=\"\(safeID)-t\">\(Markup.escape(title))</title>"
        out += "<defs><pattern id=\"\(hatch)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        out += "<rect width=\"5\" height=\"5\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#8c8c8c\" stroke-width=\"1.6\"/></pattern></defs>"
        out += "<g transform=\"translate(\(Self.number(m)) \(Self.number(m)))\">"
        out += "<g stroke=\"#c4c4c4\" stroke-width=\"0.35\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">"
        for index in geometry.ids.indices where !geometry.paths[index].isEmpty {
            let areaID = geometry.ids[index]
            let entry = classification.entry(areaID)
            var tooltip = geometry.names[index] + " (" + areaID + ")"
            let fill: String
            let classText: String
            if let classID = entry.classID, let definition = classification.classDefinition(classID) {
                counts[classID, default: 0] += 1
                fill = classification.colour(of: classID)
                classText = String(classID)
                tooltip += ": " + definition.label
                if let value = entry.value.number { tooltip += ", " + valueFormat(value) }
            } else {
                noValue += 1
                fill = "url(#\(hatch))"
                classText = ""
                tooltip += ": " + strings["noValue"]
            }
            out += "<path data-id=\"\(Markup.escape(areaID))\" data-class=\"\(classText)\" fill=\"\(fill)\" d=\"\(geometry.paths[index])\"><title>\(Markup.escape(tooltip))</title></path>"
        }
        out += "</g>"
        out += labels(classification: classification)
        out += "</g>"
        // Legend.
        let lx = mapWidth + 2 * m
        out += "<g class=\"legend\" transform=\"translate(\(Self.number(lx)) \(Self.number(m)))\" font-size=\"11\">"
        out += "<text x=\"0\" y=\"10\" font-weight=\"bold\">\(Markup.escape(classification.label))</text>"
        out += "<text x=\"0\" y=\"26\" fill=\"#555555\">\(Markup.escape(strings["legendBounds"])) · \(Markup.escape(strings["count"]))</text>"
        var y = 38.0
        for definition in classification.classes.reversed() {
            let count = counts[definition.id] ?? 0
            out += "<g class=\"legend-item\" data-class=\"\(definition.id)\" data-count=\"\(count)\" transform=\"translate(0 \(Self.number(y)))\">"
            out += "<rect width=\"22\" height=\"16\" fill=\"\(classification.colour(of: definition.id))\" stroke=\"#666666\" stroke-width=\"0.5\"/>"
            out += "<text x=\"30\" y=\"12\">\(Markup.escape(definition.label))</text>"
            out += "<text x=\"30\" y=\"26\" fill=\"#555555\" font-size=\"10\">\(Markup.escape(numbers.bounds(definition, decimals: boundsDecimals))) · n = \(numbers.integer(count))</text></g>"
            y += 34
        }
        out += "<g class=\"legend-item\" data-class=\"\" data-count=\"\(noValue)\" transform=\"translate(0 \(Self.number(y)))\">"
        out += "<rect width=\"22\" height=\"16\" fill=\"url(#\(hatch))\" stroke=\"#666666\" stroke-width=\"0.5\"/>"
        out += "<text x=\"30\" y=\"12\">\(Markup.escape(strings["legendNoData"]))</text>"
        out += "<text x=\"30\" y=\"26\" fill=\"#555555\" font-size=\"10\">n = \(numbers.integer(noValue))</text></g>"
        // North arrow and scale bar below the legend, outside the map so they never cover an area.
        out += "<g transform=\"translate(0 \(Self.number(y + 48)))\">" + northArrow() + "</g>"
        out += "<g transform=\"translate(40 \(Self.number(y + 78)))\">" + scaleBar(numbers: numbers) + "</g>"
        out += "</g></svg>"
        return out
    }

    func labels(classification: ReportClassification) -> String {
        var out = "<g font-size=\"\(Self.number(Self.fontSize))\" text-anchor=\"middle\" font-family=\"sans-serif\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"2\" stroke-opacity=\"0.8\" fill=\"#1a1a1a\" pointer-events=\"none\">"
        for index in geometry.ids.indices {
            guard let label = geometry.labels[index] else { continue }
            let name = geometry.names[index]
            let textWidth = Double(name.count) * Self.fontSize * 0.55
            guard label.room >= textWidth + 4, label.height >= Self.fontSize * 2 else { continue }
            out += "<text x=\"\(Self.number(label.x))\" y=\"\(Self.number(label.y + Self.fontSize * 0.35))\">\(Markup.escape(name))</text>"
        }
        return out + "</g>"
    }

    /// A scale bar of a round length (1, 2 or 5 × 10^k metres) near a fifth of the map width.
    func scaleBar(numbers: NumberStyle) -> String {
        let target = min(geometry.width / 5, Self.legendWidth - 70) / geometry.scale
        let magnitude = pow(10, floor(log10(target)))
        let metres = [5.0, 2.0, 1.0].map { $0 * magnitude }.first { $0 <= target } ?? magnitude
        let length = metres * geometry.scale
        let label = metres >= 1000 ? numbers.decimal(metres / 1000, metres.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 1) + " km"
            : numbers.decimal(metres, 0) + " m"
        let y = 0.0
        var out = "<g class=\"scalebar\" font-size=\"10\" font-family=\"sans-serif\">"
        out += "<rect x=\"0\" y=\"\(Self.number(y))\" width=\"\(Self.number(length / 2))\" height=\"4\" fill=\"#333333\"/>"
        out += "<rect x=\"\(Self.number(length / 2))\" y=\"\(Self.number(y))\" width=\"\(Self.number(length / 2))\" height=\"4\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"0.8\"/>"
        out += "<text x=\"0\" y=\"\(Self.number(y - 4))\">0</text>"
        out += "<text x=\"\(Self.number(length))\" y=\"\(Self.number(y - 4))\" text-anchor=\"middle\">\(Markup.escape(label))</text></g>"
        return out
    }

    /// A north arrow (grid north of the projected CRS) in the top-left corner.
    func northArrow() -> String {
        "<g class=\"north\" transform=\"translate(12 0)\"><path d=\"M0 0l7 20l-7 -5l-7 5z\" fill=\"#333333\"/><text x=\"0\" y=\"32\" text-anchor=\"middle\" font-size=\"11\" font-family=\"sans-serif\">N</text></g>"
    }

    /// A px number with at most one decimal, deterministic.
    static func number(_ value: Double) -> String {
        MapGeometry.tenths(Int((value * 10).rounded()))
    }
}
