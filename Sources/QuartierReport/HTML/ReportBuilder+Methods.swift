extension ReportBuilder {
    /// Sources and reference dates, indicator definitions, index classes, disclosure rule, version.
    func methods(geometry: MapGeometry) -> String {
        let s = strings
        var out = "<h3>\(Markup.escape(s["sources"]))</h3><table><thead><tr><th>\(s["sources"])</th><th>\(s["referenceDate"])</th><th></th></tr></thead><tbody>"
        for source in model.sources {
            out += "<tr><td>\(Markup.escape(source.name))</td><td>\(Markup.escape(source.referenceDate))</td><td>\(Markup.escape(source.attribution))</td></tr>"
        }
        out += "</tbody></table><dl>"
        for indicator in model.indicators {
            let dates = indicator.referenceDates.keys.sorted().compactMap { indicator.referenceDates[$0] }.joined(separator: ", ")
            out += "<dt>\(Markup.escape(indicator.id)): \(Markup.escape(indicator.label))</dt><dd>\(Markup.escape(indicator.definition))"
            if !dates.isEmpty { out += " (\(Markup.escape(s["referenceDate"])): \(Markup.escape(dates)))" }
            out += "</dd>"
        }
        out += "</dl>"
        for item in model.methods {
            out += "<h3>\(Markup.escape(item.title))</h3><p>\(Markup.escape(item.text))</p>"
        }
        for classification in [model.index] + (model.dynamics.map { [$0] } ?? []) {
            out += "<h3>\(Markup.escape(classification.label))</h3><table><thead><tr><th>\(s["class"])</th><th>\(s["legendBounds"])</th></tr></thead><tbody>"
            for definition in classification.classes {
                out += "<tr><td>\(chip(classification, definition.id))</td><td>\(Markup.escape(numbers.bounds(definition, decimals: 1)))</td></tr>"
            }
            out += "</tbody></table>"
        }
        out += "<h3>\(Markup.escape(s["disclosure"]))</h3><p>\(Markup.escape(model.disclosureNote))</p>"
        let maps = model.language == .de
            ? "Karten: Farben nach ColorBrewer 2.0 (Brewer, Harrower, Pennsylvania State University; farbfehlsichtigkeitstauglich). Grenzen für die Darstellung als zusammenhängende Abdeckung vereinfacht (Douglas–Peucker je gemeinsamer Kante, ohne Lücken): \(numbers.integer(geometry.verticesBefore)) → \(numbers.integer(geometry.verticesAfter)) Stützpunkte. Koordinatenreferenzsystem \(model.crs); Nordpfeil: Gitternord."
            : "Maps: colours from ColorBrewer 2.0 (Brewer, Harrower, The Pennsylvania State University; colour-blind safe). Boundaries simplified for display as one coverage (Douglas–Peucker per shared edge, without gaps): \(numbers.integer(geometry.verticesBefore)) → \(numbers.integer(geometry.verticesAfter)) vertices. Coordinate reference system \(model.crs); north arrow: grid north."
        out += "<p class=\"note\">\(Markup.escape(maps))</p>"
        out += "<p class=\"note\">\(Markup.escape(s["version"])): \(Markup.escape(model.quartierVersion)) · \(Markup.escape(s["specHash"])): \(Markup.escape(model.specHash ?? s["noSpec"]))</p>"
        out += "<p class=\"note\">\(Markup.escape(s["csvTables"])): ranking.csv, indicators.csv, classes.csv"
        for level in 1..<max(model.levelNames.count, 1) { out += ", level-\(level).csv" }
        return out + "</p>"
    }
}
