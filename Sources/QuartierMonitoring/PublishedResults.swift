import Quartier
import QuartierBase
import QuartierDisclosure

/// The one publication gate of a monitoring: its results after disclosure control, computed once and
/// consumed by every publishing output (the report, CSV, XLSX and GeoJSON exports). Nothing that leaves
/// Quartier for publication reads `MonitoringResults` directly.
///
/// 1. Primary suppression by `PublicationRules` on each indicator row (minimum population, small
///    numerators, denominators and complements, 0 % or 100 % of a small group); each names the count it
///    protects (the numerator, or the denominator for a small denominator; every count of a small area).
/// 2. Secondary suppression across the hierarchy: for every year and term (a filter's count), the counts
///    of all levels form one hierarchical table (block → Quartier → Stadtteil → city), protected by
///    `QuartierDisclosure`'s modular HiTaS method (GLPK MIPs, then the attacker's LP audit), so that no
///    suppressed count can be recomputed from its parent minus its siblings. A publication whose audit
///    finds an exposed cell is refused.
/// 3. Dependents: a row is published only when its rule passes and both counts are published; its rate
///    and interval go with it. A change (dynamics) is published only when both years' rows are — so a
///    suppressed year cannot be recovered from the neighbouring year plus the change. An index value is
///    published only when every row it is computed from is.
///
/// Counts of different years are not added anywhere, so across years only the changes link them (3).
/// Not covered: linear relations between different filters of one area (e.g. `age < 65` + `age >= 65` =
/// all) — a spec whose filters partition a population should publish only one side of each partition.
public struct PublishedResults: Sendable {
    public var rules: PublicationRules
    /// True for the internal, unprotected view (`quartier export --internal`): nothing suppressed.
    public var isInternal: Bool
    /// Level ids, lowest first, with their labels.
    public var levels: [(id: String, label: String)]
    /// Indicator rows in the order of `MonitoringResults.indicators`; a suppressed row holds no number.
    public var indicators: [Row]
    public var dynamics: [Change]
    /// The index; a suppressed area's values, classes and rank are nil and `invalidReason` names the rule.
    public var index: [IndexValue]
    /// Records (`n`) per level, year and area; nil where suppressed.
    public var population: [String: [Int: [String: Int64?]]]
    /// Area names per level (derived levels without names: "<label> <id>").
    public var names: [String: [String: String]]
    /// The parent id of each area per level (none for the top level): public, part of every export.
    public var parents: [String: [String: String]] = [:]
    /// The city's rate per indicator and year, from the summed counts of the top level (absent when a
    /// city total is suppressed).
    public var cityRates: [String: [Int: Double]]
    /// Cells suppressed by a primary rule and by secondary suppression (count cells of all tables).
    public var primaryCells: Int
    public var secondaryCells: Int

    public struct Row: Sendable, Hashable {
        public var value: IndicatorValue
        /// The rule that suppressed the row (nil: published).
        public var suppressed: PublicationRules.Rule?
    }

    public struct Change: Sendable, Hashable {
        public var value: DynamicsValue
        public var suppressed: PublicationRules.Rule?
    }

    /// The footnote of every output.
    public func footnote(german: Bool) -> String {
        isInternal
            ? (german ? "INTERN: nicht geheimgehalten, nicht zur Veröffentlichung." : "INTERNAL: not protected, not for publication.")
            : rules.footnote(german: german)
    }

    /// The marker written for a suppressed figure.
    public var marker: String { rules.marker }

    /// The name of an area of a level (its own name, else "<level label> <id>").
    public func name(level: String, id: String) -> String {
        if let name = names[level]?[id] { return name }
        return "\(levels.first { $0.id == level }?.label ?? level) \(id)"
    }

    /// The unprotected view, for internal use only (every output made from it says so).
    public static func unprotected(spec: MonitoringSpec, results: MonitoringResults, areas: [String: AreaSet]) -> PublishedResults {
        var population: [String: [Int: [String: Int64?]]] = [:]
        for (level, years) in results.counts {
            for (year, table) in years {
                guard let n = table.column("n") else { continue }
                for (row, id) in table.areaIDs.enumerated() { population[level, default: [:]][year, default: [:]][id] = table[row, n] }
            }
        }
        return PublishedResults(
            rules: .none, isInternal: true, levels: spec.levels.map { ($0.id, $0.label) },
            indicators: results.indicators.map { Row(value: $0, suppressed: nil) },
            dynamics: results.dynamics.map { Change(value: $0, suppressed: nil) }, index: results.index,
            population: population, names: names(spec: spec, areas: areas),
            parents: parents(spec: spec, areas: areas),
            cityRates: cityRates(spec: spec, results: results) { _, _ in false }, primaryCells: 0, secondaryCells: 0)
    }

