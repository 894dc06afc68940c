import Synchronization
import Foundation
import Quartier
import QuartierBase
import QuartierGeocoding
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
    /// Where the results are kept (default: the GeoPackage at `spec.storePath`; a PostgreSQL URL there
    /// needs a backend from `QuartierPostGIS`, which the command line picks).
    public var store: (any MonitoringStoreBackend)?

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
        let store = try store ?? spec.defaultStore()
        try store.checkTarget(spec: spec, force: force)
        let clock = ContinuousClock()
        let specHash = ContentHash.sha256(spec.document.text)
        let cache = full ? nil : try store.readCache()
        let hashes = InputHashes(paths: plannedInputs(), previous: cache?.inputs ?? [:])
        defer { hashes.cancel() }
        // Without a store to reuse counts from, every record source is counted: the house-coordinate
        // indexes are built in the background from the start (beside the areas' loading).
        var prebuiltGeocoders: [HouseCoordinateSpec: BackgroundValue<Geocoder>] = [:]
        if cache == nil {
            for source in spec.sources {
                guard case .addressRecords(let records) = source.kind, prebuiltGeocoders[records.houseCoordinates] == nil else { continue }
                let houses = records.houseCoordinates
                prebuiltGeocoders[houses] = BackgroundValue(name: "quartier house coordinates") {
                    try AddressPlacer.geocoder(houseCoordinates: houses)
                }
            }
        }
        var steps: [StepRecord] = []

        var prebuiltLocator: BackgroundValue<AreaLocator>?

        // Areas of every level, in the working CRS, current boundary version.
        var levels: [LevelAreas] = []
        var inputs: [Provenance.Input] = []
        for level in spec.levels {
            let start = clock.now
            let areas: AreaSet
            let hash: String
            if let version = level.currentVersion {
                let input = try hashes.input(role: "areas \(level.id) \(version.name)", path: version.file)
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
            // Without a store to reuse counts from, records at coordinates or addresses are located:
            // the lowest level's locator is built in the background while the levels above are formed.
            if levels.count == 1, cache == nil, spec.sources.contains(where: { $0.needsLocator }) {
                let geometries = levels[0].sortedGeometries
                prebuiltLocator = BackgroundValue(name: "quartier locator") { AreaLocator(areas: geometries) }
            }
            steps.append(StepRecord(step: "areas:\(level.id)", inputHash: hash,
                                    recomputed: cache?.stepHashes["areas:\(level.id)"] != hash,
                                    seconds: (clock.now - start).inSeconds))
        }

        // Counts per year and source, at the level each source enters the hierarchy (records at
        // coordinates or addresses: the lowest). Counts of persons files are reused from the store
        // for (year, term) pairs whose inputs did not change.
        let lowest = levels[0]
        var entered: [Int: [String: CountTable]] = [:]   // year → level → counts
        func enter(_ table: CountTable, year: Int, level: String) {
            entered[year, default: [:]][level] = entered[year]?[level].map { $0.merging(table) } ?? table
        }
        var recordCounts: [Provenance.RecordCounts] = []
        var publishedValues: [Int: [String: (level: String, values: [String: Double?])]] = [:]
        var validity: [Int: [String: String?]] = [:]
        var areaLocator: AreaLocator?
        var geocoders: [HouseCoordinateSpec: (geocoder: Geocoder, houses: HouseAreas)] = [:]
        var counted: [String: [Int: (counts: CountTable, records: Provenance.RecordCounts)]] = [:] // source → year → counts
        for source in spec.sources {
            let start = clock.now
            let terms = spec.terms(of: source)
            let levelID = source.level ?? lowest.spec.id
            guard let level = levels.first(where: { $0.spec.id == levelID }) else {
                throw InputError(InputLocation(file: spec.document.path, line: source.line, field: "sources.level"),
                                 found: "\"\(InputError.excerpt(levelID))\"", expected: "one of the levels \(spec.levels.map(\.id).joined(separator: ", "))")
            }
            let label = spec.namedSources ? "\(source.year) \(source.name)" : "\(source.year)"
            switch source.kind {
            case .areaTable(let tableSource):
                inputs.append(try hashes.input(role: "table \(label)", path: tableSource.file))
                let publishedColumns = spec.indicators.compactMap { indicator -> String? in
                    guard case .published(let column) = indicator.definition,
                          spec.source(named: indicator.numeratorSource, in: source.year)?.name == source.name else { return nil }
                    return column
                }
                let read = try AreaTableReading(source: source, table: tableSource, terms: terms, publishedColumns: publishedColumns,
                                                areaIDs: level.sortedIDs)
                enter(read.counts, year: source.year, level: levelID)
                for (column, values) in read.published { publishedValues[source.year, default: [:]][column] = (levelID, values) }
                if levelID == lowest.spec.id && validity[source.year] == nil { validity[source.year] = read.validity }
                recordCounts.append(Provenance.RecordCounts(year: source.year, records: read.rows, assigned: read.rows,
                                                            unassigned: 0, onBoundary: 0, rejected: 0, source: source.name))
                steps.append(StepRecord(step: "table:\(label)", inputHash: inputs.last!.sha256, recomputed: true,
                                        seconds: (clock.now - start).inSeconds))
                log("table \(label): \(read.rows) rows of \(tableSource.file) read in \(String(format: "%.2f", (clock.now - start).inSeconds)) s")
            case .areaRecords, .addressRecords:
                // Counts of records at the lowest level are reused from the store while the
                // records file, the house coordinates, the areas and the term are unchanged.
                let recordsInput = try hashes.input(role: "records \(label)", path: source.file)
                inputs.append(recordsInput)
                var parts = [recordsInput.sha256, level.hash, levelID, BoundaryRule.contains.rawValue,
                             source.yearSelector.map { "\($0.column)\u{1F}\($0.isDate)" } ?? "", source.readingKey, QuartierVersion.string]
                var houseCoordinates: HouseCoordinateSpec?
                switch source.kind {
                case .addressRecords(let records):
                    let houses = try hashes.input(role: "house coordinates", path: records.houseCoordinates.file)
                    if !inputs.contains(where: { $0.path == houses.path }) { inputs.append(houses) }
                    parts += [houses.sha256, records.street, records.number, records.suffix ?? "", "\(records.houseCoordinates)"]
                    houseCoordinates = records.houseCoordinates
                case .areaRecords(let records):
                    parts.append(records.idColumn)
                default:
                    break
                }
                let base = ContentHash.sha256(parts.joined(separator: "\u{1F}"))
                let keys = terms.map(\.key)
                let stepHash = { (key: String) in ContentHash.sha256(base + "\u{1F}" + key) }
                var reused: CountTable?
                if levelID == lowest.spec.id, let cached = cache?.counts[source.year], cached.areaIDs == level.sortedIDs,
                   let summary = cache?.records["\(source.year)/\(source.name)"],
                   keys.allSatisfy({ cache?.stepHashes["counts:\(source.year):\($0)"] == stepHash($0) && cached.column($0) != nil }) {
                    var flat: [Int64] = []
                    for row in cached.areaIDs.indices { for key in keys { flat.append(cached[row, cached.column(key)!]) } }
                    reused = CountTable(areaIDs: cached.areaIDs, terms: keys, counts: flat)
                    recordCounts.append(summary)
                }
                if let reused {
                    enter(reused, year: source.year, level: levelID)
                } else {
                    var geocoder: (geocoder: Geocoder, houses: HouseAreas)?
                    if let houseCoordinates {
                        if geocoders[houseCoordinates] == nil {
                            // The locator's grid and the house-coordinate index are built by one
                            // thread each, at the same time (both are single-threaded builds); the
                            // index may be under way since the run started.
                            let prebuilt = prebuiltGeocoders[houseCoordinates]
                            let (locator, loaded) = try Self.concurrently(
                                { [areaLocator, prebuiltLocator] in
                                    areaLocator ?? (try? prebuiltLocator?.value()) ?? AreaLocator(areas: lowest.sortedGeometries) },
                                { try prebuilt?.value() ?? AddressPlacer.geocoder(houseCoordinates: houseCoordinates) })
                            areaLocator = locator
                            let indexed = clock.now
                            let houses = HouseAreas(geocoder: loaded, locator: locator, threads: threads)
                            geocoders[houseCoordinates] = (AddressPlacer.tagged(loaded, houses: houses), houses)
                            log("house coordinates \(houseCoordinates.file): \(loaded.entryCount) addresses indexed in "
                                + "\(String(format: "%.2f", (indexed - start).inSeconds)) s, their areas located in "
                                + "\(String(format: "%.2f", (clock.now - indexed).inSeconds)) s")
                        }
                        geocoder = geocoders[houseCoordinates]
                    }
                    // One pass over the file for every year of the source (a file of several years).
                    if counted[source.name]?[source.year] == nil {
                        let years = spec.sources.filter { $0.name == source.name && $0.file == source.file && $0.kind == source.kind
                            && $0.yearSelector == source.yearSelector && counted[source.name]?[$0.year] == nil }
                        let batch = try countRecords(years: years.map { ($0, spec.terms(of: $0)) }, areaIDs: level.sortedIDs,
                                                     locator: geocoder == nil ? nil : areaLocator, geocoder: geocoder?.geocoder,
                                                     houseAreas: geocoder?.houses)
                        counted[source.name, default: [:]].merge(batch) { new, _ in new }
                    }
                    let (counts, summary) = counted[source.name]![source.year]!
                    enter(counts, year: source.year, level: levelID)
                    recordCounts.append(summary)
                }
                let seconds = (clock.now - start).inSeconds
                for key in keys {
                    steps.append(StepRecord(step: "counts:\(source.year):\(key)", inputHash: stepHash(key),
                                            recomputed: reused == nil, seconds: reused == nil ? seconds : 0))
                }
                log(reused != nil
                    ? "counts \(label): unchanged (\(keys.count) terms from the store)"
                    : "counts \(label): \(keys.count) terms counted in \(String(format: "%.2f", seconds)) s")
            case .persons(let file, let x, let y, let crs):
                let input = try hashes.input(role: "persons \(label)", path: file)
                inputs.append(input)
                let base = ContentHash.sha256([input.sha256, lowest.hash, x, y, crs?.definition ?? "", BoundaryRule.contains.rawValue,
                                               source.yearSelector.map { "\($0.column)\u{1F}\($0.isDate)" } ?? "",
                                               source.readingKey, QuartierVersion.string].joined(separator: "\u{1F}"))
                let keys = terms.map(\.key)
                let stepHash = { (key: String) in ContentHash.sha256(base + "\u{1F}" + key) }
                let missing = keys.filter { cache?.stepHashes["counts:\(source.year):\($0)"] != stepHash($0) }
                var columns: [String: [Int64]] = [:]
                if let cached = cache?.counts[source.year], cached.areaIDs == lowest.sortedIDs {
                    for key in keys where !missing.contains(key) {
                        guard let column = cached.column(key) else { continue }
                        columns[key] = (0..<cached.areaIDs.count).map { cached[$0, column] }
                    }
                }
                let toCompute = terms.filter { columns[$0.key] == nil }
                var summary = cache?.records["\(source.year)/\(source.name)"]
                if !toCompute.isEmpty || summary == nil {
                    if areaLocator == nil { areaLocator = (try? prebuiltLocator?.value()) ?? AreaLocator(areas: lowest.sortedGeometries) }
                    let counted = try countRecords(years: [(source, toCompute)], areaIDs: lowest.sortedIDs, locator: areaLocator,
                                                   geocoder: nil)[source.year]!
                    var computed: [String: [Int64]] = [:]
                    for (k, term) in toCompute.enumerated() {
                        computed[term.key] = (0 ..< lowest.sortedIDs.count).map { counted.counts.counts[$0 * toCompute.count + k] }
                    }
                    for (key, values) in computed { columns[key] = values }
                    summary = counted.records
                }
                recordCounts.append(summary!)
                var flat: [Int64] = []
                flat.reserveCapacity(lowest.sortedIDs.count * keys.count)
                for row in 0..<lowest.sortedIDs.count {
                    for key in keys { flat.append(columns[key]![row]) }
                }
                enter(CountTable(areaIDs: lowest.sortedIDs, terms: keys, counts: flat), year: source.year, level: levelID)
                let seconds = (clock.now - start).inSeconds
                for key in keys {
                    let recomputed = toCompute.contains { $0.key == key }
                    steps.append(StepRecord(step: "counts:\(source.year):\(key)", inputHash: stepHash(key),
                                            recomputed: recomputed, seconds: recomputed ? seconds : 0))
                }
                log(toCompute.isEmpty
                    ? "counts \(label): unchanged (\(keys.count) terms from the store)"
                    : "counts \(label): \(toCompute.count) of \(keys.count) terms recomputed in \(String(format: "%.2f", seconds)) s")
            }
        }
        // Access counts of the offer inventories (`[[offers]]`), at the lowest level.
        let access = try accessCounts(lowestIDs: lowest.sortedIDs, lowestGeometries: lowest.sortedGeometries, lowestHash: lowest.hash,
                                      crs: spec.workingCRS, hashes: hashes)
        for (year, table) in access.counts { enter(table, year: year, level: lowest.spec.id) }
        inputs += access.inputs
        steps += access.steps
        // The population `n` of a named spec: the all-records term of each year's first source.
        if spec.namedSources {
            for year in spec.years {
                guard let first = spec.sources(of: year).first else { continue }
                let level = first.level ?? lowest.spec.id
                guard let table = entered[year]?[level], let column = table.column(spec.countKey(.all, source: first.name)) else { continue }
                var masks: [Int: String] = [:]
                for row in table.areaIDs.indices { if let reason = table.mask(row: row, column: column) { masks[row] = reason } }
                enter(CountTable(areaIDs: table.areaIDs, terms: ["n"], counts: table.areaIDs.indices.map { table[$0, column] }, masked: masks),
                      year: year, level: level)
            }
        }

        // Roll-up, rates, dynamics: derived from the counts.
        let start = clock.now
        var results = try MonitoringResults.derive(spec: spec, levels: levels, entered: entered,
                                                   publishedValues: publishedValues, validity: validity)
        Self.addAccessScores(spec: spec, levels: levels, sums: access.sums, results: &results)
        results.rankUncertainty = try IndexRankUncertainty.simulate(spec: spec, results: results)
        steps.append(StepRecord(step: "indicators", inputHash: specHash, recomputed: true, seconds: (clock.now - start).inSeconds))

        let provenance = Provenance(
            specSHA256: specHash, quartierVersion: QuartierVersion.string,
            runAt: ISO8601DateFormatter().string(from: Date()), inputs: inputs, records: recordCounts)
        let changed = cache == nil || cache?.specSHA256 != specHash
            || steps.contains { $0.recomputed && $0.step.hasPrefix("counts:") }
            || steps.contains { !$0.step.hasPrefix("counts:") && $0.step != "indicators" && cache?.stepHashes[$0.step] != $0.inputHash }
        if changed {
            let writeStart = clock.now
            var tables = MonitoringStoreTables(monitoring: spec.name, levels: levels, results: results, index: spec.index,
                                               provenance: provenance, steps: steps)
            if store.keepsPublishedTables {
                // Through the publication gate; a publication that cannot be protected leaves them empty.
                let areas = Dictionary(uniqueKeysWithValues: levels.map { ($0.spec.id, $0.areas) })
                do {
                    let published = try PublishedResults.protect(spec: spec, results: results, areas: areas, rules: spec.disclosure)
                    tables.tables += MonitoringStoreTables.published(published) + MonitoringStoreTables.accessGaps(spec: spec, published: published)
                } catch {
                    log("store: published tables left empty: \(error)")
                    let empty = PublishedResults.unprotected(spec: spec, results: results, areas: areas)
                    tables.tables += (MonitoringStoreTables.published(empty) + MonitoringStoreTables.accessGaps(spec: spec, published: empty)).map { table in
                        var table = table
                        table.rows = table.name != "published_footnote" ? [] : [
                            [.text("de"), .text("Nichts veröffentlicht: \(error)")], [.text("en"), .text("Nothing published: \(error)")]]
                        return table
                    }
                }
            }
            if !store.keepsPublishedTables { tables.tables += accessGapTables(results: results, levels: levels) }
            if store.keepsPublishedTables {
                log("store: published tables through the publication gate in \(String(format: "%.2f", (clock.now - writeStart).inSeconds)) s")
            }
            let storeStart = clock.now
            try store.write(tables, log: log)
            log("store: written \(store.location) in \(String(format: "%.2f", (clock.now - storeStart).inSeconds)) s")
        } else {
            log("store: nothing changed, \(store.location) left as it was")
        }
        return Report(steps: steps, storeWritten: changed, provenance: provenance, results: results,
                      areas: Dictionary(uniqueKeysWithValues: levels.map { ($0.spec.id, $0.areas) }))
    }

    /// The files the run reads, in the order it reads them: the areas of each level, then per source
    /// its file (and the house coordinates after the first source at an address).
    func plannedInputs() -> [String] {
        var paths = spec.levels.compactMap { $0.currentVersion?.file }
        for source in spec.sources {
            paths.append(source.file)
            if case .addressRecords(let records) = source.kind { paths.append(records.houseCoordinates.file) }
        }
        return paths
    }

    /// `first()` and `second()` run at the same time, one thread each; an error of `second` is rethrown
    /// after both have finished.
    static func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () throws -> B) throws -> (A, B) {
        let firstResult = Mutex<A?>(nil)
        let secondResult = Mutex<Result<B, any Error>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let value = first()
                firstResult.withLock { $0 = value }
            } else {
                let value = Result { try second() }
                secondResult.withLock { $0 = value }
            }
        }
        return (firstResult.withLock { $0! }, try secondResult.withLock { $0! }.get())
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
