import Foundation
import QuartierBase
import QuartierTable
import Synchronization

extension Aggregator {
    /// Everything a worker thread needs. `@unchecked Sendable`: each `Worker` is used by exactly one
    /// thread (the `concurrentPerform` iteration of its index); the rest is immutable or synchronised.
    final class Context: @unchecked Sendable {
        let file: CSVChunkedFile
        /// Nil when every record is placed in an area by the placer (no point is ever located).
        let locator: AreaLocator?
        let plan: Plan
        let spec: AggregationSpec
        let shared: Shared
        let workers: [Worker]

        init(file: CSVChunkedFile, locator: AreaLocator?, plan: Plan, spec: AggregationSpec, shared: Shared, workers: [Worker]) {
            self.file = file
            self.locator = locator
            self.plan = plan
            self.spec = spec
            self.shared = shared
            self.workers = workers
        }

        func work(worker index: Int) {
            let worker = workers[index]
            let chunkCount = file.groupCount
            while true {
                let chunk = shared.nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                if chunk >= chunkCount || chunk > shared.stopAfter.load(ordering: .relaxed) { return }
                do {
                    let report = try process(chunk: chunk, worker: worker)
                    if spec.strict && !report.rejections.isEmpty {
                        _ = shared.stopAfter.min(chunk, ordering: .relaxed)
                    }
                    shared.reports.withLock { $0[chunk] = report }
                } catch {
                    // Keep the failure of the first group in file order.
                    shared.failedGroup.withLock { first in
                        if chunk < first {
                            first = chunk
                            shared.failure.withLock { $0 = GroupFailure(error: error) }
                        }
                    }
                    _ = shared.stopAfter.min(chunk, ordering: .relaxed)
                    return
                }
            }
        }

        /// Whether the points of mixed cells wait until every group is read (`locateDeferred`) rather
        /// than to the end of their group: then the points of one cell, from anywhere in the file and
        /// from both workers, are located together, with the cell's candidate areas and edges in
        /// cache. Not with kept lines (their line numbers are the group's) or `strict`.
        var defersToEnd: Bool { !spec.keepUnassigned && !spec.strict && locator != nil }

        func process(chunk: Int, worker: Worker) throws -> ChunkReport {
            var report = ChunkReport()
            guard let bytes = file.bytes else { return report }
            let toEnd = defersToEnd
            // To the end of the file: the worker's list, held locally while the group is read (moved
            // out and back: no copy); else the group's own list, finished below.
            var deferred: Deferred
            if toEnd {
                deferred = worker.deferred
                worker.deferred = Deferred()
            } else {
                deferred = Deferred()
                deferred.records.reserveCapacity(worker.deferredCapacity)
                deferred.keys.reserveCapacity(worker.deferredCapacity)
            }
            defer {
                if toEnd { worker.deferred = deferred } else { worker.deferredCapacity = max(worker.deferredCapacity, deferred.records.count) }
            }
            var stop = false
            report.lines = try plan.filters.withEvaluator { evaluator in
                try file.forEachRecord(inGroup: chunk, scanner: worker.scanner) { fields, start, next in
                    var end = next
                    while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
                    try record(worker: worker, fields: fields, evaluator: evaluator, bytes: bytes, start: start, end: end,
                               report: &report, deferred: &deferred)
                    if spec.strict && !report.rejections.isEmpty { stop = true; return false }
                    return true
                }
            }
            flush(worker: worker, bytes: bytes, deferred: &deferred, report: &report)
            if !toEnd && !stop { finish(worker: worker, deferred: &deferred, report: &report) }
            return report
        }