    /// Σ numerator / Σ denominator × scale over the top level, per rate indicator and year, unless `hidden(year, term)`.
    private static func cityRates(spec: MonitoringSpec, results: MonitoringResults,
                                  hidden: (Int, String) -> Bool) -> [String: [Int: Double]] {
        guard let top = spec.levels.last?.id else { return [:] }
        var rates: [String: [Int: Double]] = [:]
        for indicator in spec.indicators {
            for year in spec.years {
                guard let (x, n) = spec.countKeys(of: indicator, year: year),
                      let table = results.counts[top]?[year], let cx = table.column(x), let cn = table.column(n),
                      !hidden(year, x), !hidden(year, n) else { continue }
                // A city total that includes a count masked by its publisher is not known: no city rate.
                guard !table.areaIDs.indices.contains(where: { table.mask(row: $0, column: cx) != nil || table.mask(row: $0, column: cn) != nil }) else { continue }
                let sx = table.areaIDs.indices.reduce(Int64(0)) { $0 + table[$1, cx] }
                let sn = table.areaIDs.indices.reduce(Int64(0)) { $0 + table[$1, cn] }
                if sn > 0 { rates[indicator.id, default: [:]][year] = Double(sx) / Double(sn) * indicator.scale.factor }
            }
        }
        return rates
    }

    private static func parents(spec: MonitoringSpec, areas: [String: AreaSet]) -> [String: [String: String]] {
        var parents: [String: [String: String]] = [:]
        for level in spec.levels.dropLast() {
            for area in areas[level.id]?.areas ?? [] {
                if let parent = area.parentIDs.first ?? nil { parents[level.id, default: [:]][area.id] = parent }
            }
        }
        return parents
    }

    private static func names(spec: MonitoringSpec, areas: [String: AreaSet]) -> [String: [String: String]] {
        var names: [String: [String: String]] = [:]
        for level in spec.levels {
            for area in areas[level.id]?.areas ?? [] {
                let own = area.name.flatMap { $0.isEmpty ? nil : $0 }
                names[level.id, default: [:]][area.id] = own ?? "\(level.label) \(area.id)"
            }
        }
        return names
    }

