import Foundation
import QuartierTable

/// Turns a `ReportModel` into a `ReportDocument`: summary, maps, ranking, tables per level, profiles,
/// methods and sources. Deterministic: the same model gives the same bytes.
///
/// Layout after the official social reports it imitates: Berlin "Monitoring Soziale Stadtentwicklung
/// 2021" (SenSBW), Hamburg "Sozialmonitoring Integrierte Stadtteilentwicklung" (BSW), English Indices
/// of Deprivation 2019 statistical release (MHCLG). Every text from data passes `Markup.escape`.
public struct ReportBuilder: Sendable {
    public var model: ReportModel
    public var profiles: ProfileSelection
    /// How many areas are highlighted at each end of the ranking.
    public var highlight: Int?
    let areasByID: [String: ReportArea]

    public init(model: ReportModel, profiles: ProfileSelection = .all, highlight: Int? = nil) {
        self.model = model
        self.profiles = profiles
        self.highlight = highlight
        var byID: [String: ReportArea] = [:]
        for area in model.areas where byID[area.id] == nil { byID[area.id] = area }
        areasByID = byID
    }

    var strings: ReportStrings { ReportStrings(model.language) }
    var numbers: NumberStyle { NumberStyle(model.language) }
    var baseAreas: [ReportArea] { model.areas.filter { $0.level == 0 } }

    /// Builds the HTML and the CSV tables.
    public func build() -> ReportDocument {
        let base = baseAreas
        let geometry = MapGeometry(areas: base)
        var neighbours = model.neighbours
        if neighbours.isEmpty { neighbours = geometry.neighbours }
        let map = ChoroplethMap(geometry: geometry, language: model.language)
        let ranked = rankedAreas(base)
        let s = strings
        var html = "<!DOCTYPE html>\n<html lang=\"\(model.language.rawValue)\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        html += "<title>\(Markup.escape(model.title))</title><style>\(ReportStyle.css)</style></head><body><main>"
        html += "<header class=\"cover\"><h1>\(Markup.escape(model.title))</h1><p class=\"sub\">\(Markup.escape(model.subtitle))</p></header>"
        var sections: [(id: String, title: String, body: String)] = []
        sections.append(("summary", s["summary"], summary(base: base, ranked: ranked)))
        sections.append(("index-map", s["indexMap"], indexMap(map: map)))
        if !model.indicators.isEmpty { sections.append(("indicator-maps", s["indicatorMaps"], indicatorMaps(map: map, base: base))) }
        sections += accessSections(map: map, base: base)
        if let dynamics = model.dynamics {
            let svg = map.svg(id: "map-dynamics", title: dynamics.label, classification: dynamics, boundsDecimals: 1) {
                numbers.decimal($0, 2)
            }
            sections.append(("dynamics-map", s["dynamicsMap"], "<figure>\(svg)<figcaption>\(Markup.escape(s["noValueExplained"]))</figcaption></figure>"))
        }
        sections.append(("ranking", s["ranking"], rankingTable(ranked: ranked)))
        if model.levelNames.count > 1 { sections.append(("levels", s["levels"], levelTables(base: base))) }
        let profileBody = profileSections(ranked: ranked, neighbours: neighbours)
        if !profileBody.isEmpty { sections.append(("profiles", s["profiles"], profileBody)) }
        sections.append(("methods", s["methods"], methods(geometry: geometry)))
        html += "<nav><h2>\(Markup.escape(s["contents"]))</h2><ol>"
        for section in sections { html += "<li><a href=\"#\(section.id)\">\(Markup.escape(section.title))</a></li>" }
        html += "</ol></nav>"
        for section in sections {
            html += "<section id=\"\(section.id)\"><h2>\(Markup.escape(section.title))</h2>\(section.body)</section>\n"
        }
        html += "<footer>\(Markup.escape(s["printedWith"])) \(Markup.escape(model.quartierVersion))"
        html += " · \(Markup.escape(s["specHash"])): \(Markup.escape(model.specHash ?? s["noSpec"]))</footer>"
        html += "</main></body></html>\n"
        return ReportDocument(html: html, tables: tables(ranked: ranked, base: base),
                              verticesBefore: geometry.verticesBefore, verticesAfter: geometry.verticesAfter)
    }

    /// Level-0 areas ordered by rank (1 = most disadvantaged), unranked ones last by id.
    func rankedAreas(_ base: [ReportArea]) -> [ReportArea] {
        base.sorted { a, b in
            let ra = model.index.entry(a.id).rank, rb = model.index.entry(b.id).rank
            switch (ra, rb) {
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a.id < b.id
            }
        }
    }

    // MARK: - Cells

    /// The text of a cell: the value in its unit, `.` for suppressed, `–` for missing.
    func text(_ cell: ReportCell, unit: ReportUnit, decimals: Int) -> String {
        switch cell {
        case .value(let value, _, _, _): return numbers.value(value, unit: unit, decimals: decimals)
        case .suppressed: return "."
        case .missing: return "–"
        }
    }

    func reasonText(_ reason: AbsenceReason) -> String {
        switch reason {
        case .disclosure: strings["suppressed"]
        case .tooFewInhabitants: strings["tooFew"]
        case .outlier: strings["outlier"]
        case .notAvailable: strings["notAvailable"]
        case .other(let text): text
        }
    }

    /// A table cell (`<td class="n">`) with the value and, if any, its interval beneath.
    func td(_ cell: ReportCell, unit: ReportUnit, decimals: Int) -> String {
        switch cell {
        case .value(_, _, _, let interval):
            var out = "<td class=\"n\">" + Markup.escape(text(cell, unit: unit, decimals: decimals))
            if let interval { out += "<span class=\"ci\">" + Markup.escape(numbers.interval(interval, decimals: decimals)) + "</span>" }
            return out + "</td>"
        case .suppressed(let reason), .missing(let reason):
            return "<td class=\"n\" title=\"\(Markup.escape(reasonText(reason)))\">" + Markup.escape(text(cell, unit: unit, decimals: decimals)) + "</td>"
        }
    }

    func chip(_ classification: ReportClassification, _ classID: Int?) -> String {
        guard let classID, let definition = classification.classDefinition(classID) else {
            return "<span class=\"chip\" style=\"background:repeating-linear-gradient(45deg,#fff 0 2px,#999 2px 3px)\"></span>" + Markup.escape(strings["noValue"])
        }
        return "<span class=\"chip\" style=\"background:\(classification.colour(of: classID))\"></span>" + Markup.escape(definition.label)
    }

    func areaName(_ id: String?) -> String {
        guard let id, let area = areasByID[id] else { return "" }
        return area.name
    }
}
