import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

/// Persons at coordinates, with the target groups they belong to: the demand side of an access run.
///
/// Read in one pass with QuartierTable's streaming reader (the reader of `table scan`, `aggregate` and
/// `run`: dialect, encoding and decimal style detected, suppression markers missing); every record is
/// accounted for: `records = points.count + rejected`.
public struct PersonPoints: Sendable {
    public var x: [Double]
    public var y: [Double]
    /// The line of each person in the file.
    public var lines: [Int32]
    /// Bit g set when the person passes target group g (at most 64 groups).
    public var groups: [UInt64]
    /// The need weight of each person (1 unless a need weight applies: the weight of the first need
    /// filter the person passes).
    public var weights: [Double]
    /// Records without usable coordinates: count and the first few lines with reasons.
    public var rejected: Int
    public var rejectedExamples: [String]
    public var count: Int { x.count }

    public init(x: [Double], y: [Double], lines: [Int32], groups: [UInt64], weights: [Double], rejected: Int = 0, rejectedExamples: [String] = []) {
        self.x = x
        self.y = y
        self.lines = lines
        self.groups = groups
        self.weights = weights
        self.rejected = rejected
        self.rejectedExamples = rejectedExamples
    }

    /// One need weight: persons passing `filter` count `weight` times (e.g. children in SGB II count 2).
    public struct NeedWeight: Sendable, Hashable {
        public var filter: String
        public var weight: Double
        public init(filter: String, weight: Double) {
            self.filter = filter
            self.weight = weight
        }
    }

    /// Reads `path`: coordinates from `xColumn`/`yColumn`, target groups as filters over the header.
    ///
    /// With `threads` > 1 the file is read in parallel groups of records (`CSVChunkedFile`, QuartierTable's
    /// parallel form of the same reader) and the groups joined in file order: the same points, lines and
    /// counts; any problem in a group (a bad field, a ragged record, a cut inside quotes) reads the file
    /// again in one pass, which reports it as before.
    /// - Throws: `InputError` for a missing column, a filter naming no column, or a non-number in a
    ///   column a filter reads (line, column, field).
    public static func read(path: String, xColumn: String = "x", yColumn: String = "y", targetGroups: [String],
                            needWeights: [NeedWeight] = [], options: TableOptions = TableOptions(), threads: Int = 1) throws -> PersonPoints {
        guard targetGroups.count <= 64 else {
            throw InputError(InputLocation(file: path), found: "\(targetGroups.count) target groups", expected: "at most 64 target groups in one run")
        }
        if threads > 1, let points = try readInGroups(path: path, xColumn: xColumn, yColumn: yColumn, targetGroups: targetGroups,
                                                        needWeights: needWeights, options: options, threads: threads) {
            return points
        }
        let reader = try CSVRecordReader(path: path, options: options)
        let xc = try reader.columnIndex(xColumn), yc = try reader.columnIndex(yColumn)
        let filters = try (targetGroups + needWeights.map(\.filter)).map { text -> CompiledFilter in
            do { return try CompiledFilter(parsing: text, header: reader.header) } catch {
                throw InputError(InputLocation(file: path, line: 1), found: "the filter \"\(InputError.excerpt(text))\" (\(error))", expected: "a filter over the columns of the persons file")
            }
        }
        let taker = RecordTaker(xc: xc, yc: yc, set: CompiledFilterSet(filters), width: reader.header.count, groupCount: targetGroups.count,
                                needWeights: needWeights, markers: options.suppressionMarkers)
        var result = PersonPoints(x: [], y: [], lines: [], groups: [], weights: [], rejected: 0, rejectedExamples: [])
        var examples: [String] = []
        try taker.withBuffer { evaluator, buffer in
            try reader.forEachRecord { record in
                try taker.take(record, evaluator: evaluator, buffer: buffer, into: &result) { column in
                    reader.error(record, column: column, expected: "a number, an empty cell or a suppression marker")
                } rejected: { line in
                    if examples.count < 5 { examples.append(rejection(line: line, xColumn: xColumn, yColumn: yColumn)) }
                }
            }
        }
        result.rejectedExamples = examples
        return result
    }

    /// The example text of a record without usable coordinates.
    static func rejection(line: Int, xColumn: String, yColumn: String) -> String {
        "line \(line): no coordinates in \(xColumn)/\(yColumn) (0 or 1e-100 … 1e15 in magnitude)"
    }

    /// What one record gives: a point with its target groups and need weight, or a rejection (no usable
    /// coordinates); both reading paths take records with it.
    struct RecordTaker {
        let xc: Int, yc: Int
        let set: CompiledFilterSet
        let width: Int, groupCount: Int
        let needWeights: [NeedWeight]
        let markers: Set<String>

        /// `body` with the filters' evaluator and a value buffer (the columns, then the text tests).
        func withBuffer<R>(_ body: (CompiledFilterSet.Evaluator, UnsafeMutableBufferPointer<Double>) throws -> R) throws -> R {
            var values = [Double](repeating: .nan, count: width + set.texts.count)
            return try set.withEvaluator { evaluator in
                try values.withUnsafeMutableBufferPointer { buffer in try body(evaluator, buffer) }
            }
        }

