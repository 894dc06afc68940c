import Foundation

/// What a new run can reuse from the previous store: the spec's hash, the step hashes, the lowest
/// level's counts per year, the record summaries and the input files as last hashed.
public struct MonitoringStoreCache: Sendable {
    public var specSHA256: String?
    public var stepHashes: [String: String]
    /// The lowest level's counts per year.
    public var counts: [Int: CountTable]
    /// Keyed `year/source`.
    public var records: [String: Provenance.RecordCounts]
    /// Input files by path, as hashed by the previous run.
    public var inputs: [String: Provenance.Input]

    /// Reads the cache from a store's tables; nil when the store is not of the current layout
    /// (`MonitoringStore.layout`) or lacks a table.
    public static func read(from reader: some MonitoringStoreReader) throws -> MonitoringStoreCache? {
        guard let provenanceRows = try reader.rows(of: "provenance", columns: ["key", "value"], level: nil) else { return nil }
        var provenance: [String: String] = [:]
        for row in provenanceRows { if let key = row[0].string, let value = row[1].string { provenance[key] = value } }
        guard provenance["store_layout"] == MonitoringStore.layout,
              let steps = try reader.rows(of: "qt_steps", columns: ["step", "input_hash"], level: nil) else { return nil }
        var hashes: [String: String] = [:]
        for row in steps { if let step = row[0].string { hashes[step] = row[1].string } }
        let lowest = provenance["lowest_level"] ?? ""
        guard let countRows = try reader.rows(of: "counts", columns: ["year", "area_id", "term", "count"], level: lowest) else { return nil }
        var columns: [Int: [String: [String: Int64]]] = [:]
        var ids: [Int: Set<String>] = [:]
        var terms: [Int: [String]] = [:]
        for row in countRows {
            guard let year = row[0].int, let area = row[1].string, let term = row[2].string else { return nil }
            columns[year, default: [:]][term, default: [:]][area] = row[3].int64 ?? 0
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
        guard let recordRows = try reader.rows(
            of: "provenance_records",
            columns: ["year", "source", "records", "assigned", "unassigned", "on_boundary", "rejected", "unmatched", "unmatched_reasons"],
            level: nil) else { return nil }
        var records: [String: Provenance.RecordCounts] = [:]
        for row in recordRows {
            guard let year = row[0].int, let source = row[1].string else { return nil }
            records["\(year)/\(source)"] = Provenance.RecordCounts(
                year: year, records: row[2].int ?? 0, assigned: row[3].int ?? 0, unassigned: row[4].int ?? 0,
                onBoundary: row[5].int ?? 0, rejected: row[6].int ?? 0, source: source, unmatched: row[7].int ?? 0,
                unmatchedReasons: MonitoringStore.reasons(row[8].string))
        }
        guard let inputRows = try reader.rows(
            of: "provenance_inputs", columns: ["role", "path", "bytes", "sha256", "modified", "changed", "device", "inode"],
            level: nil) else { return nil }
        var inputs: [String: Provenance.Input] = [:]
        for row in inputRows {
            guard let role = row[0].string, let path = row[1].string, let sha = row[3].string else { return nil }
            inputs[path] = Provenance.Input(role: role, path: path, bytes: row[2].int64 ?? 0, sha256: sha, modified: row[4].int64 ?? 0,
                                            changed: row[5].int64 ?? 0, device: row[6].int64 ?? 0, inode: row[7].int64 ?? 0)
        }
        return MonitoringStoreCache(specSHA256: provenance["spec_sha256"], stepHashes: hashes, counts: counts, records: records, inputs: inputs)
    }
}
