import Dispatch
import Foundation
import QuartierBase
import QuartierTable
import Synchronization

/// Streams a points CSV through an `AreaLocator` and counts per area, on all cores.
///
/// The file is read by QuartierTable's one reader: `CSVChunkedFile` (the parallel form of
/// `CSVRecordReader`: `,` `;` tab, UTF-8 ± BOM or Windows-1252, CRLF, quoted fields with line breaks,
/// the decimal style of the file) cuts it into groups of whole records; workers claim groups in file
/// order, read the fields they need as bytes (`FieldNumber`; no `String` per field), locate each point
/// and add to their own count arrays; at the end the arrays are summed. A point in a pure grid cell
/// is counted at once; the points of a group that fall in mixed cells are kept aside and located at
/// the end of the group sorted by cell, so each cell's candidate areas and edges come into cache once
/// (the points arrive in register order, not spatial order). All counts are integers (sums in
/// fixed-point millionths), so the result is the same bytes whatever the number of threads. Memory
/// does not grow with the number of records (the file is mapped; only the kept unassigned lines grow).
public enum Aggregator {
    /// The largest coordinate accepted, in absolute value: beyond it a point is rejected and an area
    /// vertex refused. 10¹⁵ (a light year in metres is 9.5·10¹⁵) keeps every product of the exact
    /// orientation test far from overflow and a grid cell index far from `Int`'s range.
    public static let coordinateLimit = 1e15
    /// The smallest nonzero coordinate accepted, in absolute value: below it the exact orientation's
    /// partial products could underflow (differences of accepted coordinates are at least 10⁻¹¹⁶, their
    /// products' error terms stay normal doubles).
    public static let coordinateFloor = 1e-100

    /// Whether `ExactOrientation` is exact for `value` as a coordinate: 0, or 10⁻¹⁰⁰ ≤ |value| ≤ 10¹⁵
    /// (NaN and ±∞ are not).
    @inline(__always)
    public static func acceptsCoordinate(_ value: Double) -> Bool {
        let magnitude = abs(value)
        return magnitude <= coordinateLimit && (magnitude >= coordinateFloor || magnitude == 0)
    }

    /// Runs the aggregation.
    /// - Parameters:
    ///   - pointsPath: a CSV file with a header line (any dialect `CSVRecordReader` reads).
    ///   - locator: the index over the areas; area k of the result is area k of the locator.
    /// - Throws: `InputError` for a missing column, an unreadable or malformed file; `InputError` for
    ///   the first rejected record when `spec.strict`.
    public static func run(pointsPath: String, locator: AreaLocator, spec: AggregationSpec) throws -> AggregationResult {
        try run(pointsPath: pointsPath, locator: locator, areaCount: locator.count, spec: spec)
    }

    /// Runs the aggregation into `areaCount` areas; `locator` (over the same areas) may be nil only
    /// when the spec's placer places every record in an area (`RecordPlace.area`) or nowhere.
    public static func run(pointsPath: String, locator: AreaLocator?, areaCount: Int, spec: AggregationSpec) throws -> AggregationResult {
        precondition(locator == nil || locator!.count == areaCount, "the locator's areas are the areas counted into")
        let file = try CSVChunkedFile(path: pointsPath, options: spec.table, chunkSize: spec.chunkSize, threads: spec.threads)
        do {
            return try run(file: file, locator: locator, areaCount: areaCount, spec: spec)
        } catch let error as GroupFailure where file.groupCount > 1 {
            _ = error
            // A quote inside an unquoted field broke the parallel cut, or a group is malformed: read the
            // file again as one group (always right; its errors carry absolute lines).
            let whole = try CSVChunkedFile(path: pointsPath, options: spec.table, chunkSize: Int.max, threads: 1)
            return try run(file: whole, locator: locator, areaCount: areaCount, spec: spec)
        } catch let failure as GroupFailure {
            throw failure.error
        }
    }

    /// A group that could not be read: misaligned, or the scanner's error (line relative to the group).
    struct GroupFailure: Error {
        var error: any Error
    }

