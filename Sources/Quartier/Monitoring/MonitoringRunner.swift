import Foundation
import QuartierBase
import QuartierDigest
import QuartierGeometry

/// Runs a monitoring spec: aggregation per year, roll-up through the hierarchy, indicators with
/// intervals and dynamics, into one GeoPackage store.
///
/// Incremental: the counts of every (year, term) are kept in the store with the hash of what they
/// depend on (the persons file's content, the lowest level's area file and columns, the boundary
/// rule, Quartier's version); a run recomputes only the counts whose hash changed (`full` forces
/// all). The cheap derived steps (roll-up, rates, dynamics) are always recomputed from the counts.
/// When nothing changed and the store holds the same spec, the store is left untouched.
public struct MonitoringRunner: Sendable {
    public var spec: MonitoringSpec
    public var full: Bool
    public var threads: Int
    /// Replace an existing store path that is not a store of this monitoring (never an input).
    public var force = false
    /// Called with one line per step ("counts 2021: 2 terms recomputed in 0.41 s").
    public var log: @Sendable (String) -> Void

    public init(spec: MonitoringSpec, full: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.spec = spec
        self.full = full
        self.threads = threads
        self.log = log
    }

    /// What a run did.
    public struct Report: Sendable {
        public var steps: [StepRecord]
        /// False when nothing had changed and the store was left as it was.
        public var storeWritten: Bool
        public var provenance: Provenance
        public var results: MonitoringResults
        /// The areas of each level (level id → areas, in the working CRS).
        public var areas: [String: AreaSet]
    }

