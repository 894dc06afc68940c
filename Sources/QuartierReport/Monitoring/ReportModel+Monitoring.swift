import Foundation
import Quartier
import QuartierMonitoring
import QuartierBase
import QuartierGeometry

extension ReportModel {
    /// The report model of a monitoring run: the lowest level's areas drawn, every level in tables,
    /// each indicator per area and year with its counts and Wilson interval, the city value from the
    /// summed counts, the index with its classes and ranks, and the methods and sources of the spec.
    ///
    /// The model reads only `published`, the engine's publication gate (`PublishedResults`): a suppressed
    /// cell enters the model as `.suppressed`, which holds no number.
    public static func monitoring(spec: MonitoringSpec, run: MonitoringRunner.Report, published: PublishedResults,
                                  language: ReportLanguage) -> ReportModel {
        let de = language == .de
        let lowest = spec.lowestLevel.id
        let indexLevel = spec.index?.level ?? lowest
        // Level 0 is the level of the index and maps; the levels above it follow in order.
        let shownLevels = Array(spec.levels.drop { $0.id != indexLevel })
        let years = spec.years
        let latest = years.last ?? 0

        // The report keys areas by id across levels: where levels share ids (block 29, Quartier 29),
        // the ids of the upper levels are written `level:id`.
        var seenIDs: Set<String> = []
        var collides = false
        for level in shownLevels {
            let ids = Set(run.areas[level.id]?.areas.map(\.id) ?? [])
            if !seenIDs.isDisjoint(with: ids) { collides = true }
            seenIDs.formUnion(ids)
        }
        func key(_ id: String?, level: Int) -> String? {
            guard let id else { return nil }
            return collides && level > 0 ? "\(shownLevels[level].id):\(id)" : id
        }
        // Areas: geometry for level 0; names and parents for all; population = records (n) of the newest year.
        var reportAreas: [ReportArea] = []
        for (levelIndex, level) in shownLevels.enumerated() {
            guard let set = run.areas[level.id] else { continue }
            let population = published.population[level.id]?[latest] ?? [:]
            for area in set.areas.sorted(by: { $0.id < $1.id }) {
                let cell: ReportCell = switch population[area.id] {
                case .some(.some(let n)): .value(Double(n))
                case .some(.none): .suppressed(.disclosure)
                case .none: .missing(.notAvailable)
                }
                reportAreas.append(ReportArea(
                    id: key(area.id, level: levelIndex)!, name: published.name(level: level.id, id: area.id), level: levelIndex,
                    parentID: levelIndex + 1 < shownLevels.count ? key(area.parentIDs.first ?? nil, level: levelIndex + 1) : nil,
                    geometry: levelIndex == 0 ? area.geometry : .empty, population: cell))
            }
        }

        // Indicators at level 0.
        var byIndicator: [String: [PublishedResults.Row]] = [:]
        for row in published.indicators where row.value.level == indexLevel { byIndicator[row.value.indicator, default: []].append(row) }
        let referenceDates = Dictionary(spec.sources.map { ($0.year, $0.referenceDate ?? String($0.year)) }, uniquingKeysWith: { first, _ in first })
        var indicators: [ReportIndicator] = []
        for indicator in spec.indicators {
            var values: [String: [Int: ReportCell]] = [:]
            for row in byIndicator[indicator.id] ?? [] {
                let value = row.value
                let cell: ReportCell
                if row.suppressed != nil {
                    cell = .suppressed(.disclosure)
                } else if let rate = value.value {
                    cell = .value(rate, numerator: value.numerator.map(Double.init), denominator: value.denominator.map(Double.init),
                                  interval: value.low.flatMap { low in value.high.map { ReportInterval(low: low, high: $0) } })
                } else {
                    cell = .missing(.notAvailable)
                }
                values[value.areaID, default: [:]][value.year] = cell
            }
            // The city value from the summed counts of the top level (counts before rates; the city total is
            // a cell of the gate's tables, so it is published only when its rows all are).
            var city: [Int: ReportCell] = [:]
            for (year, rate) in published.cityRates[indicator.id] ?? [:] { city[year] = .value(rate) }
            let unit: ReportUnit = switch indicator.scale {
            case .percent: .percent
            case .percentagePoints: .percentagePoints
            case .permille, .per1000: .perThousand
            case .ratio, .per100000: .score
            }
            indicators.append(ReportIndicator(
                id: indicator.id, label: indicator.label, unit: unit, decimals: 1,
                direction: indicator.direction > 0 ? .higherIsWorse : .higherIsBetter,
                definition: definitionText(indicator, de: de), referenceDates: referenceDates, values: values,
                cityValues: city, years: years))
        }

        var (index, dynamics) = indexClassifications(spec: spec, index: published.index, areaIDs: reportAreas.filter { $0.level == 0 }.map(\.id),
                                                     indicators: indicators, language: language)
        // Rank intervals only where the gate publishes the index (`PublishedResults.rankIntervals`).
        let intervals = published.rankIntervals(run.results.rankUncertainty)
        for (id, summary) in intervals where index.entries[id]?.rank == summary.rank {
            index.entries[id]?.rankInterval = ReportRankInterval(
                lower: summary.lower, upper: summary.upper, probabilityTopClass: summary.probabilityTopClass,
                uncertain: summary.isUncertain, coverage: summary.level, draws: summary.draws, seed: summary.seed)
        }
        var methods: [ReportTextItem] = spec.indicators.map { ReportTextItem(title: $0.label, text: definitionText($0, de: de)) }
        if let method = spec.index {
            methods.append(ReportTextItem(
                title: de ? "Index" : "Index",
                text: (de
                    ? "\(method.method == .berlinMSS ? "Verfahren des Berliner MSS" : "Gewichtete z-Summe") auf Ebene \(method.level), Jahr \(method.year ?? latest): z-Standardisierung mit der Standardabweichung \(method.divisor == .population ? "der Grundgesamtheit (Divisor n)" : "der Stichprobe (Divisor n−1)") über die gültigen Gebiete (mindestens \(method.minPopulation) Einwohner); Statusindikatoren \(method.status.joined(separator: ", "))\(method.dynamics.isEmpty ? "" : "; Dynamikindikatoren \(method.dynamics.joined(separator: ", "))"). Rang 1 = höchste Benachteiligung."
                    : "\(method.method == .berlinMSS ? "The Berlin MSS method" : "A weighted z-sum") on level \(method.level), year \(method.year ?? latest): z-scores with the \(method.divisor == .population ? "population SD (divisor n)" : "sample SD (divisor n−1)") over the valid areas (at least \(method.minPopulation) inhabitants); status indicators \(method.status.joined(separator: ", "))\(method.dynamics.isEmpty ? "" : "; dynamics indicators \(method.dynamics.joined(separator: ", "))"). Rank 1 = most disadvantaged.")))
        }
        if let first = intervals.values.first {
            let percent = NumberStyle(language).decimal(first.level * 100, 0)
            methods.append(ReportTextItem(
                title: de ? "Rangintervalle" : "Rank intervals",
                text: de
                    ? "Wie sicher ein Rang ist (nach Goldstein & Spiegelhalter 1996): die Zählwerte hinter dem Index werden \(first.draws)-mal neu gezogen (binomial mit der beobachteten Rate, Startwert \(first.seed)) und jedes Mal der ganze Index berechnet; „Rang 3 (1–9)“ nennt den beobachteten Rang und das zentrale \(percent)-%-Intervall der gezogenen Ränge, P den Anteil der Ziehungen in der höchsten Belastungsklasse; * = unsicher (10–90 % der Ziehungen). Gebiete ohne veröffentlichten Index haben kein Intervall."
                    : "How sure a rank is (after Goldstein & Spiegelhalter 1996): the counts behind the index are drawn again \(first.draws) times (binomial at the observed rate, seed \(first.seed)) and the whole index is computed each time; “rank 3 (1–9)” gives the observed rank and the central \(percent) % interval of the drawn ranks, P the share of draws in the most deprived class; * = uncertain (10–90 % of the draws). Areas without a published index have no interval."))
        }
        methods.append(ReportTextItem(
            title: de ? "Zählung und Raten" : "Counts and rates",
            text: de
                ? "Jede Person wird dem Gebiet zugeordnet, das ihre Adresse enthält (Punkte auf einer Grenze zählen zu keinem Gebiet). Zähler und Nenner werden je Gebiet gezählt und über die Hierarchie summiert; Raten erst danach, mit 95-%-Wilson-Intervall."
                : "Each person is assigned to the area containing their address (points on a boundary count for no area). Numerators and denominators are counted per area and summed up the hierarchy; rates only then, with 95 % Wilson intervals."))
        // One entry per file (a file of several years lists its first and last reference date).
        var files: [String] = []
        var datesOf: [String: [String]] = [:]
        for source in spec.sources {
            if datesOf[source.file] == nil { files.append(source.file) }
            datesOf[source.file, default: []].append(source.referenceDate ?? String(source.year))
        }
        let sources = files.map { file in
            let dates = datesOf[file]!
            return ReportSource(name: URL(fileURLWithPath: file).lastPathComponent,
                                referenceDate: dates.count == 1 ? dates[0] : "\(dates.first!) – \(dates.last!)",
                                attribution: run.provenance.inputs.first { $0.path == file }.map { "SHA-256 \($0.sha256.prefix(16))…" } ?? "")
        }
        let note = published.footnote(german: de)
        var model = ReportModel(
            title: spec.name,
            subtitle: de ? "\(shownLevels.first?.label ?? ""), \(years.first ?? 0)–\(latest)" : "\(shownLevels.first?.label ?? ""), \(years.first ?? 0)–\(latest)",
            language: language, crs: spec.workingCRS.definition, levelNames: shownLevels.map(\.label), areas: reportAreas,
            indicators: indicators, index: index, dynamics: dynamics, methods: methods, sources: sources,
            disclosureNote: note, quartierVersion: QuartierVersion.string, specHash: run.provenance.specSHA256)
        model.access = access(spec: spec, published: published, indexLevel: indexLevel)
        return model
    }

