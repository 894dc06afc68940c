import Foundation
import QuartierBase
import QuartierTable

/// What to count per area: the columns of the output after `n`.
public struct AggregationSpec: Sendable {
    /// One output column.
    public enum Column: Sendable, Hashable {
        /// The sum of a numeric field (0/1 flags, counts; at most six decimals, summed exactly).
        case sum(field: String)
        /// The number of records for which the filter is true (SQL's rule for missing values).
        case count(name: String, filter: RecordFilter)

        public var name: String {
            switch self {
            case .sum(let field): field
            case .count(let name, _): name
            }
        }
    }

    public var xField: String
    public var yField: String
    /// Places records that carry an address or an area id instead of coordinates (then `xField` and
    /// `yField` are not read); nil: records at coordinates.
    public var placer: (any RecordPlacer)?
    /// For a file of several years: which year's counts each record goes to; nil: one slot.
    public var slots: RecordSlots?
    public var columns: [Column]
    public var boundaryRule: BoundaryRule
    /// Stop at the first rejected record instead of going on.
    public var strict: Bool
    /// Keep the unassigned, on-boundary and rejected records' lines for `--unassigned`.
    public var keepUnassigned: Bool
    /// Worker threads (≥ 1). The output does not depend on it.
    public var threads: Int
    /// Bytes of CSV per chunk (the unit of parallel work; memory is threads × chunk size); nil =
    /// automatic (about 16 chunks per thread, between 256 KiB and 4 MiB). The output does not depend on it.
    public var chunkSize: Int?
    /// How the points file is read (`CSVRecordReader`'s rules): forced delimiter, encoding, decimal
    /// style; suppression markers and sentinels, which filters see as missing.
    public var table: TableOptions

    public init(xField: String = "x", yField: String = "y", columns: [Column] = [],
                boundaryRule: BoundaryRule, strict: Bool = false, keepUnassigned: Bool = false,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int? = nil,
                table: TableOptions = TableOptions(), placer: (any RecordPlacer)? = nil, slots: RecordSlots? = nil) {
        self.table = table
        self.placer = placer
        self.slots = slots
        self.xField = xField
        self.yField = yField
        self.columns = columns
        self.boundaryRule = boundaryRule
        self.strict = strict
        self.keepUnassigned = keepUnassigned
        self.threads = max(1, threads)
        self.chunkSize = chunkSize.map { max(1 << 12, $0) }
    }
}

/// A record that could not be used, with where and why.
public struct Rejection: Sendable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// The accounting of a run (of one slot): records = assigned + unassigned + onBoundary + unmatched +
/// rejected, always.
public struct AggregationSummary: Sendable, Hashable, Codable {
    public var records: Int
    public var assigned: Int
    /// Inside no area.
    public var unassigned: Int
    /// On an area's boundary and, under the boundary rule in force, in no area.
    public var onBoundary: Int
    /// Unparseable or missing coordinates or fields.
    public var rejected: Int
    /// Placed by a `RecordPlacer` nowhere (an address or area id that matches nothing), by reason.
    public var unmatched: Int = 0
    public var unmatchedReasons: [String: Int] = [:]
    public var areas: Int
    public var boundaryRule: String
    /// The first rejected records (at most `AggregationSummary.rejectionSample`).
    public var firstRejections: [Rejection]

    public static let rejectionSample = 10

    enum CodingKeys: String, CodingKey {
        case records, assigned, unassigned, onBoundary = "on_boundary", rejected, areas
        case boundaryRule = "boundary_rule", firstRejections = "first_rejections"
        case unmatched, unmatchedReasons = "unmatched_reasons"
    }

    public init(records: Int, assigned: Int, unassigned: Int, onBoundary: Int, rejected: Int, areas: Int, boundaryRule: String,
                firstRejections: [Rejection]) {
        self.records = records
        self.assigned = assigned
        self.unassigned = unassigned
        self.onBoundary = onBoundary
        self.rejected = rejected
        self.areas = areas
        self.boundaryRule = boundaryRule
        self.firstRejections = firstRejections
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        records = try c.decode(Int.self, forKey: .records)
        assigned = try c.decode(Int.self, forKey: .assigned)
        unassigned = try c.decode(Int.self, forKey: .unassigned)
        onBoundary = try c.decode(Int.self, forKey: .onBoundary)
        rejected = try c.decode(Int.self, forKey: .rejected)
        areas = try c.decode(Int.self, forKey: .areas)
        boundaryRule = try c.decode(String.self, forKey: .boundaryRule)
        firstRejections = try c.decode([Rejection].self, forKey: .firstRejections)
        unmatched = try c.decodeIfPresent(Int.self, forKey: .unmatched) ?? 0
        unmatchedReasons = try c.decodeIfPresent([String: Int].self, forKey: .unmatchedReasons) ?? [:]
    }

    /// Records at coordinates have no `unmatched` (written only when a placer could report it).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(records, forKey: .records)
        try c.encode(assigned, forKey: .assigned)
        try c.encode(unassigned, forKey: .unassigned)
        try c.encode(onBoundary, forKey: .onBoundary)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(areas, forKey: .areas)
        try c.encode(boundaryRule, forKey: .boundaryRule)
        try c.encode(firstRejections, forKey: .firstRejections)
        if unmatched > 0 || !unmatchedReasons.isEmpty {
            try c.encode(unmatched, forKey: .unmatched)
            try c.encode(unmatchedReasons, forKey: .unmatchedReasons)
        }
    }

    /// `records 100000: assigned 96790, unassigned 3190, on_boundary 20, rejected 0 (100 areas)`.
    public var line: String {
        var text = "records \(records): assigned \(assigned), unassigned \(unassigned), on_boundary \(onBoundary), "
        if unmatched > 0 {
            text += "unmatched \(unmatched) (" + unmatchedReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "), "
        }
        text += "rejected \(rejected) (\(areas) areas, boundary rule \(boundaryRule))"
        if let first = firstRejections.first { text += "; first rejected: \(first)" }
        return text
    }
}

/// Counts per area: `values[(slot * areas + area) * columnCount + k]`, column 0 = n (records), then
/// one per spec column; sums in millionths (`Micros.scale`), counts as plain integers. One slot
/// unless the spec has `slots` (a file of several years).
public struct AggregationResult: Sendable {
    public var columnNames: [String]
    public var isSum: [Bool]
    public var values: [Int64]
    /// The accounting of each slot.
    public var summaries: [AggregationSummary]
    /// Records of a year no slot asked for (a file of several years), counted nowhere.
    public var otherSlots: Int = 0
    /// The accounting of slot 0 (the whole run without `slots`).
    public var summary: AggregationSummary { summaries[0] }
    /// The header line of the points file.
    public var header: [UInt8]
    /// `line,status,reason,<record>` lines of the records not assigned (when kept), in file order.
    public var unassignedLines: [UInt8]

    public var columnCount: Int { columnNames.count }

    public func value(area: Int, column: Int) -> Int64 { values[area * columnCount + column] }

    /// The value of `area` and `column` in `slot`.
    public func value(slot: Int, area: Int, column: Int) -> Int64 {
        values[(slot * summaries[slot].areas + area) * columnCount + column]
    }
}

/// The aggregation error that stops a run (with `strict`, or a points file that cannot be read).
public struct AggregationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