    public func run() throws -> Report {
        try MonitoringStore.checkTarget(spec: spec, force: force)
        let clock = ContinuousClock()
        let specHash = ContentHash.sha256(spec.document.text)
        let cache = full ? nil : try MonitoringStore.readCache(path: spec.storePath)
        var steps: [StepRecord] = []

        // Areas of every level, in the working CRS, current boundary version.
        var levels: [LevelAreas] = []
        var inputs: [Provenance.Input] = []
        for level in spec.levels {
            let start = clock.now
            let areas: AreaSet
            let hash: String
            if let version = level.currentVersion {
                let input = try Self.input(role: "areas \(level.id) \(version.name)", path: version.file, cache: cache)
                inputs.append(input)
                let fileHash = input.sha256
                areas = try AreaSet.load(path: version.file, options: AreaSet.LoadOptions(
                    layer: version.layer, idColumn: version.idColumn, nameColumn: version.nameColumn,
                    parentColumns: version.parentColumn.map { [$0] } ?? [], sourceCRS: version.crs,
                    targetCRS: spec.workingCRS))
                hash = ContentHash.sha256([fileHash, version.layer ?? "", version.idColumn, version.nameColumn ?? "",
                                           version.parentColumn ?? "", spec.workingCRS.definition].joined(separator: "\u{1F}"))
            } else {
                let child = levels[levels.count - 1]
                areas = try child.areas.dissolved(parentColumn: level.derivedParentColumn)
                hash = ContentHash.sha256([child.hash, "dissolved", level.derivedParentColumn ?? ""].joined(separator: "\u{1F}"))
            }
            levels.append(LevelAreas(spec: level, areas: areas, hash: hash))
            steps.append(StepRecord(step: "areas:\(level.id)", inputHash: hash,
                                    recomputed: cache?.stepHashes["areas:\(level.id)"] != hash,
                                    seconds: (clock.now - start).inSeconds))
        }

        // Counts per year at the lowest level, only for (year, term) pairs whose inputs changed.
        let terms = Self.terms(of: spec.indicators)
        let lowest = levels[0]
        var lowestCounts: [Int: CountTable] = [:]
        var recordCounts: [Provenance.RecordCounts] = []
        var publishedValues: [Int: [String: [String: Double?]]] = [:]
        var validity: [Int: [String: String?]] = [:]
        for source in spec.sources {
            if case .areaTable(let tableSource) = source.kind {
                let start = clock.now
                inputs.append(try Self.input(role: "table \(source.year)", path: tableSource.file, cache: nil))
                let read = try AreaTableReading(source: tableSource, year: source.year, indicators: spec.indicators,
                                                areaIDs: lowest.sortedIDs)
                lowestCounts[source.year] = read.counts
                publishedValues[source.year] = read.published
                validity[source.year] = read.validity
                recordCounts.append(Provenance.RecordCounts(year: source.year, records: read.rows, assigned: read.rows,
                                                            unassigned: 0, onBoundary: 0, rejected: 0))
                steps.append(StepRecord(step: "table:\(source.year)", inputHash: inputs.last!.sha256, recomputed: true,
                                        seconds: (clock.now - start).inSeconds))
                log("table \(source.year): \(read.rows) rows of \(tableSource.file) read in \(String(format: "%.2f", (clock.now - start).inSeconds)) s")
                continue
            }
            guard case .persons(let file, let x, let y, let crs) = source.kind else { continue }
            let start = clock.now
            let input = try Self.input(role: "persons \(source.year)", path: file, cache: cache)
            inputs.append(input)
            let fileHash = input.sha256
            let base = ContentHash.sha256([fileHash, lowest.hash, x, y, crs?.definition ?? "", BoundaryRule.contains.rawValue,
                                           QuartierVersion.string].joined(separator: "\u{1F}"))
            let stepHash = { (term: String) in ContentHash.sha256(base + "\u{1F}" + term) }
            let missing = terms.filter { cache?.stepHashes["counts:\(source.year):\($0)"] != stepHash($0) }
            var columns: [String: [Int64]] = [:]
            if let cached = cache?.counts[source.year], cached.areaIDs == lowest.sortedIDs {
                for term in terms where !missing.contains(term) {
                    guard let column = cached.column(term) else { continue }
                    columns[term] = (0..<cached.areaIDs.count).map { cached[$0, column] }
                }
            }
            let toCompute = terms.filter { columns[$0] == nil }
            var summary = cache?.records[source.year]
            if !toCompute.isEmpty || summary == nil {
                let (computed, aggregationSummary) = try aggregate(
                    file: file, x: x, y: y, crs: crs, areas: lowest, terms: toCompute)
                for (term, values) in computed { columns[term] = values }
                summary = Provenance.RecordCounts(
                    year: source.year, records: aggregationSummary.records, assigned: aggregationSummary.assigned,
                    unassigned: aggregationSummary.unassigned, onBoundary: aggregationSummary.onBoundary,
                    rejected: aggregationSummary.rejected)
            }
            recordCounts.append(summary!)
            var flat: [Int64] = []
            flat.reserveCapacity(lowest.sortedIDs.count * terms.count)
            for row in 0..<lowest.sortedIDs.count {
                for term in terms { flat.append(columns[term]![row]) }
            }
            lowestCounts[source.year] = CountTable(areaIDs: lowest.sortedIDs, terms: terms, counts: flat)
            let seconds = (clock.now - start).inSeconds
            for term in terms {
                steps.append(StepRecord(step: "counts:\(source.year):\(term)", inputHash: stepHash(term),
                                        recomputed: toCompute.contains(term), seconds: toCompute.contains(term) ? seconds : 0))
            }
            log(toCompute.isEmpty
                ? "counts \(source.year): unchanged (\(terms.count) terms from the store)"
                : "counts \(source.year): \(toCompute.count) of \(terms.count) terms recomputed in \(String(format: "%.2f", seconds)) s")
        }

        // Roll-up, rates, dynamics: derived from the counts.
        let start = clock.now
        let results = try MonitoringResults.derive(spec: spec, levels: levels, lowestCounts: lowestCounts,
                                                   publishedValues: publishedValues, validity: validity)
        steps.append(StepRecord(step: "indicators", inputHash: specHash, recomputed: true, seconds: (clock.now - start).inSeconds))

        let provenance = Provenance(
            specSHA256: specHash, quartierVersion: QuartierVersion.string,
            runAt: ISO8601DateFormatter().string(from: Date()), inputs: inputs, records: recordCounts)
        let changed = cache == nil || cache?.specSHA256 != specHash
            || steps.contains { $0.recomputed && $0.step != "indicators" && !$0.step.hasPrefix("table:") }
            || steps.contains { $0.step.hasPrefix("table:") && cache?.stepHashes[$0.step] != $0.inputHash }
        if changed {
            let writeStart = clock.now
            try MonitoringStore.write(path: spec.storePath, monitoring: spec.name, levels: levels, results: results, index: spec.index,
                                      provenance: provenance, steps: steps, log: log)
            log("store: written \(spec.storePath) in \(String(format: "%.2f", (clock.now - writeStart).inSeconds)) s")
        } else {
            log("store: nothing changed, \(spec.storePath) left as it was")
        }
        return Report(steps: steps, storeWritten: changed, provenance: provenance, results: results,
                      areas: Dictionary(uniqueKeysWithValues: levels.map { ($0.spec.id, $0.areas) }))
    }

