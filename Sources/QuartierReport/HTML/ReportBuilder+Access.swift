import Foundation

extension ReportBuilder {
    /// The access sections (`ReportModel.access`): per inventory and type the access map (the same
    /// quantile classes as every indicator map), the gap map (compared areas in three classes: other,
    /// high need, gap = high need and access below the median; areas not compared hatched), the gap
    /// table, and the scenario against the base per area. Empty without `[[offers]]`.
    func accessSections(map: ChoroplethMap, base: [ReportArea]) -> [(id: String, title: String, body: String)] {
        guard !model.access.isEmpty else { return [] }
        let de = model.language == .de
        let ids = base.map(\.id)
        let indicators = Dictionary(model.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var maps = "", gaps = "", scenarios = ""
        for (number, access) in model.access.enumerated() {
            if let indicator = indicators[access.accessIndicator] {
                let classification = ReportClassification.quantiles(of: indicator, year: access.year, areaIDs: ids, language: model.language)
                let title = "\(access.title): \(indicator.label) (\(access.year))"
                let svg = map.svg(id: "map-access-\(number + 1)", title: title, classification: classification, boundsDecimals: indicator.decimals) {
                    numbers.value($0, unit: indicator.unit, decimals: indicator.decimals)
                }
                maps += "<figure><h3>\(Markup.escape(title))</h3>\(svg)<figcaption>\(Markup.escape(strings["quantileNote"])) \(Markup.escape(strings["noValueExplained"]))</figcaption></figure>"
            }
            if let gap = access.gap {
                let high = Set(gap.highNeed), ranked = Set(gap.rows.map(\.areaID)), compared = Set(gap.compared)
                var entries: [String: ReportClassEntry] = [:]
                for id in ids {
                    let classID: Int? = ranked.contains(id) ? 3 : high.contains(id) ? 2 : compared.contains(id) ? 1 : nil
                    entries[id] = ReportClassEntry(value: classID == nil ? .missing(.notAvailable) : .value(Double(classID!)), rank: nil, classID: classID)
                }
                let classes = [
                    ReportClass(id: 1, label: de ? "übrige Gebiete" : "other areas", lower: nil, upper: nil),
                    ReportClass(id: 2, label: de ? "hoher Bedarf, Zugang nicht unter dem Median" : "high need, access not below the median", lower: nil, upper: nil),
                    ReportClass(id: 3, label: de ? "Lücke: hoher Bedarf, Zugang unter dem Median" : "gap: high need, access below the median", lower: nil, upper: nil),
                ]
                let title = de ? "\(access.title): Bedarfslücken (\(access.year))" : "\(access.title): gaps (\(access.year))"
                let svg = map.svg(id: "map-gap-\(number + 1)", title: title,
                                  classification: ReportClassification(label: title, classes: classes, entries: entries, palette: .orangeRed),
                                  boundsDecimals: 0) { numbers.decimal($0, 0) }
                gaps += "<figure><h3>\(Markup.escape(title))</h3>\(svg)<figcaption>\(Markup.escape(gap.rule)). \(Markup.escape(strings["noValueExplained"]))</figcaption></figure>"
                let share = gap.highNeedShareWithoutAccess.map { numbers.decimal($0 * 100, 1) + " %" } ?? "–"
                gaps += "<p>" + Markup.escape(de
                    ? "Anteil der Zielgruppe in Gebieten mit hohem Bedarf ohne Angebot im Einzugsbereich: \(share); \(gap.notCompared) Gebiete nicht verglichen (geheimgehalten oder ohne Zielgruppe)."
                    : "Share of the target group in high-need areas without an offer within the catchment: \(share); \(gap.notCompared) areas not compared (suppressed or without target group).") + "</p>"
                gaps += "<table><thead><tr><th>\(de ? "Rang" : "Rank")</th><th>\(de ? "Gebiet" : "Area")</th><th>\(de ? "Bedarf" : "Need")</th><th>\(de ? "Zugang" : "Access")</th><th>\(de ? "Zielgruppe" : "Target group")</th><th>\(de ? "ohne Angebot" : "without access")</th></tr></thead><tbody>"
                for row in gap.rows {
                    gaps += "<tr><td class=\"n\">\(row.rank)</td><td>\(Markup.escape(areaName(row.areaID))) (\(Markup.escape(row.areaID)))</td>"
                    gaps += "<td class=\"n\">\(Markup.escape(numbers.decimal(row.need, 2)))</td><td class=\"n\">\(Markup.escape(numbers.decimal(row.access, 1)))</td>"
                    gaps += "<td class=\"n\">\(Markup.escape(numbers.integer(row.targetGroup)))</td><td class=\"n\">\(Markup.escape(numbers.integer(row.withoutAccess)))</td></tr>"
                }
                gaps += "</tbody></table>"
            }
            if let scenario = access.scenario {
                let pairs = scenario.pairs.compactMap { pair in indicators[pair.base].flatMap { b in indicators[pair.scenario].map { (b, $0) } } }
                scenarios += "<h3>\(Markup.escape(access.title)): \(Markup.escape(scenario.name)) (\(access.year))</h3>"
                scenarios += "<table class=\"access-scenario\"><thead><tr><th>\(de ? "Gebiet" : "Area")</th>"
                for (b, _) in pairs { scenarios += "<th>\(Markup.escape(b.label)): \(de ? "Basis" : "base")</th><th>\(de ? "Szenario" : "scenario")</th><th>\(de ? "Änderung" : "change")</th>" }
                scenarios += "</tr></thead><tbody>"
                var changed = 0
                for area in base {
                    let cells = pairs.map { ($0.0.cell(area.id, year: access.year), $0.1.cell(area.id, year: access.year), $0.0) }
                    // Areas whose published figures change (a suppressed cell is shown, never compared).
                    guard cells.contains(where: { b, s, _ in b.number != s.number }) else { continue }
                    changed += 1
                    scenarios += "<tr><td>\(Markup.escape(area.name)) (\(Markup.escape(area.id)))</td>"
                    for (b, s, indicator) in cells {
                        scenarios += td(b, unit: indicator.unit, decimals: indicator.decimals) + td(s, unit: indicator.unit, decimals: indicator.decimals)
                        let change: ReportCell = b.number.flatMap { x in s.number.map { .value($0 - x) } } ?? .missing(.notAvailable)
                        scenarios += td(change, unit: indicator.unit == .percent ? .percentagePoints : indicator.unit, decimals: indicator.decimals)
                    }
                    scenarios += "</tr>"
                }
                scenarios += "</tbody></table><p>" + Markup.escape(de ? "\(changed) Gebiete mit veränderten Werten; die übrigen bleiben gleich." : "\(changed) areas with changed values; the others stay the same.") + "</p>"
            }
        }
        var sections: [(id: String, title: String, body: String)] = []
        if !maps.isEmpty { sections.append(("access-maps", de ? "Zugang zu Angeboten" : "Access to offers", maps)) }
        if !gaps.isEmpty { sections.append(("access-gaps", de ? "Bedarfslücken" : "Gaps", gaps)) }
        if !scenarios.isEmpty { sections.append(("access-scenarios", de ? "Szenarien" : "Scenarios", scenarios)) }
        return sections
    }
}
