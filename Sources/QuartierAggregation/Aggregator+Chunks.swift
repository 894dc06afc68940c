import Foundation
import QuartierBase
import Synchronization

extension Aggregator {
    /// Everything a worker thread needs. `@unchecked Sendable`: each `Worker` is used by exactly one
    /// thread (the `concurrentPerform` iteration of its index); the rest is immutable or synchronised.
    final class Context: @unchecked Sendable {
        let fd: Int32
        let fileSize: Int
        let dataStart: Int
        let chunkSize: Int
        let locator: AreaLocator
        let plan: Plan
        let spec: AggregationSpec
        let shared: Shared
        let workers: [Worker]
        let slotOfColumn: UnsafeMutablePointer<Int>
        let program: UnsafeMutablePointer<Plan.Instruction>

        init(fd: Int32, fileSize: Int, dataStart: Int, chunkSize: Int, locator: AreaLocator, plan: Plan,
             spec: AggregationSpec, shared: Shared, workers: [Worker]) {
            self.fd = fd
            self.fileSize = fileSize
            self.dataStart = dataStart
            self.chunkSize = chunkSize
            self.locator = locator
            self.plan = plan
            self.spec = spec
            self.shared = shared
            self.workers = workers
            slotOfColumn = .allocate(capacity: plan.slotOfColumn.count)
            slotOfColumn.initialize(from: plan.slotOfColumn, count: plan.slotOfColumn.count)
            program = .allocate(capacity: max(1, plan.program.count))
            program.initialize(from: plan.program, count: plan.program.count)
        }

        deinit {
            slotOfColumn.deallocate()
            program.deinitialize(count: plan.program.count)
            program.deallocate()
        }

