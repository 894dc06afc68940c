extension ReportBuilder {
    /// One section per selected area: rank and class, each indicator against the city value with a bar
    /// and a sparkline over the years, the dynamics class and the neighbours.
    func profileSections(ranked: [ReportArea], neighbours: [String: [String]]) -> String {
        let selected: [ReportArea]
        switch profiles {
        case .none: return ""
        case .all: selected = ranked
        case .classes(let ids): selected = ranked.filter { model.index.entry($0.id).classID.map(ids.contains) ?? false }
        }
        guard !selected.isEmpty else { return "" }
        let s = strings
        let rankedCount = ranked.filter { model.index.entry($0.id).rank != nil }.count
        // Scale of each indicator's bars: the largest valid value of its latest year.
        let maxima: [Double] = model.indicators.map { indicator in
            guard let year = indicator.latestYear else { return 0 }
            return ranked.compactMap { indicator.cell($0.id, year: year).number }.max() ?? 0
        }
        var out = "<p class=\"note\">\(Markup.escape(s["profileNote"]))</p>"
        for area in selected {
            let entry = model.index.entry(area.id)
            out += "<div class=\"profile\"><h3>\(Markup.escape(area.name)) <small>(\(Markup.escape(area.id)))</small></h3><p>"
            out += "\(s["rank"]) \(entry.rank.map(numbers.integer) ?? "–") \(s["of"]) \(numbers.integer(rankedCount)) · \(chip(model.index, entry.classID))"
            if let dynamics = model.dynamics { out += " · \(Markup.escape(dynamics.label)): \(chip(dynamics, dynamics.entry(area.id).classID))" }
            if let parent = area.parentID { out += " · \(Markup.escape(s["parent"])): \(Markup.escape(areaName(parent)))" }
            if let population = area.population.number { out += " · \(s["population"]): \(numbers.decimal(population, 0))" }
            out += "</p><table><thead><tr><th>\(s["indicator"])</th><th class=\"n\">\(Markup.escape(area.name))</th><th class=\"n\">\(s["city"])</th><th></th><th>\(s["trend"])</th></tr></thead><tbody>"
            for (number, indicator) in model.indicators.enumerated() {
                guard let year = indicator.latestYear else { continue }
                let cell = indicator.cell(area.id, year: year)
                let city = indicator.cityValues[year] ?? .missing(.notAvailable)
                out += "<tr><td>\(Markup.escape(indicator.label))</td>" + td(cell, unit: indicator.unit, decimals: indicator.decimals)
                out += td(city, unit: indicator.unit, decimals: indicator.decimals) + "<td>"
                if let value = cell.number { out += TrendChart.bar(value: value, city: city.number, maximum: maxima[number]) }
                out += "</td><td>"
                let series = indicator.years.compactMap { y in indicator.cell(area.id, year: y).number.map { (y, $0) } }
                let citySeries = indicator.years.compactMap { y in indicator.cityValues[y]?.number.map { (y, $0) } }
                if series.count == indicator.years.count, let chart = TrendChart.sparkline(series: series, city: citySeries) { out += chart }
                out += "</td></tr>"
            }
            out += "</tbody></table>"
            let list = neighbours[area.id] ?? []
            if !list.isEmpty {
                out += "<p>\(Markup.escape(s["neighbours"])): "
                out += list.map { id in
                    let classLabel = model.index.classDefinition(model.index.entry(id).classID)?.label ?? s["noValue"]
                    return Markup.escape(areaName(id)) + " (" + Markup.escape(classLabel) + ")"
                }.joined(separator: ", ")
                out += "</p>"
            }
            out += "</div>"
        }
        return out
    }
}
