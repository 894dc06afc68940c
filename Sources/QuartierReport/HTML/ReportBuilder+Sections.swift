import Foundation

extension ReportBuilder {
    /// Key figures, areas per class, the most disadvantaged areas and the dynamics.
    func summary(base: [ReportArea], ranked: [ReportArea]) -> String {
        let s = strings
        let ids = base.map(\.id)
        let counts = model.index.counts(areaIDs: ids)
        let valid = counts.values.reduce(0, +)
        let worst = model.index.classes.last
        var text = s["summaryText"]
        text = text.replacingOccurrences(of: "%1", with: numbers.integer(base.count))
        text = text.replacingOccurrences(of: "%2", with: numbers.integer(valid))
        text = text.replacingOccurrences(of: "%3", with: worst?.label ?? "")
        text = text.replacingOccurrences(of: "%4", with: numbers.integer(worst.map { counts[$0.id] ?? 0 } ?? 0))
        var out = "<p>\(Markup.escape(text))</p><div class=\"key\">"
        out += "<div><b>\(numbers.integer(base.count))</b>\(Markup.escape(s["areas"]))</div>"
        for definition in model.index.classes.reversed() {
            out += "<div>\(chip(model.index, definition.id))<b>\(numbers.integer(counts[definition.id] ?? 0))</b></div>"
        }
        out += "</div>"
        if let dynamics = model.dynamics {
            let dynamicCounts = dynamics.counts(areaIDs: ids)
            out += "<h3>\(Markup.escape(s["dynamicsSummary"]))</h3><div class=\"key\">"
            for definition in dynamics.classes.reversed() {
                out += "<div>\(chip(dynamics, definition.id))<b>\(numbers.integer(dynamicCounts[definition.id] ?? 0))</b></div>"
            }
            out += "</div>"
        }
        out += "<h3>\(Markup.escape(s["mostDeprivedList"]))</h3><ol>"
        for area in ranked.prefix(10) where model.index.entry(area.id).rank != nil {
            out += "<li>\(Markup.escape(area.name)) (\(Markup.escape(area.id)))"
            if let parent = area.parentID { out += " – \(Markup.escape(areaName(parent)))" }
            out += "</li>"
        }
        return out + "</ol>"
    }

    func indexMap(map: ChoroplethMap) -> String {
        let svg = map.svg(id: "map-index", title: model.index.label, classification: model.index, boundsDecimals: 1) {
            numbers.decimal($0, 2)
        }
        return "<figure>\(svg)<figcaption>\(Markup.escape(strings["noValueExplained"]))</figcaption></figure>"
    }

    func indicatorMaps(map: ChoroplethMap, base: [ReportArea]) -> String {
        var out = ""
        let ids = base.map(\.id)
        for (number, indicator) in model.indicators.enumerated() {
            guard let year = indicator.latestYear else { continue }
            let classification = ReportClassification.quantiles(of: indicator, year: year, areaIDs: ids, language: model.language)
            let date = indicator.referenceDates[year] ?? String(year)
            let title = indicator.label + " (" + date + ")"
            let svg = map.svg(id: "map-indicator-\(number + 1)", title: title, classification: classification,
                              boundsDecimals: indicator.decimals) { numbers.value($0, unit: indicator.unit, decimals: indicator.decimals) }
            out += "<figure><h3>\(Markup.escape(title))</h3>\(svg)<figcaption>\(Markup.escape(strings["quantileNote"])) \(Markup.escape(strings["noValueExplained"]))</figcaption></figure>"
        }
        return out
    }

    /// How many areas are highlighted at each end: 10, or a tenth of the areas when fewer than 100.
    var highlightCount: Int { highlight ?? max(1, min(10, baseAreas.count / 10)) }