        func work(worker index: Int) {
            let worker = workers[index]
            let chunkCount = (fileSize - dataStart + chunkSize - 1) / chunkSize
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
                    shared.ioError.withLock { $0 = "\(error)" }
                    _ = shared.stopAfter.min(-1, ordering: .relaxed)
                    return
                }
            }
        }

        /// Reads `[from, to)` of the file into the worker's buffer at `at`.
        func load(_ worker: Worker, from: Int, to: Int, at: Int) throws {
            worker.reserve(at + (to - from))
            var done = 0
            while done < to - from {
                let n = pread(fd, worker.buffer + at + done, to - from - done, off_t(from + done))
                if n < 0 { throw AggregationError(message: String(cString: strerror(errno))) }
                if n == 0 { throw AggregationError(message: "the file shrank while being read") }
                done += n
            }
        }

        func process(chunk: Int, worker: Worker) throws -> ChunkReport {
            var report = ChunkReport()
            let nominalStart = dataStart + chunk * chunkSize
            let nominalEnd = min(nominalStart + chunkSize, fileSize)
            let readStart = chunk == 0 ? nominalStart : nominalStart - 1
            var loaded = min(fileSize, nominalEnd + (1 << 16)) - readStart
            try load(worker, from: readStart, to: readStart + loaded, at: 0)
            var buffer = worker.buffer // re-read after every extend (it may move)
            func extend() throws {
                let more = min(fileSize - readStart, loaded + max(1 << 16, loaded)) - loaded
                try load(worker, from: readStart + loaded, to: readStart + loaded + more, at: loaded)
                loaded += more
                buffer = worker.buffer
            }
            var deferred = Deferred()
            defer { worker.deferredCapacity = max(worker.deferredCapacity, deferred.records.count) }
            deferred.records.reserveCapacity(worker.deferredCapacity)
            deferred.keys.reserveCapacity(worker.deferredCapacity)
            var p = 0
            if chunk > 0 {
                while true {
                    if let nl = memchr(buffer + p, 0x0A, loaded - p) {
                        p = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                        break
                    }
                    p = loaded
                    if readStart + loaded >= fileSize { return report }
                    try extend()
                }
            }
            while readStart + p < nominalEnd {
                var lineEnd: Int
                var scanFrom = p
                while true {
                    if let nl = memchr(buffer + scanFrom, 0x0A, loaded - scanFrom) {
                        lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                        break
                    }
                    if readStart + loaded >= fileSize { lineEnd = loaded; break }
                    scanFrom = loaded
                    try extend()
                }
                report.lines += 1
                var contentEnd = lineEnd
                if contentEnd > p && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                if contentEnd > p {
                    record(worker: worker, bytes: buffer, start: p, end: contentEnd, line: report.lines, report: &report, deferred: &deferred)
                    if spec.strict && !report.rejections.isEmpty {
                        flush(worker: worker, bytes: buffer, deferred: &deferred, report: &report)
                        return report
                    }
                }
                p = lineEnd + 1
            }
            flush(worker: worker, bytes: buffer, deferred: &deferred, report: &report)
            finish(worker: worker, deferred: &deferred, report: &report)
            return report
        }

        /// Locates the deferred records cell by cell and counts them.
        func finish(worker: Worker, deferred: inout Deferred, report: inout ChunkReport) {
            guard !deferred.keys.isEmpty else { return }
            Aggregator.radixSortByHigh32(&deferred.keys, scratch: &worker.sortScratch, maxHigh: locator.mixedCellCount)
            let bytes = UnsafePointer(worker.buffer)
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

        /// Handles one record `buffer[start ..< end]` (line break excluded).
        @inline(__always)
        func record(worker: Worker, bytes mutableBytes: UnsafeMutablePointer<UInt8>, start: Int, end: Int, line: Int,
                    report: inout ChunkReport, deferred: inout Deferred) {
            let bytes = UnsafePointer(mutableBytes)
            let slotOfColumn = self.slotOfColumn
            // Split the fields we need.
            for s in 0 ..< plan.slotCount { worker.starts[s] = -1 }
            var column = 0
            var p = start
            let maxColumn = plan.maxColumn
            while true {
                var fieldStart = p, fieldEnd: Int
                if p < end && bytes[p] == 0x22 {
                    var q = p + 1
                    while q < end {
                        if bytes[q] == 0x22 {
                            if q + 1 < end && bytes[q + 1] == 0x22 { q += 2; continue }
                            break
                        }
                        q += 1
                    }
                    fieldStart = p + 1
                    fieldEnd = min(q, end)
                    p = min(q + 1, end)
                    while p < end && bytes[p] != 0x2C { p += 1 }
                } else {
                    while p < end && bytes[p] != 0x2C { p += 1 }
                    fieldEnd = p
                }
                let slot = slotOfColumn[column]
                if slot >= 0 {
                    worker.starts[slot] = fieldStart
                    worker.ends[slot] = fieldEnd
                }
                if p >= end || column == maxColumn { break }
                p += 1
                column += 1
            }

            // Coordinates.
            guard let x = number(worker, plan.xSlot, bytes, line: line, report: &report, start: start, end: end),
                  let y = number(worker, plan.ySlot, bytes, line: line, report: &report, start: start, end: end) else { return }
            // Output columns (validated before the record is counted anywhere).
            if !plan.work.isEmpty {
                for s in 0 ..< plan.slotCount { worker.numberState[s] = 0 }
                worker.invalidSlot = -1
                for (k, work) in plan.work.enumerated() {
                    switch work {
                    case .sum(let slot):
                        let s = worker.starts[slot]
                        guard s >= 0, let v = NumberParsing.micros(bytes, s, worker.ends[slot]) else {
                            reject(worker, slot, bytes, line: line, expected: "a number with at most six decimals",
                                   report: &report, start: start, end: end)
                            return
                        }
                        worker.columnValues[k + 1] = v
                    case .count(let from, let to):
                        let holds = evaluate(from, to, worker, bytes)
                        if worker.invalidSlot >= 0 {
                            reject(worker, worker.invalidSlot, bytes, line: line, expected: "a number (the filter of \(spec.columns[k].name) compares it with a number)",
                                   report: &report, start: start, end: end)
                            return
                        }
                        worker.columnValues[k + 1] = holds ? 1 : 0
                    }
                }
            }
            deferred.pending.append(.init(x: x, y: y, code: 0, line: Int32(line), start: start, end: end))
            for k in 1 ..< plan.columnCount { deferred.pendingValues.append(worker.columnValues[k]) }
            if deferred.pending.count == Deferred.batch { flush(worker: worker, bytes: bytes, deferred: &deferred, report: &report) }
        }

        /// Looks up the cells of the pending records; counts those in pure cells, defers the others.
        func flush(worker: Worker, bytes: UnsafePointer<UInt8>, deferred: inout Deferred, report: inout ChunkReport) {
            let n = deferred.pending.count
            guard n > 0 else { return }
            for i in 0 ..< n { deferred.pending[i].code = locator.cellCode(x: deferred.pending[i].x, y: deferred.pending[i].y) }
            let perRecord = plan.columnCount - 1
            for i in 0 ..< n {
                let record = deferred.pending[i]
                if record.code <= -2 {
                    deferred.keys.append(UInt64(UInt32(-2 - record.code)) << 32 | UInt64(deferred.records.count))
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

        @inline(__always)
        func number(_ worker: Worker, _ slot: Int, _ bytes: UnsafePointer<UInt8>, line: Int, report: inout ChunkReport,
                    start: Int, end: Int) -> Double? {
            let s = worker.starts[slot]
            if s >= 0, let v = NumberParsing.double(bytes, s, worker.ends[slot]) { return v }
            reject(worker, slot, bytes, line: line, expected: "a number", report: &report, start: start, end: end)
            return nil
        }

        func reject(_ worker: Worker, _ slot: Int, _ bytes: UnsafePointer<UInt8>, line: Int, expected: String,
                    report: inout ChunkReport, start: Int, end: Int) {
            worker.rejected += 1
            let name = plan.slotNames[slot]
            let s = worker.starts[slot]
            let found: String
            if s < 0 {
                found = "no such field in this record"
            } else {
                let text = String(decoding: UnsafeBufferPointer(start: bytes + s, count: min(worker.ends[slot] - s, 40)), as: UTF8.self)
                found = text.isEmpty ? "an empty field" : "\"\(text)\""
            }
            let reason = "field \"\(name)\": found \(found), expected \(expected)"
            if report.rejections.count < AggregationSummary.rejectionSample || spec.strict {
                report.rejections.append(.init(line: line, field: name, found: found, expected: expected, reason: reason))
            }
            keep(status: "rejected", reason: reason, bytes, line: line, report: &report, start: start, end: end)
        }

        /// Counts a located record for its area (n, then its sums and filter counts at
        /// `values[offset ..< offset + columnCount − 1]`), or keeps it as on a boundary / in no area.
        @inline(__always)
        func tally(area: Int?, onBoundary: Bool, values: [Int64], offset: Int, worker: Worker,
                      bytes: UnsafePointer<UInt8>, record: Deferred.Record, report: inout ChunkReport) {
            if let area {
                worker.assigned += 1
                let base = area * plan.columnCount
                worker.counts[base] += 1
                for k in 0 ..< plan.columnCount - 1 { worker.counts[base + 1 + k] += values[offset + k] }
            } else if onBoundary {
                worker.onBoundary += 1
                keep(status: "on_boundary", reason: "on an area boundary (rule \(spec.boundaryRule.rawValue))", bytes,
                     line: Int(record.line), report: &report, start: record.start, end: record.end)
            } else {
                worker.unassigned += 1
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

        /// The numeric value of a slot for a filter: nil when missing or invalid (invalid is flagged).
        @inline(__always)
        func filterNumber(_ slot: Int, _ worker: Worker, _ bytes: UnsafePointer<UInt8>) -> Double? {
            switch worker.numberState[slot] {
            case 1: return worker.numbers[slot]
            case 2, 3: return nil
            default:
                let s = worker.starts[slot]
                if s < 0 || s == worker.ends[slot] { worker.numberState[slot] = 2; return nil }
                if let v = NumberParsing.double(bytes, s, worker.ends[slot]) {
                    worker.numberState[slot] = 1
                    worker.numbers[slot] = v
                    return v
                }
                var e = worker.ends[slot]
                var b = s
                while b < e && bytes[b] == 0x20 { b += 1 }
                while e > b && bytes[e - 1] == 0x20 { e -= 1 }
                if b == e { worker.numberState[slot] = 2; return nil }
                worker.numberState[slot] = 3
                if worker.invalidSlot < 0 { worker.invalidSlot = slot }
                return nil
            }
        }

        /// Runs `program[from ..< to]` on the current record.
        @inline(__always)
        func evaluate(_ from: Int, _ to: Int, _ worker: Worker, _ bytes: UnsafePointer<UInt8>) -> Bool {
            let stack = worker.stack
            var top = 0
            for i in from ..< to {
                switch program[i] {
                case .and: top -= 1; stack[top - 1] = stack[top - 1] && stack[top]
                case .or: top -= 1; stack[top - 1] = stack[top - 1] || stack[top]
                case .not: stack[top - 1].toggle()
                case .constant(let v): stack[top] = v; top += 1
                case .numeric(let slot, let op, let value):
                    let v = filterNumber(Int(slot), worker, bytes)
                    stack[top] = v.map { op.holds($0, value) } ?? false
                    top += 1
                case .fields(let a, let op, let b):
                    let u = filterNumber(Int(a), worker, bytes), v = filterNumber(Int(b), worker, bytes)
                    if let u, let v { stack[top] = op.holds(u, v) } else { stack[top] = false }
                    top += 1
                case .text(let slot, let equal, let index):
                    let s = worker.starts[Int(slot)], e = worker.ends[Int(slot)]
                    if s >= 0 && s < e {
                        let same = plan.texts[Int(index)].withUnsafeBufferPointer { value in
                            e - s == value.count && memcmp(value.baseAddress!, bytes + s, value.count) == 0
                        }
                        stack[top] = same == equal
                    } else {
                        stack[top] = false
                    }
                    top += 1
                }
            }
            return stack[0]
        }
    }
}