        /// Locates the points every worker deferred to the end (`defersToEnd`), cell by cell: each
        /// worker has sorted its own points by cell (`sortDeferred`); worker w takes the w-th share
        /// of the cells from every worker's list, merged, and writes each point's answer beside its
        /// record (`Deferred.areas`) for `tallyDeferred`.
        func locateDeferred(worker index: Int) {
            guard let locator else { return }
            let cells = UInt64(locator.mixedCellCount)
            let share = (UInt64(index) * cells / UInt64(workers.count)) << 32 ..< (UInt64(index + 1) * cells / UInt64(workers.count)) << 32
            // Read-only here (sorted before); each answer goes to its own record's slot.
            let lists = workers.map(\.deferred.points)
            let answers = workers.map { $0.deferred.areas! }
            var cursors = lists.map { list -> Int in
                var low = 0, high = list.count
                while low < high {
                    let middle = (low + high) / 2
                    if list[middle].key < share.lowerBound { low = middle + 1 } else { high = middle }
                }
                return low
            }
            while true {
                // The next point in cell order among the lists (a merge of the sorted lists).
                var best = -1
                var bestKey = share.upperBound
                for w in lists.indices where cursors[w] < lists[w].count && lists[w][cursors[w]].key < bestKey {
                    bestKey = lists[w][cursors[w]].key
                    best = w
                }
                if best < 0 { return }
                let point = lists[best][cursors[best]]
                cursors[best] += 1
                let code = -2 - Int32(truncatingIfNeeded: bestKey >> 32)
                let (area, onBoundary) = locator.assign(x: point.x, y: point.y, code: code, rule: spec.boundaryRule)
                answers[best][Int(bestKey & 0xFFFF_FFFF)] = area.map(Int32.init) ?? (onBoundary ? -2 : -1)
            }
        }

        /// Sorts a worker's points deferred to the end by cell and makes room for their answers.
        func sortDeferred(worker index: Int) {
            guard let locator else { return }
            let worker = workers[index]
            var scratch: [Deferred.SortedPoint] = []
            Aggregator.radixSortByHigh32(&worker.deferred.points, scratch: &scratch, maxHigh: locator.mixedCellCount) { $0.key }
            let count = worker.deferred.records.count
            worker.deferred.areas = .allocate(capacity: max(1, count))
        }

        /// Counts a worker's deferred records (in the order it read them) with their answers.
        func tallyDeferred(worker index: Int) {
            let worker = workers[index]
            let deferred = worker.deferred
            guard let answers = deferred.areas else { return }
            var discarded = ChunkReport()
            let bytes = file.bytes!
            let perRecord = plan.columnCount - 1
            for i in deferred.records.indices {
                let answer = answers[i]
                tally(area: answer >= 0 ? Int(answer) : nil, onBoundary: answer == -2, values: deferred.values, offset: i * perRecord,
                      worker: worker, bytes: bytes, record: deferred.records[i], report: &discarded)
            }
        }

        /// Locates the deferred records cell by cell and counts them.
        func finish(worker: Worker, deferred: inout Deferred, report: inout ChunkReport) {
            guard !deferred.keys.isEmpty else { return }
            guard let locator else { preconditionFailure("a point to locate without a locator") }
            Aggregator.radixSortByHigh32(&deferred.keys, scratch: &worker.sortScratch, maxHigh: locator.mixedCellCount)
            let bytes = file.bytes!
            let perRecord = plan.columnCount - 1
            for key in deferred.keys {
                let i = Int(key & 0xFFFF_FFFF)
                let record = deferred.records[i]
                let (area, onBoundary) = locator.assign(x: record.x, y: record.y, code: record.code, rule: spec.boundaryRule)
                tally(area: area, onBoundary: onBoundary, values: deferred.values, offset: i * perRecord, worker: worker,
                      bytes: bytes, record: record, report: &report)
            }
            if spec.keepUnassigned { report.kept.sort { $0.line < $1.line } }
        }

