import QuartierBase
import QuartierMethods
/// Everything a monitoring run derives from the counts: counts per level, indicators with
/// intervals, and dynamics.
public struct MonitoringResults: Sendable {
    /// Counts per level id and year (the lowest level aggregated, the others rolled up).
    public var counts: [String: [Int: CountTable]]
    /// Indicators, ordered by level (lowest first), year, indicator (spec order), area id.
    public var indicators: [IndicatorValue]
    /// Dynamics, ordered like `indicators`.
    public var dynamics: [DynamicsValue]
    /// The composite index per area of its level (empty without `[index]`).
    public var index: [IndexValue] = []
    /// Figures of years whose boundary version is not the current one, and how they were carried
    /// onto the current boundaries.
    public var carriedOver: [CarriedOver]

    /// One year of one level reported on boundaries other than those valid in that year.
    public struct CarriedOver: Sendable, Hashable {
        public var level: String
        public var year: Int
        public var fromVersion: String
        public var toVersion: String
        /// How: "records re-assigned" (person records located on the current boundaries: exact).
        public var method: String
    }

    /// Rolls the lowest level's counts up through the hierarchy and computes rates and dynamics.
    ///
    /// A parent's rate is its summed numerator over its summed denominator (counts before rates).
    /// - Parameters:
    ///   - publishedValues: per year, per column of an area table, the value of each lowest-level area.
    ///   - validity: per year, the publisher's verdict per lowest-level area (nil reason = valid).
    static func derive(spec: MonitoringSpec, levels: [LevelAreas], lowestCounts: [Int: CountTable],
                       publishedValues: [Int: [String: [String: Double?]]] = [:],
                       validity: [Int: [String: String?]] = [:]) throws -> MonitoringResults {
        var counts: [String: [Int: CountTable]] = [levels[0].spec.id: lowestCounts]
        for index in 1..<max(1, levels.count) where index < levels.count {
            let child = levels[index - 1]
            let parent = levels[index]
            let parentOf = child.parentOf
            var tables: [Int: CountTable] = [:]
            for (year, table) in counts[child.spec.id]! {
                tables[year] = try table.rolledUp(parentOf: parentOf, parentIDs: parent.sortedIDs, level: parent.spec.id)
            }
            counts[parent.spec.id] = tables
        }

        var indicators: [IndicatorValue] = []
        for level in levels {
            for year in spec.years {
                guard let table = counts[level.spec.id]?[year] else { continue }
                for indicator in spec.indicators {
                    guard case .rate(let numeratorTerm, let denominatorTerm) = indicator.definition else {
                        // A published value: only at the level of its table (no counts to roll up).
                        guard case .published(let column) = indicator.definition, level.spec.id == levels[0].spec.id,
                              let published = publishedValues[year]?[column] else { continue }
                        for id in table.areaIDs {
                            indicators.append(IndicatorValue(
                                level: level.spec.id, areaID: id, year: year, indicator: indicator.id,
                                numerator: nil, denominator: nil, value: published[id] ?? nil, low: nil, high: nil))
                        }
                        continue
                    }
                    // A term this year's source does not have (a column of a table in a year of persons).
                    guard let numerator = Self.column(numeratorTerm, in: table),
                          let denominator = Self.column(denominatorTerm, in: table) else { continue }
                    for (row, id) in table.areaIDs.enumerated() {
                        let x = table[row, numerator]
                        let n = table[row, denominator]
                        // Wilson (1927) at 95 %; undefined when the numerator is not a part of the
                        // denominator (a filter pair that is not nested) or the denominator is 0.
                        let interval = n > 0 && x >= 0 && x <= n
                            ? WilsonInterval.interval(successes: Double(x), trials: Double(n)) : nil
                        let factor = indicator.scale.factor
                        indicators.append(IndicatorValue(
                            level: level.spec.id, areaID: id, year: year, indicator: indicator.id,
                            numerator: x, denominator: n, value: n > 0 ? Double(x) / Double(n) * factor : nil,
                            low: interval.map { $0.lower * factor }, high: interval.map { $0.upper * factor }))
                    }
                }
            }
        }

        var dynamics: [DynamicsValue] = []
        if let span = spec.dynamics?.years {
            var valueOf: [String: Double] = [:]
            for value in indicators {
                if let rate = value.value { valueOf["\(value.level)\u{1F}\(value.areaID)\u{1F}\(value.year)\u{1F}\(value.indicator)"] = rate }
            }
            for value in indicators where spec.years.contains(value.year - span) {
                let earlier = valueOf["\(value.level)\u{1F}\(value.areaID)\u{1F}\(value.year - span)\u{1F}\(value.indicator)"]
                dynamics.append(DynamicsValue(
                    level: value.level, areaID: value.areaID, indicator: value.indicator, fromYear: value.year - span,
                    toYear: value.year, change: value.value.flatMap { now in earlier.map { now - $0 } }))
            }
        }
        var carriedOver: [CarriedOver] = []
        for level in spec.levels {
            guard let current = level.currentVersion else { continue }
            for year in spec.years {
                guard let version = level.version(for: year), version != current else { continue }
                carriedOver.append(CarriedOver(level: level.id, year: year, fromVersion: version.name,
                                               toVersion: current.name, method: "records re-assigned"))
            }
        }
        let index: [IndexValue]
        do {
            index = try Self.index(spec: spec, indicators: indicators, dynamics: dynamics, counts: counts, validity: validity)
        } catch {
            let method = spec.index!
            throw InputError(
                InputLocation(file: spec.document.path, line: spec.document.line(of: SpecPath.root.appending("index")), field: "index"),
                found: "\(error) (\(method.method.rawValue) on level \(method.level), year \(method.year ?? spec.years.last ?? 0))",
                expected: "at least two valid areas with every status and dynamics value (check min_population, the years of [dynamics])")
        }
        return MonitoringResults(counts: counts, indicators: indicators, dynamics: dynamics, index: index, carriedOver: carriedOver)
    }

    private static func column(_ term: IndicatorSpec.Term, in table: CountTable) -> Int? {
        switch term {
        case .all: table.column("n")
        case .filter(let filter): table.column(filter)
        case .column(let name): table.column("column:" + name)
        }
    }
}