    static func run(file: CSVChunkedFile, locator: AreaLocator?, areaCount: Int, spec: AggregationSpec) throws -> AggregationResult {
        let plan = try Plan(file: file, spec: spec, areaCount: areaCount)
        let groupCount = file.groupCount
        let shared = Shared(chunkCount: groupCount)
        let workerCount = max(1, min(spec.threads, groupCount))
        let workers = (0 ..< workerCount).map { _ in Worker(plan: plan, scanner: file.makeScanner()) }
        let context = Context(file: file, locator: locator, plan: plan, spec: spec, shared: shared, workers: workers)
        if groupCount > 0 {
            DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                context.work(worker: w)
            }
            if context.defersToEnd && shared.failure.withLock({ $0 }) == nil {
                DispatchQueue.concurrentPerform(iterations: workerCount) { w in context.sortDeferred(worker: w) }
                DispatchQueue.concurrentPerform(iterations: workerCount) { w in context.locateDeferred(worker: w) }
                DispatchQueue.concurrentPerform(iterations: workerCount) { w in context.tallyDeferred(worker: w) }
            }
        }
        if let failure = shared.failure.withLock({ $0 }) {
            if var error = failure.error as? InputError, groupCount == 1 {
                error.location.line = error.location.line.map { $0 + file.firstLine - 1 }
                throw error
            }
            throw failure
        }

        // Merge (integer sums: order-independent).
        let reports = shared.reports.withLock { $0 }
        let width = plan.tallyWidth
        var values = [Int64](repeating: 0, count: plan.slotCount * areaCount * plan.columnCount)
        var tallies = [Int](repeating: 0, count: plan.slotCount * width)
        var otherSlots = 0
        for worker in workers {
            for k in values.indices { values[k] &+= worker.counts[k] } // same size: slots × areas × columns
            for k in tallies.indices { tallies[k] += worker.tallies[k] }
            otherSlots += worker.otherSlots
        }
        var summaries = (0 ..< plan.slotCount).map { slot in
            let t = Array(tallies[slot * width ..< (slot + 1) * width])
            var summary = AggregationSummary(records: 0, assigned: t[Worker.assigned], unassigned: t[Worker.unassigned],
                                             onBoundary: t[Worker.onBoundary], rejected: t[Worker.rejected],
                                             areas: areaCount, boundaryRule: spec.boundaryRule.rawValue, firstRejections: [])
            for (r, reason) in plan.reasons.enumerated() where t[Worker.unmatched + r] > 0 {
                summary.unmatchedReasons[reason, default: 0] += t[Worker.unmatched + r]
                summary.unmatched += t[Worker.unmatched + r]
            }
            summary.records = summary.assigned + summary.unassigned + summary.onBoundary + summary.unmatched + summary.rejected
            return summary
        }
        var lineBefore = file.firstLine - 1 // the header's lines
        var unassignedLines: [UInt8] = []
        let writer = CSVWriter()
        if spec.keepUnassigned {
            unassignedLines.append(contentsOf: Array("line,status,reason,".utf8))
            unassignedLines.append(contentsOf: file.headerBytes)
            unassignedLines.append(0x0A)
        }
        for chunk in 0 ..< groupCount {
            guard let report = reports[chunk] else { break } // strict stop: later groups were not read
            for rejection in report.rejections where summaries[rejection.slot].firstRejections.count < AggregationSummary.rejectionSample {
                summaries[rejection.slot].firstRejections.append(Rejection(line: lineBefore + rejection.line, reason: rejection.reason))
            }
            if spec.strict, let first = report.rejections.first {
                throw InputError(InputLocation(file: file.path, line: lineBefore + first.line, field: first.field),
                                 found: first.found, expected: first.expected)
            }
            for entry in report.kept {
                unassignedLines.append(contentsOf: Array("\(lineBefore + entry.line),\(entry.status),".utf8))
                unassignedLines.append(contentsOf: Array(writer.quoteIfNeeded(entry.reason).utf8))
                unassignedLines.append(0x2C)
                unassignedLines.append(contentsOf: report.keptBytes[entry.bytes])
                unassignedLines.append(0x0A)
            }
            lineBefore += report.lines
        }
        return AggregationResult(columnNames: ["n"] + spec.columns.map(\.name), isSum: [false] + plan.isSum,
                                 values: values, summaries: summaries, otherSlots: otherSlots, header: file.headerBytes,
                                 unassignedLines: unassignedLines)
    }
}