        /// Handles one record (`bytes[start ..< end]`, line end excluded): its slot (a file of several
        /// years), where it is (its coordinates, or its placer's point or area), its output columns
        /// (validated before the record is counted anywhere); a point waits in `deferred.pending`,
        /// an area is counted at once.
        @inline(__always)
        func record(worker: Worker, fields: CSVFields, evaluator: CompiledFilterSet.Evaluator, bytes: UnsafePointer<UInt8>, start: Int, end: Int,
                    report: inout ChunkReport, deferred: inout Deferred) throws {
            let line = fields.line
            var slot = 0
            if let slots = plan.slots {
                let column = plan.slotColumn
                guard column < fields.count, let found = slots.slot(fields.bytes(column)) else {
                    throw InputError(InputLocation(file: file.path, line: line, field: InputError.excerpt(plan.header[column])),
                                     found: column < fields.count ? "\"\(InputError.excerpt(fields.string(column)))\"" : "no such field in this record",
                                     expected: slots.expected)
                }
                if found < 0 { worker.otherSlots += 1; return }
                slot = found
            }
            let tallies = worker.tallies + slot * plan.tallyWidth
            // Where the record is.
            var x = 0.0, y = 0.0, area = -1
            if let placer = worker.placer {
                for column in worker.placerColumns where column >= fields.count {
                    reject(worker, fields, column, bytes, expected: "a field", slot: slot, report: &report, start: start, end: end)
                    return
                }
                let place = worker.placerColumns.withUnsafeBufferPointer { placer.place(fields, columns: $0) }
                switch place {
                case .point(let px, let py):
                    guard Aggregator.acceptsCoordinate(px), Aggregator.acceptsCoordinate(py) else {
                        reject(worker, fields, worker.placerColumns[0], bytes, expected: "a place with coordinates 0 or between 1e-100 and 1e15 in absolute value",
                               slot: slot, report: &report, start: start, end: end)
                        return
                    }
                    x = px; y = py
                case .area(let row):
                    area = row
                case .unmatched(let reason):
                    tallies[Worker.unmatched + reason] += 1
                    keep(status: "unmatched", reason: plan.reasons[reason], bytes, line: line, report: &report, start: start, end: end)
                    return
                case .rejected(let field, let expected):
                    reject(worker, fields, worker.placerColumns[field], bytes, expected: expected, slot: slot, report: &report, start: start, end: end)
                    return
                }
            } else {
                guard let cx = coordinate(fields, plan.xColumn, worker, bytes, slot: slot, report: &report, start: start, end: end),
                      let cy = coordinate(fields, plan.yColumn, worker, bytes, slot: slot, report: &report, start: start, end: end) else { return }
                x = cx; y = cy
            }
            // Output columns (validated before the record is counted anywhere).
            if !plan.work.isEmpty {
                // The filters' fields: numbers (NaN when missing), then the text comparisons.
                let values = worker.values
                for column in plan.filterColumns {
                    guard column < fields.count else {
                        reject(worker, fields, column, bytes, expected: "a number", slot: slot, report: &report, start: start, end: end)
                        return
                    }
                    guard let value = fields.value(column, sentinels: plan.sentinels[column], markers: plan.markers) else {
                        reject(worker, fields, column, bytes, expected: "a number, an empty cell or a suppression marker (a filter compares it with a number)",
                               slot: slot, report: &report, start: start, end: end)
                        return
                    }
                    values[column] = value
                }
                let width = plan.header.count
                for (index, text) in plan.filters.texts.enumerated() {
                    guard text.column < fields.count else {
                        reject(worker, fields, text.column, bytes, expected: "a text", slot: slot, report: &report, start: start, end: end)
                        return
                    }
                    values[width + index] = fields.textValue(text.column, equals: text.text)
                }
                let view = UnsafeBufferPointer(start: UnsafePointer(values), count: plan.valueCount)
                for (k, work) in plan.work.enumerated() {
                    switch work {
                    case .sum(let column):
                        guard column < fields.count, let number = fields.double(column), let v = Micros.from(number) else {
                            reject(worker, fields, column, bytes, expected: "a number with at most six decimals",
                                   slot: slot, report: &report, start: start, end: end)
                            return
                        }
                        worker.columnValues[k + 1] = v
                    case .count(let index):
                        let holds = evaluator.passes(index, view)
                        worker.columnValues[k + 1] = holds ? 1 : 0
                    }
                }
            }
            if area >= 0 {
                tallies[Worker.assigned] += 1
                let base = (slot * plan.areaCount + area) * plan.columnCount
                worker.counts[base] += 1
                for k in 1 ..< plan.columnCount { worker.counts[base + k] += worker.columnValues[k] }
                return
            }
            deferred.pending.append(.init(x: x, y: y, code: 0, line: Int32(line), slot: Int32(slot), start: start, end: end))
            for k in 1 ..< plan.columnCount { deferred.pendingValues.append(worker.columnValues[k]) }
            if deferred.pending.count == Deferred.batch { flush(worker: worker, bytes: bytes, deferred: &deferred, report: &report) }
        }