        /// Appends `record`'s point to `points`, or counts it rejected and calls `rejected(line)`;
        /// throws `bad(column)` for a column a filter reads that holds no number.
        @inline(__always)
        func take(_ record: CSVFields, evaluator: CompiledFilterSet.Evaluator, buffer: UnsafeMutableBufferPointer<Double>, into points: inout PersonPoints,
                  bad: (Int) -> any Error, rejected: (Int) -> Void) throws {
            guard let px = record.double(xc), let py = record.double(yc), RoadNetwork.usable(Point(x: px, y: py)) else {
                points.rejected += 1
                rejected(record.line)
                return
            }
            for column in set.columns {
                guard let value = record.value(column, sentinels: nil, markers: markers) else { throw bad(column) }
                buffer[column] = value
            }
            for (k, text) in set.texts.enumerated() { buffer[width + k] = record.textValue(text.column, equals: text.text) }
            let view = UnsafeBufferPointer(buffer)
            var bits: UInt64 = 0
            for g in 0..<groupCount where evaluator.passes(g, view) { bits |= 1 << UInt64(g) }
            var weight = 1.0
            for (k, need) in needWeights.enumerated() where evaluator.passes(groupCount + k, view) { weight = need.weight; break }
            points.x.append(px)
            points.y.append(py)
            points.lines.append(Int32(truncatingIfNeeded: record.line))
            points.groups.append(bits)
            points.weights.append(weight)
        }
    }

    /// The parallel form of `read`: nil when the file is one group or a group could not be read
    /// cleanly (the caller then reads it in one pass, which reports any error with its line).
    static func readInGroups(path: String, xColumn: String, yColumn: String, targetGroups: [String], needWeights: [NeedWeight],
                             options: TableOptions, threads: Int) throws -> PersonPoints? {
        let file = try CSVChunkedFile(path: path, options: options, threads: threads)
        guard file.groupCount > 1,
              let xc = file.header.firstIndex(of: xColumn), let yc = file.header.firstIndex(of: yColumn) else { return nil }
        let filters: [CompiledFilter]
        do { filters = try (targetGroups + needWeights.map(\.filter)).map { try CompiledFilter(parsing: $0, header: file.header) } } catch { return nil }
        let taker = RecordTaker(xc: xc, yc: yc, set: CompiledFilterSet(filters), width: file.header.count, groupCount: targetGroups.count,
                                needWeights: needWeights, markers: options.suppressionMarkers)
        let parts = GroupParts(count: file.groupCount)
        let workers = min(threads, file.groupCount)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let scanner = file.makeScanner()
            var group = w
            while group < file.groupCount, !parts.failed {
                defer { group += workers }
                var part = PersonPoints(x: [], y: [], lines: [], groups: [], weights: [])
                var rejectedLines: [Int] = []
                do {
                    let spanned = try taker.withBuffer { evaluator, buffer in
                        try file.forEachRecord(inGroup: group, scanner: scanner) { record, _, _ in
                            guard record.count == taker.width else { throw GroupParts.Unclean() }
                            try taker.take(record, evaluator: evaluator, buffer: buffer, into: &part) { _ in GroupParts.Unclean() } rejected: { line in
                                if rejectedLines.count < 5 { rejectedLines.append(line) }
                            }
                            return true
                        }
                    }
                    parts.set(group, GroupParts.Part(points: part, rejectedLines: rejectedLines, spanned: spanned))
                } catch {
                    parts.fail()
                }
            }
        }
        guard !parts.failed else { return nil }
        // Join in file order, lines made absolute (a group's line 1 is its first record's line).
        var result = PersonPoints(x: [], y: [], lines: [], groups: [], weights: [])
        var before = file.firstLine - 1
        for part in parts.parts {
            guard let part else { return nil }
            result.x += part.points.x
            result.y += part.points.y
            let shift = Int32(truncatingIfNeeded: before)
            result.lines += part.points.lines.map { $0 &+ shift }
            result.groups += part.points.groups
            result.weights += part.points.weights
            result.rejected += part.points.rejected
            for line in part.rejectedLines where result.rejectedExamples.count < 5 {
                result.rejectedExamples.append(rejection(line: line + before, xColumn: xColumn, yColumn: yColumn))
            }
            before += part.spanned
        }
        return result
    }
}

/// The groups' results of `PersonPoints.readInGroups`, each slot written by one worker.
final class GroupParts: @unchecked Sendable {  // slots and flag guarded by the lock
    /// A record the parallel read leaves to the one-pass read (which reports it).
    struct Unclean: Error {}
    struct Part {
        var points: PersonPoints
        var rejectedLines: [Int]
        var spanned: Int
    }
    private var slots: [Part?]
    private var failure = false
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ part: Part) { lock.lock(); slots[k] = part; lock.unlock() }
    func fail() { lock.lock(); failure = true; lock.unlock() }
    var failed: Bool { lock.lock(); defer { lock.unlock() }; return failure }
    var parts: [Part?] { lock.lock(); defer { lock.unlock() }; return slots }
}
