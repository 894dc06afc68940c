import Foundation
import Quartier
import QuartierGeometry
import QuartierMethods
import QuartierMonitoring

extension AtlasData {
    /// The atlas of a monitoring: every level (finest first) with its geometry, every indicator per level
    /// and year, the composite index with its classes and ranks.
    ///
    /// Reads only `published` (the engine's publication gate) for figures: a suppressed row becomes
    /// `.suppressed` with no number. Classes are computed here, on the published values only, with
    /// QuartierMethods' `Classification` (quantiles and Fisher–Jenks, k = `classCount`) — so a
    /// suppressed value cannot shift a class bound either. The index keeps the monitoring's own classes.
    /// - Parameters:
    ///   - areas: the run's areas per level (working CRS).
    ///   - quantization: grid steps of the topology per axis (TopoJSON `-q`).
    ///   - rankUncertainty: the run's simulated rank intervals (`MonitoringResults.rankUncertainty`);
    ///     only those the gate lets through with the index enter (`PublishedResults.rankIntervals`).
    public static func monitoring(spec: MonitoringSpec, areas: [String: AreaSet], published: PublishedResults,
                                  language: String = "de", classCount: Int = 5, quantization: Int = 10_000,
                                  rankUncertainty: [IndexRankUncertainty.Summary] = []) -> AtlasData {
        let rankIntervals = published.rankIntervals(rankUncertainty)
        // Levels and geometry (all levels in one topology: a Stadtteil border is a union of block borders).
        var levels: [Level] = []
        var geometries: [MultiPolygon] = []
        var position: [String: [String: Int]] = [:]
        let levelAreas = spec.levels.map { level in (areas[level.id]?.areas ?? []).sorted { $0.id < $1.id } }
        for (k, level) in spec.levels.enumerated() {
            position[level.id] = Dictionary(uniqueKeysWithValues: levelAreas[k].enumerated().map { ($1.id, $0) })
        }
        for (k, level) in spec.levels.enumerated() {
            let list = levelAreas[k]
            let upper = k + 1 < spec.levels.count ? position[spec.levels[k + 1].id] : nil
            levels.append(Level(id: level.id, label: level.label, ids: list.map(\.id),
                                names: list.map { published.name(level: level.id, id: $0.id) },
                                parents: list.map { area in upper.flatMap { map in (area.parentIDs.first ?? nil).flatMap { map[$0] } } },
                                first: geometries.count))
            geometries += list.map(\.geometry)
        }
        // Half a grid step of simplification: invisible once quantised.
        var box = (minX: Double.infinity, maxX: -Double.infinity, minY: Double.infinity, maxY: -Double.infinity)
        for g in geometries { for p in g.polygons { for q in p.exterior {
            box = (min(box.minX, q.x), max(box.maxX, q.x), min(box.minY, q.y), max(box.maxY, q.y))
        } } }
        let step = box.minX.isFinite ? max(box.maxX - box.minX, box.maxY - box.minY) / Double(quantization - 1) : 0
        let topology = AtlasTopology.encode(geometries, quantization: quantization, tolerance: step / 2)

        // Indicators per level and year from the published rows.
        var rows: [String: [String: [Int: [Int: PublishedResults.Row]]]] = [:]   // indicator → level → year → position → row
        for row in published.indicators {
            guard let p = position[row.value.level]?[row.value.areaID] else { continue }
            rows[row.value.indicator, default: [:]][row.value.level, default: [:]][row.value.year, default: [:]][p] = row
        }
        let de = language == "de"
        var referenceDates: [String: String] = [:]
        for source in spec.sources where referenceDates[String(source.year)] == nil {
            referenceDates[String(source.year)] = source.referenceDate ?? String(source.year)
        }
        var indicators: [Indicator] = []
        for indicator in spec.indicators {
            var series: [String: [String: Series]] = [:]
            for (k, level) in spec.levels.enumerated() {
                for year in spec.years {
                    guard let byPosition = rows[indicator.id]?[level.id]?[year] else { continue }
                    let values: [Cell] = levelAreas[k].indices.map { p in
                        guard let row = byPosition[p] else { return .missing("na") }
                        if row.suppressed != nil { return .suppressed }
                        if let v = row.value.value { return .value(stored(v, decimals: 1)) }
                        return .missing(row.value.masked == nil ? "na" : "masked")
                    }
                    series[level.id, default: [:]][String(year)] = Series(values: values, classes: computedClasses(values, k: classCount))
                }
            }
            var city: [String: Double] = [:]
            for (year, rate) in published.cityRates[indicator.id] ?? [:] { city[String(year)] = rate }
            let (numerator, denominator) = terms(indicator, de: de)
            let sources = [indicator.numeratorSource, indicator.denominatorSource].compactMap { $0 }
            indicators.append(Indicator(
                id: indicator.id, label: indicator.label, unit: unit(indicator.scale), decimals: 1,
                higherIsWorse: indicator.direction > 0, kind: numerator.isEmpty ? "value" : "rate",
                definition: definition(indicator, numerator: numerator, denominator: denominator),
                numerator: numerator, denominator: denominator,
                sources: Array(Set(sources)).sorted().joined(separator: ", "),
                referenceDates: referenceDates, series: series, city: city))
        }

        // The composite index: its level and year, the monitoring's classes, ranks and rank intervals.
        if let method = spec.index, let k = spec.levels.firstIndex(where: { $0.id == method.level }) {
            let byID = Dictionary(published.index.map { ($0.areaID, $0) }, uniquingKeysWith: { first, _ in first })
            let list = levelAreas[k]
            var cells: [Cell] = [], ranks: [Int?] = [], low: [Int?] = [], high: [Int?] = [], top: [Double?] = [], unsure: [Bool?] = []
            var classOf: [Int] = []
            let labels = method.method == .berlinMSS ? ["hoch", "mittel", "niedrig", "sehr niedrig"] : nil
            for area in list {
                let value = byID[area.id]
                if let x = value?.statusIndex {
                    cells.append(.value(stored(x, decimals: 2)))
                } else if value?.invalidReason?.hasPrefix("suppressed") == true {
                    cells.append(.suppressed)
                } else {
                    cells.append(.missing(value?.invalidReason.map { $0.hasPrefix("fewer") ? "population" : "invalid" } ?? "na"))
                }
                ranks.append(value?.statusIndex == nil ? nil : value?.rank)
                let interval = rankIntervals[area.id]
                low.append(interval.map { $0.lower }); high.append(interval.map { $0.upper })
                top.append(interval.map { $0.probabilityTopClass }); unsure.append(interval.map { $0.isUncertain })
                classOf.append(labels.flatMap { labels in value?.statusClass.flatMap { labels.firstIndex(of: $0) } } ?? -1)
            }
            var classes = computedClasses(cells, k: classCount)
            if let labels {
                classes["monitoring"] = ClassSet(
                    labels: labels.map { "Status \($0)" }, bins: nil, minimum: nil, of: classOf,
                    counts: labels.indices.map { c in classOf.count { $0 == c } },
                    method: "Berlin MSS: hoch x < −1, mittel −1 ≤ x ≤ 1, niedrig 1 < x ≤ 1,5, sehr niedrig x > 1,5")
            }
            let year = published.index.first?.year ?? spec.years.last ?? 0
            let series = Series(values: cells, classes: classes, ranks: ranks,
                                rankLow: rankIntervals.isEmpty ? nil : low, rankHigh: rankIntervals.isEmpty ? nil : high,
                                probabilityTop: rankIntervals.isEmpty ? nil : top, uncertain: rankIntervals.isEmpty ? nil : unsure)
            indicators.insert(Indicator(
                id: "index", label: de ? "Statusindex" : "Status index", unit: "", decimals: 2, higherIsWorse: true,
                kind: "index",
                definition: (method.method == .berlinMSS ? "Berlin MSS" : (de ? "Gewichtete z-Summe" : "Weighted z-sum"))
                    + ": " + (method.status.joined(separator: ", ")) + (de ? "; Rang 1 = höchste Benachteiligung" : "; rank 1 = most disadvantaged"),
                numerator: "", denominator: "", sources: "", referenceDates: referenceDates,
                series: [method.level: [String(year): series]], city: [:]), at: 0)
        }

        return AtlasData(
            title: spec.name, language: language, strings: AtlasStrings.all,
            footnote: ["de": published.footnote(german: true), "en": published.footnote(german: false)],
            marker: published.marker, crs: spec.workingCRS.definition, topology: topology, levels: levels,
            years: spec.years, indicators: indicators, rankDraws: rankUncertainty.first?.draws ?? 0,
            rankSeed: rankUncertainty.first.map { String($0.seed) } ?? "", rankLevel: rankUncertainty.first?.level ?? 0)
    }

