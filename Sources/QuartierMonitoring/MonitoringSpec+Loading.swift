import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMethods

extension MonitoringSpec {
    /// Reads and checks a monitoring spec.
    ///
    /// Every problem is an `InputError` naming the spec's line: unknown keys, missing or unreadable
    /// files, a parent level that does not exist, a cyclic hierarchy, duplicate years or indicator ids.
    public init(path: String) throws {
        try self.init(document: SpecDocument(path: path))
    }

    public init(document: SpecDocument) throws {
        let root = try SpecTable(root: document)
        try root.rejectUnknownKeys(allowed: ["monitoring", "levels", "sources", "indicators", "dynamics",
                                             "index", "classification", "disclosure", "report", "reach", "offers"])
        try Self.validateIdentifiers(in: root)
        let folder = URL(fileURLWithPath: document.path).deletingLastPathComponent()
        let resolve = { (file: String) -> String in
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path
        }

        let monitoring = try root.table("monitoring")
        try monitoring.rejectUnknownKeys(allowed: ["name", "crs", "store"])
        self.document = document
        self.name = try monitoring.string("name")
        self.workingCRS = CRS(try monitoring.string("crs"))
        let store = try monitoring.optionalString("store") ?? "monitoring.gpkg"
        self.storePath = PostgreSQLStoreURL.isURL(store) ? store : resolve(store)
        if PostgreSQLStoreURL.isURL(store) {
            // Checked now (a password in the URL, no schema …), named at the spec's line.
            _ = try PostgreSQLStoreURL(store, location: monitoring.error("store", found: "", expected: "").location)
        }

        self.levels = try Self.orderedLevels(root.namedTables("levels"), in: root, resolve: resolve)
        let sourceTables = try root.arrayOfTables("sources")
        self.namedSources = sourceTables.contains { $0.contains("name") }
        var headers = SourceHeaders()
        self.sources = try Self.sources(sourceTables, levels: levels, resolve: resolve, headers: &headers)
        let indicatorTables = try root.arrayOfTables("indicators")
        self.indicators = try Self.indicators(indicatorTables)
        try Self.checkTerms(of: indicators, tables: indicatorTables, sources: sources, headers: &headers)
        self.offers = try Self.offerSources(root.arrayOfTables("offers"), sources: sources, indicators: indicators, workingCRS: workingCRS,
                                            resolve: resolve, headers: &headers)
        self.indicators += Self.accessIndicators(offers)
        if let dynamics = try root.optionalTable("dynamics") {
            try dynamics.rejectUnknownKeys(allowed: ["years"])
            let years = try dynamics.int("years")
            guard years >= 1 else { throw dynamics.error("years", found: "\(years)", expected: "at least 1") }
            self.dynamics = DynamicsSpec(years: years)
        }
        if let disclosure = try root.optionalTable("disclosure") {
            // Every rule is on by default (PublicationRules); a key loosens it only when named.
            let keys = ["min_population", "small_count_limit", "extreme_share_min_denominator", "marker"]
            try disclosure.rejectUnknownKeys(allowed: Set(keys))
            self.disclosure = PublicationRules(
                minimumPopulation: try disclosure.optionalInt("min_population") ?? PublicationRules.defaultMinimumPopulation,
                smallCountLimit: try disclosure.optionalInt("small_count_limit") ?? 2,
                extremeShareMinimumDenominator: try disclosure.optionalInt("extreme_share_min_denominator")
                    ?? PublicationRules.defaultExtremeShareMinimumDenominator,
                marker: try disclosure.optionalString("marker") ?? ".",
                explicitKeys: Set(keys.filter { disclosure.values[$0] != nil }))
        }
        // `[reach]`: the project register and participant lists (QuartierReach reads the table).
        self.reach = try root.optionalTable("reach")
        if let index = try root.optionalTable("index") {
            self.index = try Self.index(index, levels: levels, indicators: indicators, years: years, hasDynamics: dynamics != nil)
        }
        try Self.checkAccessGaps(offers, tables: root.arrayOfTables("offers"), indicators: indicators, levels: levels, index: index)
    }