    func rankingTable(ranked: [ReportArea]) -> String {
        let s = strings
        let rankedCount = ranked.filter { model.index.entry($0.id).rank != nil }.count
        let n = highlightCount
        var out = "<p class=\"note\"><span class=\"chip\" style=\"background:#fde0dd\"></span>\(Markup.escape(s["mostDeprived"])) · <span class=\"chip\" style=\"background:#deebf7\"></span>\(Markup.escape(s["leastDeprived"])) (\(n))</p>"
        out += "<table class=\"ranking\"><thead><tr><th class=\"n\">\(s["rank"])</th><th>\(s["id"])</th><th>\(s["area"])</th>"
        if model.levelNames.count > 1 { out += "<th>\(Markup.escape(model.levelNames[1]))</th>" }
        // Simulated rank intervals, where the monitoring publishes them: "3 (1–9)" and P(most deprived class).
        let intervals = hasRankIntervals
        if intervals { out += "<th class=\"n\">\(Markup.escape(s["pTop"]))</th>" }
        out += "<th>\(Markup.escape(s["class"]))</th><th class=\"n\">\(Markup.escape(model.index.label))</th>"
        for indicator in model.indicators { out += "<th class=\"n\">\(Markup.escape(indicator.label))</th>" }
        if let dynamics = model.dynamics { out += "<th>\(Markup.escape(dynamics.label))</th>" }
        out += "</tr></thead><tbody>"
        for (position, area) in ranked.enumerated() {
            let entry = model.index.entry(area.id)
            var rowClass = ""
            if entry.rank != nil {
                if position < n { rowClass = " class=\"most\"" } else if position >= rankedCount - n { rowClass = " class=\"least\"" }
            }
            out += "<tr\(rowClass)><td class=\"n nw\">\(Markup.escape(rankText(entry)))</td><td>\(Markup.escape(area.id))</td><td>\(Markup.escape(area.name))</td>"
            if model.levelNames.count > 1 { out += "<td>\(Markup.escape(areaName(area.parentID)))</td>" }
            if intervals {
                out += "<td class=\"n\">\(entry.rankInterval.map { Markup.escape(numbers.decimal($0.probabilityTopClass, 2) + ($0.uncertain ? " *" : "")) } ?? "–")</td>"
            }
            out += "<td class=\"nw\">\(chip(model.index, entry.classID))</td>" + td(entry.value, unit: .score, decimals: 2)
            for indicator in model.indicators {
                out += td(indicator.latestYear.map { indicator.cell(area.id, year: $0) } ?? .missing(.notAvailable),
                          unit: indicator.unit, decimals: indicator.decimals)
            }
            if let dynamics = model.dynamics { out += "<td class=\"nw\">\(chip(dynamics, dynamics.entry(area.id).classID))</td>" }
            out += "</tr>"
        }
        out += "</tbody></table>"
        if intervals, let first = model.index.entries.values.lazy.compactMap(\.rankInterval).first {
            let note = strings["rankNote"].replacingOccurrences(of: "%1", with: numbers.decimal(first.coverage * 100, 0))
                .replacingOccurrences(of: "%2", with: numbers.integer(first.draws)).replacingOccurrences(of: "%3", with: String(first.seed))
            out += "<p class=\"note\">\(Markup.escape(note))</p>"
        }
        return out
    }

    /// Whether any index area has a published rank interval.
    var hasRankIntervals: Bool { model.index.entries.values.contains { $0.rankInterval != nil } }

    /// The rank as the ranking shows it: "3 (1–9)" with its simulated interval, "3" without, "–" unranked.
    func rankText(_ entry: ReportClassEntry) -> String {
        guard let rank = entry.rank else { return "–" }
        guard let interval = entry.rankInterval else { return numbers.integer(rank) }
        return "\(numbers.integer(rank)) (\(numbers.integer(interval.lower))–\(numbers.integer(interval.upper)))"
    }

    /// The level-0 ancestor chain: the id of the level-`level` area containing `area`.
    func ancestor(of area: ReportArea, level: Int) -> String? {
        var current = area
        var guardSteps = 0
        while current.level < level, let parent = current.parentID, let next = areasByID[parent], guardSteps < 32 {
            current = next
            guardSteps += 1
        }
        return current.level == level ? current.id : nil
    }

    func levelTables(base: [ReportArea]) -> String {
        let s = strings
        var out = ""
        for level in 1..<model.levelNames.count {
            let areas = model.areas.filter { $0.level == level }.sorted { $0.id < $1.id }
            guard !areas.isEmpty else { continue }
            var children: [String: [Int: Int]] = [:]
            var noClass: [String: Int] = [:]
            for area in base {
                guard let parent = ancestor(of: area, level: level) else { continue }
                if let classID = model.index.entry(area.id).classID { children[parent, default: [:]][classID, default: 0] += 1 } else { noClass[parent, default: 0] += 1 }
            }
            out += "<h3>\(Markup.escape(s["level"])) \(level): \(Markup.escape(model.levelNames[level]))</h3>"
            out += "<table><thead><tr><th>\(s["id"])</th><th>\(Markup.escape(model.levelNames[level]))</th><th class=\"n\">\(s["population"])</th>"
            for indicator in model.indicators { out += "<th class=\"n\">\(Markup.escape(indicator.label))</th>" }
            for definition in model.index.classes.reversed() { out += "<th class=\"n\">\(chip(model.index, definition.id))</th>" }
            out += "<th class=\"n\">\(Markup.escape(s["noValue"]))</th></tr></thead><tbody>"
            for area in areas {
                out += "<tr><td>\(Markup.escape(area.id))</td><td>\(Markup.escape(area.name))</td>" + td(area.population, unit: .count, decimals: 0)
                for indicator in model.indicators {
                    out += td(indicator.latestYear.map { indicator.cell(area.id, year: $0) } ?? .missing(.notAvailable), unit: indicator.unit, decimals: indicator.decimals)
                }
                for definition in model.index.classes.reversed() { out += "<td class=\"n\">\(numbers.integer(children[area.id]?[definition.id] ?? 0))</td>" }
                out += "<td class=\"n\">\(numbers.integer(noClass[area.id] ?? 0))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out
    }
}