    /// Quantiles and Fisher–Jenks over the values present (suppressed and missing cells get class −1).
    static func computedClasses(_ cells: [Cell], k: Int) -> [String: ClassSet] {
        let present = cells.indices.filter { cells[$0].number != nil }
        let values = present.map { cells[$0].number! }
        var out: [String: ClassSet] = [:]
        for (key, method) in [("quantiles", ClassificationMethod.quantiles(k: k)), ("jenks", .fisherJenks(k: k))] {
            guard let c = try? Classification.classify(values, method: method) else { continue }
            var of = [Int](repeating: -1, count: cells.count)
            for (i, p) in present.enumerated() { of[p] = c.classOfValue[i] }
            out[key] = ClassSet(labels: nil, bins: c.bins, minimum: c.minimum, of: of, counts: c.counts,
                                method: ([method.description] + c.notes).joined(separator: "; "))
        }
        return out
    }

    static func unit(_ scale: QuartierMonitoring.RateScale) -> String {
        switch scale {
        case .percent: "%"
        case .permille, .per1000: "‰"
        case .percentagePoints: "Pp."
        case .per100000: "/100.000"
        case .ratio: ""
        }
    }

    static func terms(_ indicator: IndicatorSpec, de: Bool) -> (String, String) {
        func term(_ term: IndicatorSpec.Term, _ source: String?) -> String {
            let from = source.map { " (\($0))" } ?? ""
            switch term {
            case .all: return (de ? "alle Datensätze" : "all records") + from
            case .filter(let filter): return filter + from
            case .column(let column): return (de ? "Spalte " : "column ") + column + from
            }
        }
        guard case .rate(let numerator, let denominator) = indicator.definition else { return ("", "") }
        return (term(numerator, indicator.numeratorSource), term(denominator, indicator.denominatorSource))
    }

    static func definition(_ indicator: IndicatorSpec, numerator: String, denominator: String) -> String {
        switch indicator.definition {
        case .rate: "\(numerator) / \(denominator) (\(indicator.scale.rawValue))"
        case .published(let column): "column \(column) (\(indicator.scale.rawValue))"
        }
    }
}