    private static func index(_ table: SpecTable, levels: [AreaLevelSpec], indicators: [IndicatorSpec], years: [Int],
                              hasDynamics: Bool) throws -> MonitoringIndexSpec {
        try table.rejectUnknownKeys(allowed: ["method", "level", "year", "status", "dynamics", "weights", "min_population", "sd",
                                              "rank_draws", "rank_seed", "rank_level"])
        let methodText = try table.string("method")
        guard let method = MonitoringIndexSpec.Method(rawValue: methodText) else {
            throw table.error("method", found: "\"\(methodText)\"",
                              expected: "one of \(MonitoringIndexSpec.Method.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let level = try table.optionalString("level") ?? levels[0].id
        guard levels.contains(where: { $0.id == level }) else {
            throw table.error("level", found: "\"\(level)\"", expected: "one of the levels \(levels.map(\.id).joined(separator: ", "))")
        }
        let year = try table.optionalInt("year")
        if let year, !years.contains(year) {
            throw table.error("year", found: "\(year)", expected: "one of the years \(years.map(String.init).joined(separator: ", "))")
        }
        let status = try table.optionalStrings("status") ?? []
        let dynamics = try table.optionalStrings("dynamics") ?? []
        guard !status.isEmpty else { throw table.error("status", found: "no indicators", expected: "a list of indicator ids") }
        for (key, ids) in [("status", status), ("dynamics", dynamics)] {
            for id in ids where !indicators.contains(where: { $0.id == id }) {
                throw table.error(key, found: "\"\(id)\"", expected: "one of the indicators \(indicators.map(\.id).joined(separator: ", "))")
            }
        }
        // A dynamics entry is either a published change (scale percentage_points) or the computed
        // change of an indicator over [dynamics] years.
        for id in dynamics where !hasDynamics && indicators.first(where: { $0.id == id })?.scale != .percentagePoints {
            throw table.error("dynamics", found: "\"\(id)\", not a published change, without a [dynamics] section",
                              expected: "[dynamics] years = K, or an indicator with scale = \"percentage_points\"")
        }
        if method == .weightedZSum && !dynamics.isEmpty {
            throw table.error("dynamics", found: "dynamics for weighted-z-sum", expected: "dynamics only with berlin-mss")
        }
        let weights = try table.optionalDoubles("weights")
        if let weights {
            guard method == .weightedZSum, weights.count == status.count, abs(weights.reduce(0, +) - 1) < 1e-9 else {
                throw table.error("weights", found: "\(weights)", expected: "one weight per status indicator, summing to 1 (weighted-z-sum)")
            }
        }
        let sdText = try table.optionalString("sd") ?? "population"
        let divisor: StandardDeviationDivisor
        switch sdText {
        case "population", "n": divisor = .population
        case "sample", "n-1": divisor = .sample
        default: throw table.error("sd", found: "\"\(sdText)\"", expected: "population (divisor n) or sample (n-1)")
        }
        // The rank simulation (IndexRankUncertainty): draws, seed and coverage of the interval.
        let draws = try table.optionalInt("rank_draws") ?? IndexRankUncertainty.defaultDraws
        guard (1...IndexRankUncertainty.maximumDraws).contains(draws) else {
            throw table.error("rank_draws", found: "\(draws)", expected: "a number of simulated rankings from 1 to \(IndexRankUncertainty.maximumDraws)")
        }
        let seed = try table.optionalInt("rank_seed").map(Int64.init) ?? Int64(IndexRankUncertainty.defaultSeed)
        guard seed >= 0 else { throw table.error("rank_seed", found: "\(seed)", expected: "a seed of 0 or more") }
        let coverage = try table.optionalDouble("rank_level") ?? IndexRankUncertainty.defaultLevel
        guard coverage > 0 && coverage < 1 else {
            throw table.error("rank_level", found: "\(coverage)", expected: "the coverage of the rank interval, between 0 and 1 (0.9 for 90 %)")
        }
        return MonitoringIndexSpec(method: method, level: level, year: year, status: status, dynamics: dynamics,
                                   weights: weights, minPopulation: try table.optionalInt("min_population") ?? 300,
                                   divisor: divisor, rankDraws: draws, rankSeed: UInt64(seed), rankLevel: coverage)
    }

    /// Checks each level and orders them from the lowest (no level below) to the highest.
    private static func orderedLevels(
        _ named: [(name: String, table: SpecTable)], in root: SpecTable, resolve: (String) -> String
    ) throws -> [AreaLevelSpec] {
        guard !named.isEmpty else {
            throw root.error("levels", found: "no [levels.NAME] table", expected: "at least one area level")
        }
        var levels: [String: AreaLevelSpec] = [:]
        for (id, table) in named {
            try table.rejectUnknownKeys(allowed: ["label", "parent", "file", "layer", "id", "name", "parent_column",
                                                  "crs", "versions"])
            var versions: [BoundaryVersionSpec] = []
            if table.contains("versions") {
                if table.contains("file") {
                    throw table.error("file", found: "both file and [[levels.\(id).versions]]",
                                      expected: "either one file or a list of versions")
                }
                for version in try table.arrayOfTables("versions") {
                    try version.rejectUnknownKeys(allowed: ["name", "file", "layer", "id", "name_column", "parent_column",
                                                            "crs", "valid_from", "valid_until"])
                    versions.append(try boundaryVersion(version, defaultName: nil, nameKey: "name_column", resolve: resolve))
                }
            } else if table.contains("file") {
                versions.append(try boundaryVersion(table, defaultName: "current", nameKey: "name", resolve: resolve))
            }
            versions.sort { ($0.validFrom ?? Int.min) < ($1.validFrom ?? Int.min) }
            levels[id] = AreaLevelSpec(
                id: id, label: try table.optionalString("label") ?? id, parent: try table.optionalString("parent"),
                versions: versions, derivedParentColumn: versions.isEmpty ? try table.optionalString("parent_column") : nil,
                line: table.document.line(of: table.path))
        }
        for (id, table) in named {
            guard let parent = levels[id]!.parent else { continue }
            guard levels[parent] != nil else {
                throw table.error("parent", found: "\"\(parent)\"",
                                  expected: "one of the levels \(levels.keys.sorted().joined(separator: ", "))")
            }
            let level = levels[id]!
            guard level.isDerived ? level.derivedParentColumn != nil : level.versions.allSatisfy({ $0.parentColumn != nil }) else {
                throw table.error("parent_column", found: "no parent_column",
                                  expected: "the column holding the id of the \(parent) area")
            }
        }
        // Follow parents from every level: a cycle never reaches a level without a parent.
        for (id, table) in named {
            var seen: [String] = [id]
            var current = levels[id]!.parent
            while let next = current {
                if seen.contains(next) {
                    throw table.error("parent", found: "a cyclic hierarchy \((seen + [next]).joined(separator: " → "))",
                                      expected: "levels that end in one top level")
                }
                seen.append(next)
                current = levels[next]!.parent
            }
        }
        let children = Dictionary(grouping: levels.values.compactMap(\.parent), by: { $0 })
        let lowest = levels.keys.filter { children[$0] == nil }.sorted()
        guard lowest.count == 1 else {
            throw root.error("levels", found: "\(lowest.count) lowest levels (\(lowest.joined(separator: ", ")))",
                             expected: "one chain of levels, each naming the next as parent")
        }
        guard children.values.allSatisfy({ $0.count == 1 }) else {
            let branching = children.filter { $0.value.count > 1 }.keys.sorted()
            throw root.error("levels", found: "more than one level below \(branching.joined(separator: ", "))",
                             expected: "one chain of levels")
        }
        guard !levels[lowest[0]]!.isDerived else {
            let table = named.first { $0.name == lowest[0] }!.table
            throw table.error(nil, found: "no file for the lowest level \(lowest[0])",
                              expected: "file = \"AREAS.gpkg\" (levels above may be formed from it without a file)")
        }
        var ordered = [levels[lowest[0]]!]
        while let parent = ordered.last!.parent { ordered.append(levels[parent]!) }
        return ordered
    }

    private static func boundaryVersion(
        _ table: SpecTable, defaultName: String?, nameKey: String, resolve: (String) -> String
    ) throws -> BoundaryVersionSpec {
        let file = resolve(try table.string("file"))
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw table.error("file", found: "no readable file \(file)", expected: "an area file (GeoPackage, GeoJSON, Shapefile)")
        }
        let validFrom = try table.optionalInt("valid_from")
        let validUntil = try table.optionalInt("valid_until")
        if let validFrom, let validUntil, validUntil < validFrom {
            throw table.error("valid_until", found: "\(validUntil) before valid_from \(validFrom)", expected: "a later year")
        }
        let name = try defaultName ?? table.optionalString("name") ?? validFrom.map(String.init) ?? "current"
        return BoundaryVersionSpec(
            name: name, file: file, layer: try table.optionalString("layer"), idColumn: try table.string("id"),
            nameColumn: try table.optionalString(nameKey), parentColumn: try table.optionalString("parent_column"),
            crs: try table.optionalString("crs").map(CRS.init), validFrom: validFrom, validUntil: validUntil)
    }

    private static func indicators(_ tables: [SpecTable]) throws -> [IndicatorSpec] {
        var indicators: [IndicatorSpec] = []
        for table in tables {
            try table.rejectUnknownKeys(allowed: ["id", "label", "numerator", "denominator", "numerator_column", "source",
                                                  "denominator_column", "value_column", "scale", "direction"])
            let id = try table.string("id")
            if indicators.contains(where: { $0.id == id }) {
                throw table.error("id", found: "\"\(id)\" a second time", expected: "unique indicator ids")
            }
            let scaleText = try table.optionalString("scale") ?? "percent"
            guard let scale = RateScale(rawValue: scaleText) else {
                throw table.error("scale", found: "\"\(scaleText)\"",
                                  expected: "one of \(RateScale.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let directionText = try table.optionalString("direction") ?? "higher_is_worse"
            let direction: Int
            switch directionText {
            case "higher_is_worse": direction = 1
            case "higher_is_better": direction = -1
            default:
                throw table.error("direction", found: "\"\(directionText)\"", expected: "higher_is_worse or higher_is_better")
            }
            let definition: IndicatorSpec.Definition
            var numeratorSource: String?, denominatorSource: String?
            if let column = try table.optionalString("value_column") {
                numeratorSource = try table.optionalString("source")
                for key in ["numerator", "denominator", "numerator_column", "denominator_column"] where table.contains(key) {
                    throw table.error(key, found: "\(key) beside value_column", expected: "either counts or a published value")
                }
                definition = .published(column: column)
            } else {
                guard scale != .percentagePoints else {
                    throw table.error("scale", found: "percentage_points for a rate", expected: "a rate scale (percent, permille, ...)")
                }
                let numerator = try term(table, filterKey: "numerator", columnKey: "numerator_column", allowAll: false)
                let denominator = try term(table, filterKey: "denominator", columnKey: "denominator_column", allowAll: true)
                definition = .rate(numerator: numerator.term, denominator: denominator.term)
                numeratorSource = numerator.source
                denominatorSource = denominator.source
            }
            indicators.append(IndicatorSpec(
                id: id, label: try table.optionalString("label") ?? id, definition: definition,
                scale: scale, numeratorSource: numeratorSource, denominatorSource: denominatorSource,
                direction: direction, line: table.document.line(of: table.path)))
        }
        return indicators
    }

    /// A numerator or denominator: a filter string (`"age < 15"`, `"*"`), a `_column` key, or an
    /// inline table naming its source: `{ source = "einwohner", filter = "age < 15" }`,
    /// `{ source = "ba_sgb2", column = "sgb2_u15" }`, `{ source = "einwohner" }` (all records).
    private static func term(_ table: SpecTable, filterKey: String, columnKey: String, allowAll: Bool)
        throws -> (term: IndicatorSpec.Term, source: String?)
    {
        if case .table(let values)? = table.values[filterKey] {
            if table.contains(columnKey) {
                throw table.error(columnKey, found: "\(columnKey) beside \(filterKey) = { ... }", expected: "one of them")
            }
            let inline = SpecTable(document: table.document, path: table.path.appending(filterKey), values: values)
            try inline.rejectUnknownKeys(allowed: ["source", "filter", "column"])
            let source = try inline.string("source")
            switch (try inline.optionalString("filter"), try inline.optionalString("column")) {
            case (let filter?, nil): return (filter == "*" || filter == "all" ? .all : .filter(filter), source)
            case (nil, let column?): return (.column(column), source)
            case (nil, nil): return (.all, source)
            default:
                throw table.error(filterKey, found: "both filter and column", expected: "filter = \"FILTER\" (records) or column = \"COLUMN\" (area tables)")
            }
        }
        switch (try table.optionalString(filterKey), try table.optionalString(columnKey)) {
        case (let filter?, nil): return (filter == "*" || filter == "all" ? .all : .filter(filter), nil)
        case (nil, let column?): return (.column(column), nil)
        case (nil, nil) where allowAll: return (.all, nil)
        default:
            throw table.error(filterKey, found: "both or neither of \(filterKey) and \(columnKey)",
                              expected: "\(filterKey) = \"FILTER\" (persons) or \(columnKey) = \"COLUMN\" (area tables)")
        }
    }
}