    /// Applies `rules` to `results` (see the type's documentation).
    /// - Parameter areas: the areas of each level, for the parent links and names.
    /// - Throws: `InputError` when a table cannot be protected (an exposed cell after the audit).
    public static func protect(spec: MonitoringSpec, results: MonitoringResults, areas: [String: AreaSet],
                               rules: PublicationRules) throws -> PublishedResults {
        let levelIDs = spec.levels.map(\.id)
        // Parent of each area, one level up; the top level's parent is the city.
        let city = "\u{1F}city"
        var links: [AreaLink] = []
        for (k, level) in levelIDs.enumerated() {
            for area in areas[level]?.areas ?? [] {
                let parent = k + 1 < levelIDs.count ? (area.parentIDs.first ?? nil).map { "\(levelIDs[k + 1])\u{1F}\($0)" } : city
                if let parent { links.append(AreaLink(child: "\(level)\u{1F}\(area.id)", parent: parent)) }
            }
        }
        var populationIndex: [String: [Int: [String: Int64]]] = [:]
        for (level, years) in results.counts {
            for (year, table) in years {
                guard let n = table.column("n") else { continue }
                for (row, id) in table.areaIDs.enumerated() { populationIndex[level, default: [:]][year, default: [:]][id] = table[row, n] }
            }
        }
        // The count keys of each rate indicator per year: with named sources they differ by source
        // (`einwohner/alter < 15`, `ba_sgb2/column:…`) and a source may be missing in a year.
        var termKeys: [String: [Int: (numerator: String, denominator: String)]] = [:]
        for indicator in spec.indicators {
            for year in spec.years { termKeys[indicator.id, default: [:]][year] = spec.countKeys(of: indicator, year: year) }
        }
        func terms(_ indicator: String, _ year: Int) -> (numerator: String, denominator: String)? { termKeys[indicator]?[year] ?? nil }

        // 1. Primary rules per row; the counts they protect, per (year, term) → set of "level\u{1F}id".
        struct TableKey: Hashable { var year: Int; var term: String }
        var protected: [TableKey: Set<String>] = [:]
        var rowRule = [PublicationRules.Rule?](repeating: nil, count: results.indicators.count)
        for (r, value) in results.indicators.enumerated() {
            let population = populationIndex[value.level]?[value.year]?[value.areaID]
            let cell = "\(value.level)\u{1F}\(value.areaID)"
            if rules.minimumPopulation > 0, let population, population < Int64(rules.minimumPopulation) {
                protected[TableKey(year: value.year, term: "n"), default: []].insert(cell)
            }
            guard let pair = terms(value.indicator, value.year) else {
                // A published value (no counts): only the minimum population applies.
                if rules.minimumPopulation > 0, let population, population < Int64(rules.minimumPopulation) { rowRule[r] = .population }
                continue
            }
            guard let rule = rules.suppression(population: population, numerator: value.numerator, denominator: value.denominator) else { continue }
            rowRule[r] = rule
            switch rule {
            case .population:
                protected[TableKey(year: value.year, term: pair.numerator), default: []].insert(cell)
                protected[TableKey(year: value.year, term: pair.denominator), default: []].insert(cell)
            case .smallDenominator:
                protected[TableKey(year: value.year, term: pair.denominator), default: []].insert(cell)
            default:
                protected[TableKey(year: value.year, term: pair.numerator), default: []].insert(cell)
            }
        }

        // Places of offers (`[[offers]]`) are public capacities, not counts of persons: never protected cells.
        for key in protected.keys where spec.isPublicCount(key.term) { protected[key] = nil }

        // 2. Secondary suppression of each (year, term) table that holds a protected cell.
        var suppressedCells: [TableKey: Set<String>] = [:]
        var childrenOf: [String: [String]] = [:]
        for link in links { childrenOf[link.parent, default: []].append(link.child) }
        var primaryCells = 0, secondaryCells = 0
        let disclosureRules = DisclosureRules(minimumPopulation: nil, smallCountLimit: Double(rules.smallCountLimit), marker: rules.marker)
        for key in protected.keys.sorted(by: { ($0.year, $0.term) < ($1.year, $1.term) }) {
            let sensitive = protected[key]!
            var cells: [DisclosureCell] = []
            var total = 0.0
            // Counts masked by their publisher (BA `*`: 1 or 2) are cells nobody publishes: primary here,
            // with a model value (1 for a masked cell of the level the term enters at, the sum of the
            // children's values above) so that the table adds up; their true values stay unknown.
            var modelValue: [String: Double] = [:]
            var masked = Set<String>()
            var topMasked = false
            for level in levelIDs {
                guard let table = results.counts[level]?[key.year], let column = table.column(key.term) else { continue }
                for (row, id) in table.areaIDs.enumerated() {
                    let cell = "\(level)\u{1F}\(id)"
                    var value = Double(table[row, column])
                    if table.mask(row: row, column: column) != nil {
                        masked.insert(cell)
                        let children = childrenOf[cell]?.compactMap { modelValue[$0] } ?? []
                        value = children.isEmpty ? 1 : children.reduce(0, +)
                        if level == levelIDs.last { topMasked = true }
                    }
                    modelValue[cell] = value
                    cells.append(DisclosureCell(area: cell, value: value))
                    if level == levelIDs.last { total += value }
                }
            }
            // The city's totals are published elsewhere (the report's city values, the city's own statistics):
            // the attacker knows them, so they are never a secondary suppression — unless a part of them is
            // masked by its publisher, when nobody knows them.
            cells.append(DisclosureCell(area: city, value: total, mustPublish: !topMasked))
            let known = Set(cells.map(\.area))
            let table = try DisclosureTable(cells: cells, links: links.filter { known.contains($0.child) && known.contains($0.parent) },
                                            groupTotal: nil)
            let primary = cells.map { sensitive.contains($0.area) || masked.contains($0.area) ? SuppressionReason.count : nil }
            let result = try DisclosureControl.protect(table, primary: primary, rules: disclosureRules)
            if let exposed = result.audit.exposed.first {
                throw InputError(InputLocation(file: spec.document.path, field: "disclosure"),
                                 found: "the count \(key.term) of \(cells[exposed.cell].area.replacingOccurrences(of: "\u{1F}", with: " ")) in \(key.year) stays exposed after secondary suppression",
                                 expected: "a table that can be protected (raise min_population, or publish fewer levels)")
            }
            if !topMasked, result.status.last!.isSuppressed {
                throw InputError(InputLocation(file: spec.document.path, field: "disclosure"),
                                 found: "the city total of \(key.term) in \(key.year) would have to be suppressed",
                                 expected: "a table that can be protected with the city's totals published")
            }
            var hidden = Set<String>()
            for (i, status) in result.status.enumerated() where status.isSuppressed {
                hidden.insert(cells[i].area)
                if status == .primary { primaryCells += 1 } else { secondaryCells += 1 }
            }
            suppressedCells[key] = hidden
        }
        func isHidden(_ year: Int, _ term: String, _ level: String, _ id: String) -> Bool {
            suppressedCells[TableKey(year: year, term: term)]?.contains("\(level)\u{1F}\(id)") ?? false
        }

        // 3. Rows, changes, index, populations.
        var rows: [Row] = []
        rows.reserveCapacity(results.indicators.count)
        var rowSuppressed: [String: Bool] = [:]
        for (r, value) in results.indicators.enumerated() {
            var rule = rowRule[r]
            if rule == nil, let pair = terms(value.indicator, value.year),
               isHidden(value.year, pair.numerator, value.level, value.areaID) || isHidden(value.year, pair.denominator, value.level, value.areaID) {
                rule = .secondary
            }
            var published = value
            if rule != nil {
                published.numerator = nil; published.denominator = nil; published.value = nil; published.low = nil; published.high = nil
            }
            rows.append(Row(value: published, suppressed: rule))
            rowSuppressed["\(value.level)\u{1F}\(value.areaID)\u{1F}\(value.year)\u{1F}\(value.indicator)"] = rule != nil
        }
        // Floating-catchment scores of `[[offers]]` are not counts: a score row goes with its area's
        // coverage row (whose denominator is the same target group), or is suppressed as dependent.
        for r in rows.indices where rows[r].suppressed == nil {
            let v = rows[r].value
            guard let score = spec.accessScore(of: v.indicator),
                  rowSuppressed["\(v.level)\u{1F}\(v.areaID)\u{1F}\(v.year)\u{1F}\(score.coverage)"] ?? true else { continue }
            rows[r].suppressed = .dependent
            rows[r].value.numerator = nil; rows[r].value.denominator = nil; rows[r].value.value = nil; rows[r].value.low = nil; rows[r].value.high = nil
            rowSuppressed["\(v.level)\u{1F}\(v.areaID)\u{1F}\(v.year)\u{1F}\(v.indicator)"] = true
        }
        func rowHidden(_ level: String, _ id: String, _ year: Int, _ indicator: String) -> Bool {
            rowSuppressed["\(level)\u{1F}\(id)\u{1F}\(year)\u{1F}\(indicator)"] ?? false
        }
        let changes = results.dynamics.map { change -> Change in
            let hidden = rowHidden(change.level, change.areaID, change.fromYear, change.indicator)
                || rowHidden(change.level, change.areaID, change.toYear, change.indicator)
            var published = change
            if hidden { published.change = nil }
            return Change(value: published, suppressed: hidden ? .dependent : nil)
        }
        var index = results.index
        if let method = spec.index {
            let span = spec.dynamics?.years ?? 0
            for k in index.indices {
                let value = index[k]
                let inputs = method.status.map { (value.year, $0) } + method.dynamics.flatMap { [(value.year, $0), (value.year - span, $0)] }
                guard inputs.contains(where: { rowHidden(method.level, value.areaID, $0.0, $0.1) }) else { continue }
                index[k] = IndexValue(areaID: value.areaID, year: value.year, valid: false,
                                      invalidReason: "suppressed (\(PublicationRules.Rule.dependent.rawValue))",
                                      statusZ: value.statusZ.map { _ in nil }, statusSum: nil, statusIndex: nil, statusClass: nil,
                                      dynamicsZ: value.dynamicsZ.map { _ in nil }, dynamicsSum: nil, dynamicsIndex: nil,
                                      dynamicsClass: nil, combinedClass: nil, rank: nil)
            }
        }
        var population: [String: [Int: [String: Int64?]]] = [:]
        for (level, years) in populationIndex {
            for (year, values) in years {
                for (id, n) in values {
                    let small = rules.minimumPopulation > 0 && n < Int64(rules.minimumPopulation)
                    population[level, default: [:]][year, default: [:]][id] = small || isHidden(year, "n", level, id) ? .some(nil) : n
                }
            }
        }
        return PublishedResults(rules: rules, isInternal: false, levels: spec.levels.map { ($0.id, $0.label) }, indicators: rows,
                                dynamics: changes, index: index, population: population, names: names(spec: spec, areas: areas),
                                parents: parents(spec: spec, areas: areas), cityRates: cityRates(spec: spec, results: results) { year, term in isHidden(year, term, "", "city") },
                                primaryCells: primaryCells, secondaryCells: secondaryCells)
    }
}
