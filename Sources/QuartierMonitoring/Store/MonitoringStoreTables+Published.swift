extension MonitoringStoreTables {
    /// The tables a store shared with readers holds besides the internal ones: what the publication gate
    /// (`PublishedResults`) lets through, so that a reader role can be given these and the areas only,
    /// never the unprotected counts. A suppressed figure is NULL with the rule in `suppressed`.
    /// - `published_indicators`: level, area_id, name, year, indicator, numerator, denominator, value,
    ///   ci_low, ci_high, suppressed;
    /// - `published_dynamics`: level, area_id, indicator, from_year, to_year, change, suppressed;
    /// - `published_footnote`: the footnote naming every rule (German, English).
    public static func published(_ published: PublishedResults) -> [Table] {
        let indicators = published.indicators.map { row -> [StoreValue] in
            let v = row.value, hidden = row.suppressed != nil
            return [.text(v.level), .text(v.areaID), .text(published.name(level: v.level, id: v.areaID)), StoreValue(v.year),
                    .text(v.indicator), hidden ? .null : StoreValue(v.numerator), hidden ? .null : StoreValue(v.denominator),
                    hidden ? .null : StoreValue(v.value), hidden ? .null : StoreValue(v.low), hidden ? .null : StoreValue(v.high),
                    StoreValue(row.suppressed?.rawValue)]
        }
        let dynamics = published.dynamics.map { row -> [StoreValue] in
            let v = row.value
            return [.text(v.level), .text(v.areaID), .text(v.indicator), StoreValue(v.fromYear), StoreValue(v.toYear),
                    row.suppressed != nil ? .null : StoreValue(v.change), StoreValue(row.suppressed?.rawValue)]
        }
        return [
            Table(name: "published_indicators",
                  columns: [.init("level", .text), .init("area_id", .text), .init("name", .text), .init("year", .integer),
                            .init("indicator", .text), .init("numerator", .integer), .init("denominator", .integer), .init("value", .real),
                            .init("ci_low", .real), .init("ci_high", .real), .init("suppressed", .text)],
                  rows: published.isInternal ? [] : indicators, indexOn: ["level", "area_id", "year"],
                  description: "Published indicators (after the publication gate): suppressed figures NULL, the rule in suppressed"),
            Table(name: "published_dynamics",
                  columns: [.init("level", .text), .init("area_id", .text), .init("indicator", .text), .init("from_year", .integer),
                            .init("to_year", .integer), .init("change", .real), .init("suppressed", .text)],
                  rows: published.isInternal ? [] : dynamics, indexOn: ["level", "area_id"],
                  description: "Published changes (after the publication gate): suppressed changes NULL, the rule in suppressed"),
            Table(name: "published_footnote", columns: [.init("language", .text), .init("note", .text)],
                  rows: [[.text("de"), .text(published.footnote(german: true))], [.text("en"), .text(published.footnote(german: false))]],
                  indexOn: [], description: "The rules every published figure passed"),
        ]
    }
}