        /// Looks up the cells of the pending records; counts those in pure cells, defers the others.
        func flush(worker: Worker, bytes: UnsafePointer<UInt8>, deferred: inout Deferred, report: inout ChunkReport) {
            let n = deferred.pending.count
            guard n > 0 else { return }
            guard let locator else { preconditionFailure("a point to locate without a locator") }
            for i in 0 ..< n { deferred.pending[i].code = locator.cellCode(x: deferred.pending[i].x, y: deferred.pending[i].y) }
            let perRecord = plan.columnCount - 1
            for i in 0 ..< n {
                let record = deferred.pending[i]
                if record.code <= -2 {
                    let key = UInt64(UInt32(-2 - record.code)) << 32 | UInt64(deferred.records.count)
                    if deferred.sortsPoints {
                        deferred.points.append(.init(key: key, x: record.x, y: record.y))
                    } else {
                        deferred.keys.append(key)
                    }
                    deferred.records.append(record)
                    for k in 0 ..< perRecord { deferred.values.append(deferred.pendingValues[i * perRecord + k]) }
                    continue
                }
                let (area, onBoundary) = locator.assign(x: record.x, y: record.y, code: record.code, rule: spec.boundaryRule)
                tally(area: area, onBoundary: onBoundary, values: deferred.pendingValues, offset: i * perRecord, worker: worker,
                      bytes: bytes, record: record, report: &report)
            }
            deferred.pending.removeAll(keepingCapacity: true)
            deferred.pendingValues.removeAll(keepingCapacity: true)
        }

        /// A coordinate: a number `Aggregator.acceptsCoordinate` accepts.
        @inline(__always)
        func coordinate(_ fields: CSVFields, _ column: Int, _ worker: Worker, _ bytes: UnsafePointer<UInt8>, slot: Int,
                        report: inout ChunkReport, start: Int, end: Int) -> Double? {
            if column < fields.count, let v = fields.double(column), Aggregator.acceptsCoordinate(v) { return v }
            reject(worker, fields, column, bytes, expected: "a finite number, 0 or between 1e-100 and 1e15 in absolute value",
                   slot: slot, report: &report, start: start, end: end)
            return nil
        }

        func reject(_ worker: Worker, _ fields: CSVFields, _ column: Int, _ bytes: UnsafePointer<UInt8>, expected: String, slot: Int,
                    report: inout ChunkReport, start: Int, end: Int) {
            worker.tallies[slot * plan.tallyWidth + Worker.rejected] += 1
            let name = plan.header[column]
            let found: String
            if column >= fields.count {
                found = "no such field in this record"
            } else {
                let raw = fields.string(column)
                let text = InputError.excerpt(raw)
                found = raw.isEmpty ? "an empty field" : "\"\(text)\""
            }
            let line = fields.line
            let reason = "field \"\(InputError.excerpt(name))\": found \(found), expected \(expected)"
            if report.rejections.count < AggregationSummary.rejectionSample || spec.strict {
                report.rejections.append(.init(line: line, slot: slot, field: name, found: found, expected: expected, reason: reason))
            }
            keep(status: "rejected", reason: reason, bytes, line: line, report: &report, start: start, end: end)
        }

        /// Counts a located record for its area (n, then its sums and filter counts at
        /// `values[offset ..< offset + columnCount − 1]`), or keeps it as on a boundary / in no area.
        @inline(__always)
        func tally(area: Int?, onBoundary: Bool, values: [Int64], offset: Int, worker: Worker,
                      bytes: UnsafePointer<UInt8>, record: Deferred.Record, report: inout ChunkReport) {
            let tallies = worker.tallies + Int(record.slot) * plan.tallyWidth
            if let area {
                tallies[Worker.assigned] += 1
                let base = (Int(record.slot) * plan.areaCount + area) * plan.columnCount
                worker.counts[base] += 1
                for k in 0 ..< plan.columnCount - 1 { worker.counts[base + 1 + k] += values[offset + k] }
            } else if onBoundary {
                tallies[Worker.onBoundary] += 1
                keep(status: "on_boundary", reason: "on an area boundary (rule \(spec.boundaryRule.rawValue))", bytes,
                     line: Int(record.line), report: &report, start: record.start, end: record.end)
            } else {
                tallies[Worker.unassigned] += 1
                keep(status: "unassigned", reason: "inside no area", bytes, line: Int(record.line), report: &report,
                     start: record.start, end: record.end)
            }
        }

        @inline(__always)
        func keep(status: String, reason: String, _ bytes: UnsafePointer<UInt8>, line: Int, report: inout ChunkReport,
                  start: Int, end: Int) {
            guard spec.keepUnassigned else { return }
            let from = report.keptBytes.count
            report.keptBytes.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: end - start))
            report.kept.append(.init(line: line, status: status, reason: reason, bytes: from ..< report.keptBytes.count))
        }

    }
}