    static func definitionText(_ indicator: IndicatorSpec, de: Bool) -> String {
        func term(_ term: IndicatorSpec.Term) -> String {
            switch term {
            case .all: de ? "alle Personen" : "all persons"
            case .filter(let filter): de ? "Personen mit \(filter)" : "persons with \(filter)"
            case .column(let column): de ? "Spalte \(column)" : "column \(column)"
            }
        }
        switch indicator.definition {
        case .rate(let numerator, let denominator):
            return "\(term(numerator)) / \(term(denominator)) (\(indicator.scale.rawValue))"
        case .published(let column):
            return de ? "veröffentlichter Wert, Spalte \(column)" : "published value, column \(column)"
        }
    }

    /// The index and dynamics classifications of the run (MSS classes; quintiles for a z-sum).
    static func indexClassifications(spec: MonitoringSpec, index indexValues: [IndexValue], areaIDs: [String],
                                     indicators: [ReportIndicator], language: ReportLanguage)
        -> (ReportClassification, ReportClassification?)
    {
        let de = language == .de
        let values = Dictionary(uniqueKeysWithValues: indexValues.map { ($0.areaID, $0) })
        func absent(_ id: String) -> ReportCell {
            guard let value = values[id], let reason = value.invalidReason else { return .missing(.notAvailable) }
            return .missing(reason.hasPrefix("fewer") || reason.contains("EW unter") ? .tooFewInhabitants
                            : reason.contains("Ausreißer") ? .outlier : .other(reason))
        }
        guard let method = spec.index else {
            let first = indicators.first ?? ReportIndicator(id: "-", label: "-", unit: .score, values: [:])
            return (ReportClassification.quantiles(of: first, year: first.latestYear ?? 0, areaIDs: areaIDs, language: language), nil)
        }
        switch method.method {
        case .berlinMSS:
            let statusLabels = ["hoch", "mittel", "niedrig", "sehr niedrig"]
            let statusClasses = [
                ReportClass(id: 1, label: de ? "Status hoch" : "high status", lower: nil, upper: -1, upperClosed: false),
                ReportClass(id: 2, label: de ? "Status mittel" : "medium status", lower: -1, lowerClosed: true, upper: 1, upperClosed: true),
                ReportClass(id: 3, label: de ? "Status niedrig" : "low status", lower: 1, upper: 1.5),
                ReportClass(id: 4, label: de ? "Status sehr niedrig" : "very low status", lower: 1.5, upper: nil),
            ]
            let dynamicsLabels = ["positiv": 1, "stabil": 3, "negativ": 5]
            let dynamicsClasses = [
                ReportClass(id: 1, label: de ? "Dynamik positiv" : "positive dynamics", lower: nil, upper: -1, upperClosed: false),
                ReportClass(id: 3, label: de ? "Dynamik stabil" : "stable dynamics", lower: -1, lowerClosed: true, upper: 1, upperClosed: true),
                ReportClass(id: 5, label: de ? "Dynamik negativ" : "negative dynamics", lower: 1, upper: nil),
            ]
            var status: [String: ReportClassEntry] = [:], dynamics: [String: ReportClassEntry] = [:]
            for id in areaIDs {
                let value = values[id]
                status[id] = ReportClassEntry(
                    value: value?.statusIndex.map { .value($0) } ?? absent(id), rank: value?.rank,
                    classID: value?.statusClass.flatMap { statusLabels.firstIndex(of: $0) }.map { $0 + 1 })
                dynamics[id] = ReportClassEntry(
                    value: value?.dynamicsIndex.map { .value($0) } ?? absent(id), rank: nil,
                    classID: value?.dynamicsClass.flatMap { dynamicsLabels[$0] })
            }
            return (ReportClassification(label: de ? "Statusindex" : "Status index", classes: statusClasses, entries: status, palette: .orangeRed),
                    method.dynamics.isEmpty ? nil
                        : ReportClassification(label: de ? "Dynamikindex" : "Dynamics index", classes: dynamicsClasses, entries: dynamics, palette: .purpleOrange))
        case .weightedZSum:
            var cells: [String: [Int: ReportCell]] = [:]
            for id in areaIDs { cells[id] = [values[id]?.year ?? 0: values[id]?.statusIndex.map { .value($0) } ?? absent(id)] }
            let year = indexValues.first?.year ?? 0
            let pseudo = ReportIndicator(id: "index", label: de ? "Index" : "Index", unit: .score, decimals: 2, values: cells, years: [year])
            var classification = ReportClassification.quantiles(of: pseudo, year: year, areaIDs: areaIDs, language: language)
            for id in areaIDs { classification.entries[id]?.rank = values[id]?.rank }
            return (classification, nil)
        }
    }
}
