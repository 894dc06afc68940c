import QuartierTable

extension ReportBuilder {
    /// The tables the report shows, for CSV: ranking, indicator values (long form), areas per class,
    /// and one table per coarser level. Suppressed cells are written as `.`, missing ones empty.
    func tables(ranked: [ReportArea], base: [ReportArea]) -> [ReportTable] {
        func value(_ cell: ReportCell) -> CSVWriter.Value {
            switch cell {
            case .value(let number, _, _, _): .number(number)
            case .suppressed: .absent(marker: ".")
            case .missing: .absent(marker: "")
            }
        }
        func optional(_ number: Double?) -> CSVWriter.Value { number.map { .number($0) } ?? .absent(marker: "") }
        var header = ["rank", "id", "name", "parent_id", "class", "class_label", "index"]
        header += model.indicators.map(\.id)
        if model.dynamics != nil { header += ["dynamics_class", "dynamics_label"] }
        let intervals = hasRankIntervals
        if intervals { header += ["rank_low", "rank_high", "rank_coverage", "p_most_deprived_class", "rank_uncertain", "rank_draws", "rank_seed"] }
        var rows: [[CSVWriter.Value]] = []
        for area in ranked {
            let entry = model.index.entry(area.id)
            var row: [CSVWriter.Value] = [entry.rank.map { .integer(Int64($0)) } ?? .absent(marker: ""), .text(area.id), .text(area.name),
                                          .text(area.parentID ?? ""), entry.classID.map { .integer(Int64($0)) } ?? .absent(marker: ""),
                                          .text(model.index.classDefinition(entry.classID)?.label ?? ""), value(entry.value)]
            for indicator in model.indicators {
                row.append(indicator.latestYear.map { value(indicator.cell(area.id, year: $0)) } ?? .absent(marker: ""))
            }
            if let dynamics = model.dynamics {
                let classID = dynamics.entry(area.id).classID
                row += [classID.map { .integer(Int64($0)) } ?? .absent(marker: ""), .text(dynamics.classDefinition(classID)?.label ?? "")]
            }
            if intervals {
                if let r = entry.rankInterval {
                    row += [.integer(Int64(r.lower)), .integer(Int64(r.upper)), .number(r.coverage), .number(r.probabilityTopClass),
                            .integer(r.uncertain ? 1 : 0), .integer(Int64(r.draws)), .text(String(r.seed))]
                } else {
                    row += Array(repeating: .absent(marker: ""), count: 7)
                }
            }
            rows.append(row)
        }
        var result = [ReportTable(fileName: "ranking.csv", header: header, rows: rows)]

        var long: [[CSVWriter.Value]] = []
        for indicator in model.indicators {
            for year in indicator.years {
                for area in model.areas.sorted(by: { ($0.level, $0.id) < ($1.level, $1.id) }) {
                    guard let cell = indicator.values[area.id]?[year] else { continue }
                    var numerator: Double? = nil, denominator: Double? = nil
                    if case .value(_, let n, let d, _) = cell { numerator = n; denominator = d }
                    long.append([.text(indicator.id), .integer(Int64(year)), .text(area.id), .text(area.name), value(cell),
                                 optional(cell.interval?.low), optional(cell.interval?.high), optional(numerator), optional(denominator)])
                }
                if let city = indicator.cityValues[year] {
                    long.append([.text(indicator.id), .integer(Int64(year)), .text(""), .text(strings["city"]), value(city),
                                 optional(city.interval?.low), optional(city.interval?.high), .absent(marker: ""), .absent(marker: "")])
                }
            }
        }
        result.append(ReportTable(fileName: "indicators.csv",
                                  header: ["indicator", "year", "id", "name", "value", "low", "high", "numerator", "denominator"], rows: long))

        var classRows: [[CSVWriter.Value]] = []
        for classification in [("index", model.index)] + (model.dynamics.map { [("dynamics", $0)] } ?? []) {
            let counts = classification.1.counts(areaIDs: base.map(\.id))
            for definition in classification.1.classes {
                classRows.append([.text(classification.0), .integer(Int64(definition.id)), .text(definition.label),
                                  optional(definition.lower), .text(definition.lowerClosed ? "closed" : "open"),
                                  optional(definition.upper), .text(definition.upperClosed ? "closed" : "open"),
                                  .integer(Int64(counts[definition.id] ?? 0))])
            }
            let valid = counts.values.reduce(0, +)
            classRows.append([.text(classification.0), .absent(marker: ""), .text(strings["noValue"]), .absent(marker: ""), .text(""),
                              .absent(marker: ""), .text(""), .integer(Int64(base.count - valid))])
        }
        result.append(ReportTable(fileName: "classes.csv",
                                  header: ["classification", "class", "label", "lower", "lower_bound", "upper", "upper_bound", "areas"], rows: classRows))

        for level in 1..<max(model.levelNames.count, 1) {
            let areas = model.areas.filter { $0.level == level }.sorted { $0.id < $1.id }
            var levelRows: [[CSVWriter.Value]] = []
            var counts: [String: [Int: Int]] = [:]
            for area in base {
                if let parent = ancestor(of: area, level: level), let classID = model.index.entry(area.id).classID {
                    counts[parent, default: [:]][classID, default: 0] += 1
                }
            }
            for area in areas {
                var row: [CSVWriter.Value] = [.text(area.id), .text(area.name), value(area.population)]
                for indicator in model.indicators { row.append(indicator.latestYear.map { value(indicator.cell(area.id, year: $0)) } ?? .absent(marker: "")) }
                for definition in model.index.classes { row.append(.integer(Int64(counts[area.id]?[definition.id] ?? 0))) }
                levelRows.append(row)
            }
            let levelHeader = ["id", "name", "population"] + model.indicators.map(\.id) + model.index.classes.map { "class_\($0.id)" }
            result.append(ReportTable(fileName: "level-\(level).csv", header: levelHeader, rows: levelRows))
        }
        return result
    }
}
