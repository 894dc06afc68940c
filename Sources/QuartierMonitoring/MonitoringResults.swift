import Quartier
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
    /// The simulated rank interval of each ranked index area (`IndexRankUncertainty`).
    public var rankUncertainty: [IndexRankUncertainty.Summary] = []
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

    /// Rolls the counts up through the hierarchy and computes rates and dynamics.
    ///
    /// Each level's table of a year is the level below rolled up, beside the counts that enter at
    /// this level (area tables or records with an area id of this level). A parent's rate is its
    /// summed numerator over its summed denominator (counts before rates); numerator and
    /// denominator may come from different sources, joined per area before anything is divided.
    /// A masked numerator or denominator (a publisher's suppression, or a sum including one) gives
    /// no rate, and the indicator carries the mask's reason.
    /// - Parameters:
    ///   - entered: per year, per level id, the counts that enter at that level.
    ///   - publishedValues: per year, per column of an area table, its level and the value of each area.
    ///   - validity: per year, the publisher's verdict per lowest-level area (nil reason = valid).
    static func derive(spec: MonitoringSpec, levels: [LevelAreas], entered: [Int: [String: CountTable]],
                       publishedValues: [Int: [String: (level: String, values: [String: Double?])]] = [:],
                       validity: [Int: [String: String?]] = [:]) throws -> MonitoringResults {
        var counts: [String: [Int: CountTable]] = [:]
        for year in spec.years {
            var below: CountTable?
            for (index, level) in levels.enumerated() {
                var table = CountTable(areaIDs: level.sortedIDs, terms: [], counts: [])
                if let below {
                    table = try below.rolledUp(parentOf: levels[index - 1].parentOf, parentIDs: level.sortedIDs, level: level.spec.id)
                }
                if let here = entered[year]?[level.spec.id] { table = table.merging(here) }
                counts[level.spec.id, default: [:]][year] = table
                below = table
            }
        }

        var indicators: [IndicatorValue] = []
        for level in levels {
            for year in spec.years {
                guard let table = counts[level.spec.id]?[year] else { continue }
                for indicator in spec.indicators {
                    guard case .rate = indicator.definition else {
                        // A published value: only at the level of its table (no counts to roll up).
                        guard case .published(let column) = indicator.definition,
                              let published = publishedValues[year]?[column], published.level == level.spec.id else { continue }
                        for id in table.areaIDs {
                            indicators.append(IndicatorValue(
                                level: level.spec.id, areaID: id, year: year, indicator: indicator.id,
                                numerator: nil, denominator: nil, value: published.values[id] ?? nil, low: nil, high: nil))
                        }
                        continue
                    }
                    // A term this year's sources do not have (a source missing that year, or a
                    // source entering above this level).
                    guard let keys = spec.countKeys(of: indicator, year: year),
                          let numerator = table.column(keys.numerator),
                          let denominator = table.column(keys.denominator) else { continue }
                    for (row, id) in table.areaIDs.enumerated() {
                        let numeratorMask = table.mask(row: row, column: numerator)
                        let denominatorMask = table.mask(row: row, column: denominator)
                        if numeratorMask != nil || denominatorMask != nil {
                            indicators.append(IndicatorValue(
                                level: level.spec.id, areaID: id, year: year, indicator: indicator.id,
                                numerator: numeratorMask == nil ? table[row, numerator] : nil,
                                denominator: denominatorMask == nil ? table[row, denominator] : nil,
                                value: nil, low: nil, high: nil, masked: numeratorMask ?? denominatorMask))
                            continue
                        }
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
}
