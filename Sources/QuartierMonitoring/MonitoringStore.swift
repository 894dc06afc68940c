import Foundation
import GRDB
import Quartier
import QuartierBase
import QuartierGeometry

/// The monitoring's results in one GeoPackage: the areas of every level as feature tables
/// (`areas_<level>`), the results as attribute tables keyed by level, area id and year, and the
/// provenance of the run. QGIS and GDAL open it.
///
/// Written whole into a temporary file and renamed onto the store (`GeoPackageWriter.commit()`),
/// so an interrupted or failed run leaves the previous complete store in place.
public enum MonitoringStore {
    /// The layout of the store's tables; a store of another layout is not read as a cache (the run
    /// then recomputes everything and writes the current layout).
    static let layout = "5"

    /// The key of the `provenance` row holding the monitoring's name (`[monitoring] name`).
    static let monitoringKey = "monitoring"

    /// Whether `path` is a store of the monitoring `name`: a GeoPackage (`application_id` 'GPKG')
    /// whose `provenance` table holds `monitoring = name` (or, in a store of an earlier layout that
    /// recorded no name, a `store_layout`). Opened read-only; any failure is false.
    public static func isStore(at path: String, of name: String) -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return false }
        defer { try? queue.close() }
        let found = try? queue.read { db -> Bool in
            guard try Int.fetchOne(db, sql: "PRAGMA application_id") == 1196444487, try db.tableExists("provenance") else { return false }
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = ?", arguments: [monitoringKey]) {
                return stored == name
            }
            // A store of an earlier layout, written before the name was recorded: Quartier's own.
            return try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = 'store_layout'") != nil
        }
        return found ?? false
    }

    /// Refuses a store path that would replace an input of `spec` (always) or an existing file that
    /// is not a store of this monitoring (unless `force`); see `OutputGuard`.
    /// Also removes the temporary files of the store left by dead runs.
    public static func checkTarget(spec: MonitoringSpec, force: Bool) throws {
        TemporaryFiles.removeStale(for: spec.storePath)
        try OutputGuard.check(spec.storePath, kind: "store of the monitoring \"\(InputError.excerpt(spec.name))\"", inputs: spec.inputFiles, force: force,
                              isOwnOutput: { isStore(at: $0, of: spec.name) })
    }

    /// What a new run can reuse from the previous store.
    struct Cache {
        var specSHA256: String?
        var stepHashes: [String: String]
        /// The lowest level's counts per year.
        var counts: [Int: CountTable]
        /// Keyed `year/source`.
        var records: [String: Provenance.RecordCounts]
        /// Input files by path, as hashed by the previous run.
        var inputs: [String: Provenance.Input]
    }

    /// Reads the step hashes and lowest-level counts of an existing store; nil when there is none.
    /// A store that cannot be read as one (an older layout, a foreign file) is treated as absent.
    static func readCache(path: String) throws -> Cache? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db -> Cache? in
            guard try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = 'store_layout'") == layout else {
                return nil
            }
            let steps = try Row.fetchAll(db, sql: "SELECT step, input_hash FROM qt_steps")
            var hashes: [String: String] = [:]
            for row in steps { hashes[row["step"]] = row["input_hash"] }
            let spec = try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = 'spec_sha256'")
            let lowest = try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = 'lowest_level'") ?? ""
            var columns: [Int: [String: [String: Int64]]] = [:]
            var ids: [Int: Set<String>] = [:]
            var terms: [Int: [String]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT year, area_id, term, count FROM counts WHERE level = ? ORDER BY fid", arguments: [lowest])
            while let row = try rows.next() {
                let year: Int = row["year"]
                let term: String = row["term"]
                let area: String = row["area_id"]
                let count: Int64? = row["count"]
                columns[year, default: [:]][term, default: [:]][area] = count ?? 0
                ids[year, default: []].insert(area)
                if !(terms[year]?.contains(term) ?? false) { terms[year, default: []].append(term) }
            }
            var counts: [Int: CountTable] = [:]
            for (year, byTerm) in columns {
                let areaIDs = ids[year]!.sorted()
                let yearTerms = terms[year]!
                var flat: [Int64] = []
                for area in areaIDs { for term in yearTerms { flat.append(byTerm[term]?[area] ?? 0) } }
                counts[year] = CountTable(areaIDs: areaIDs, terms: yearTerms, counts: flat)
            }
            var records: [String: Provenance.RecordCounts] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM provenance_records") {
                let year: Int = row["year"]
                let source: String = row["source"]
                records["\(year)/\(source)"] = Provenance.RecordCounts(
                    year: year, records: row["records"], assigned: row["assigned"], unassigned: row["unassigned"],
                    onBoundary: row["on_boundary"], rejected: row["rejected"], source: source, unmatched: row["unmatched"],
                    unmatchedReasons: Self.reasons(row["unmatched_reasons"]))
            }
            var inputs: [String: Provenance.Input] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM provenance_inputs") {
                let input = Provenance.Input(role: row["role"], path: row["path"], bytes: row["bytes"],
                                             sha256: row["sha256"], modified: row["modified"], changed: row["changed"],
                                             device: row["device"], inode: row["inode"])
                inputs[input.path] = input
            }
            return Cache(specSHA256: spec, stepHashes: hashes, counts: counts, records: records, inputs: inputs)
        }
    }

    /// `unknown-street: 3; unknown-number: 5` → reason → count (as `write` joins them).
    static func reasons(_ text: String?) -> [String: Int] {
        var reasons: [String: Int] = [:]
        for part in (text ?? "").components(separatedBy: "; ") {
            guard let colon = part.range(of: ": ", options: .backwards), let count = Int(part[colon.upperBound...]) else { continue }
            reasons[String(part[..<colon.lowerBound])] = count
        }
        return reasons
    }

    /// Writes a complete store to `path` (atomically).
    static func write(path: String, monitoring: String, levels: [LevelAreas], results: MonitoringResults, index: MonitoringIndexSpec?,
                      provenance: Provenance, steps: [StepRecord], log: (String) -> Void = { _ in }) throws {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ what: String) {
            let now = clock.now
            log("  store \(what): \(String(format: "%.2f", (now - mark).inSeconds)) s")
            mark = now
        }
        let writer = try GeoPackageWriter(path: path)
        for level in levels {
            let fields = [GeoPackageField("area_id", .text), GeoPackageField("name", .text), GeoPackageField("parent_id", .text)]
            let features = level.order.map { index -> Feature in
                let area = level.areas.areas[index]
                return Feature(geometry: .multiPolygon(area.geometry), properties: [
                    Property("area_id", .text(area.id)),
                    Property("name", area.name.map { .text($0) } ?? .null),
                    Property("parent_id", (area.parentIDs.first ?? nil).map { .text($0) } ?? .null),
                ])
            }
            try writer.writeFeatureTable(name: "areas_\(level.spec.id)", crs: level.areas.crs, geometryType: "MULTIPOLYGON",
                                         fields: fields, features: features, description: level.spec.label)
        }

        lap("areas")
        var countRows: [[(any DatabaseValueConvertible)?]] = []
        for level in levels {
            for (year, table) in results.counts[level.spec.id]!.sorted(by: { $0.key < $1.key }) {
                for (row, id) in table.areaIDs.enumerated() {
                    for (column, term) in table.terms.enumerated() {
                        let mask = table.mask(row: row, column: column)
                        countRows.append([level.spec.id, id, year, term, mask == nil ? table[row, column] : nil, mask])
                    }
                }
            }
        }
        try writer.writeAttributeTable(
            name: "counts",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("term", .text), .init("count", .integer),
                      .init("masked", .text)],
            rows: countRows, indexOn: ["level", "area_id", "year"],
            description: "Counts per area, year and term (`n` = all records of the year's first source; `SOURCE/FILTER`, `SOURCE/column:NAME`); count NULL and masked = the reason when a publisher masked the cell or a sum includes such a cell")
        lap("counts (\(countRows.count) rows)")

        try writer.writeAttributeTable(
            name: "indicators",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("indicator", .text),
                      .init("numerator", .integer), .init("denominator", .integer), .init("value", .real),
                      .init("ci_low", .real), .init("ci_high", .real), .init("masked", .text)],
            rows: results.indicators.map { [$0.level, $0.areaID, $0.year, $0.indicator, $0.numerator, $0.denominator, $0.value, $0.low, $0.high, $0.masked] },
            indexOn: ["level", "area_id", "year"],
            description: "Indicators: numerator, denominator, rate in the indicator's scale, 95 % Wilson interval")
        lap("indicators (\(results.indicators.count) rows)")

        try writer.writeAttributeTable(
            name: "dynamics",
            columns: [.init("level", .text), .init("area_id", .text), .init("indicator", .text), .init("from_year", .integer),
                      .init("to_year", .integer), .init("change", .real)],
            rows: results.dynamics.map { [$0.level, $0.areaID, $0.indicator, $0.fromYear, $0.toYear, $0.change] },
            indexOn: ["level", "area_id"], description: "Change of each indicator in scale units (percentage points for %)")

        if let index {
            let columns: [AttributeColumn] = [.init("level", .text), .init("area_id", .text), .init("year", .integer),
                                              .init("valid", .boolean), .init("invalid_reason", .text)]
                + index.status.map { .init("z_\($0)", .real) }
                + [.init("status_sum", .real), .init("status_index", .real), .init("status_class", .text)]
                + index.dynamics.map { .init("dz_\($0)", .real) }
                + [.init("dynamics_sum", .real), .init("dynamics_index", .real), .init("dynamics_class", .text),
                   .init("combined_class", .text), .init("rank", .integer)]
            let rows: [[(any DatabaseValueConvertible)?]] = results.index.map { value in
                var row: [(any DatabaseValueConvertible)?] = [index.level, value.areaID, value.year, value.valid, value.invalidReason]
                row += value.statusZ.map { $0 }
                row += [value.statusSum, value.statusIndex, value.statusClass]
                row += value.dynamicsZ.map { $0 }
                row += [value.dynamicsSum, value.dynamicsIndex, value.dynamicsClass, value.combinedClass, value.rank]
                return row
            }
            try writer.writeAttributeTable(
                name: "index_results", columns: columns, rows: rows, indexOn: ["area_id"],
                description: "Composite index (\(index.method.rawValue), SD divisor \(index.divisor.rawValue)): z-values, sums, index, classes, rank (1 = most disadvantaged, ties min)")
            try writeRankUncertainty(writer, results.rankUncertainty, level: index.level)
        }

        try writer.writeAttributeTable(
            name: "carried_over",
            columns: [.init("level", .text), .init("year", .integer), .init("from_version", .text),
                      .init("to_version", .text), .init("method", .text)],
            rows: results.carriedOver.map { [$0.level, $0.year, $0.fromVersion, $0.toVersion, $0.method] },
            description: "Years reported on boundaries other than their own, and how they were carried over")

        try writer.writeAttributeTable(
            name: "provenance", columns: [.init("key", .text), .init("value", .text)],
            rows: [[monitoringKey, monitoring], ["spec_sha256", provenance.specSHA256], ["quartier_version", provenance.quartierVersion],
                   ["store_layout", layout],
                   ["run_at", provenance.runAt], ["lowest_level", levels[0].spec.id]],
            description: "Spec hash, Quartier version and time of the run")
        try writer.writeAttributeTable(
            name: "provenance_inputs",
            columns: [.init("role", .text), .init("path", .text), .init("bytes", .integer), .init("sha256", .text),
                      .init("modified", .integer), .init("changed", .integer), .init("device", .integer), .init("inode", .integer)],
            rows: provenance.inputs.map { [$0.role, $0.path, $0.bytes, $0.sha256, $0.modified, $0.changed, $0.device, $0.inode] },
            description: "Input files with size, SHA-256, modification and status-change time (ns since 1970), device and inode")
        try writer.writeAttributeTable(
            name: "provenance_records",
            columns: [.init("year", .integer), .init("source", .text), .init("records", .integer), .init("assigned", .integer),
                      .init("unassigned", .integer), .init("on_boundary", .integer), .init("unmatched", .integer),
                      .init("rejected", .integer), .init("unmatched_reasons", .text)],
            rows: provenance.records.map {
                [$0.year, $0.source, $0.records, $0.assigned, $0.unassigned, $0.onBoundary, $0.unmatched, $0.rejected,
                 $0.unmatchedReasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")]
            },
            description: "What happened to every record, per source and year: records = assigned + unassigned + on_boundary + unmatched + rejected")
        try writer.writeAttributeTable(
            name: "qt_steps",
            columns: [.init("step", .text), .init("input_hash", .text), .init("recomputed", .boolean), .init("seconds", .real)],
            rows: steps.map { [$0.step, $0.inputHash, $0.recomputed, $0.seconds] },
            description: "Steps of the run with the hash of their inputs (for incremental runs)")
        lap("dynamics and provenance")
        try writer.commit()
        lap("commit")
    }
}