    /// Counts `terms` per area of the lowest level for one persons file.
    private func aggregate(file: String, x: String, y: String, crs: CRS?, areas: LevelAreas, terms: [String])
        throws -> (columns: [String: [Int64]], summary: AggregationSummary)
    {
        if let crs, crs != spec.workingCRS {
            throw CRSMismatchError(source: file, found: crs, expected: spec.workingCRS)
        }
        let columns: [AggregationSpec.Column] = try terms.filter { $0 != "n" }.map { term in
            .count(name: term, filter: try RecordFilter(term))
        }
        let locator = AreaLocator(areas: areas.sortedGeometries)
        let result = try Aggregator.run(
            pointsPath: file, locator: locator,
            spec: AggregationSpec(xField: x, yField: y, columns: columns, boundaryRule: .contains, threads: threads))
        var output: [String: [Int64]] = [:]
        for term in terms {
            let column = term == "n" ? 0 : result.columnNames.firstIndex(of: term)!
            output[term] = (0..<areas.sortedIDs.count).map { result.value(area: $0, column: column) }
        }
        return (output, result.summary)
    }

    /// The count terms the indicators need: `n` (all records) and each distinct filter, in spec order.
    static func terms(of indicators: [IndicatorSpec]) -> [String] {
        var terms = ["n"]
        for indicator in indicators {
            guard case .rate(let numerator, let denominator) = indicator.definition else { continue }
            for term in [numerator, denominator] {
                guard case .filter(let filter) = term, !terms.contains(filter) else { continue }
                terms.append(filter)
            }
        }
        return terms
    }

    /// An input file with its SHA-256, re-hashed unless its stat data is unchanged since the
    /// previous run (`Provenance.Input.read`); `--full` (no cache) always hashes.
    static func input(role: String, path: String, cache: MonitoringStore.Cache?) throws -> Provenance.Input {
        try Provenance.Input.read(role: role, path: path, previous: cache?.inputs[path])
    }

}

/// The areas of one level, with the order every table of the level uses (ids sorted).
struct LevelAreas: Sendable {
    var spec: AreaLevelSpec
    var areas: AreaSet
    var hash: String
    /// Indices into `areas.areas`, sorted by id.
    var order: [Int]

    init(spec: AreaLevelSpec, areas: AreaSet, hash: String) {
        self.spec = spec
        self.areas = areas
        self.hash = hash
        self.order = areas.areas.indices.sorted { areas.areas[$0].id < areas.areas[$1].id }
    }

    var sortedIDs: [String] { order.map { areas.areas[$0].id } }
    var sortedGeometries: [MultiPolygon] { order.map { areas.areas[$0].geometry } }

    /// Child id → parent id from the level's parent column.
    var parentOf: [String: String] {
        var map: [String: String] = [:]
        for area in areas.areas { if let parent = area.parentIDs.first ?? nil { map[area.id] = parent } }
        return map
    }
}
