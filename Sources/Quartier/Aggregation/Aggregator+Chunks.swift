import Foundation
import QuartierBase
import Synchronization

extension Aggregator {
    /// Which fields of a record are read, and what each output column does with them.
    struct Plan: Sendable {
        enum ColumnWork: Sendable {
            case sum(slot: Int)
            /// The filter's instructions are `program[start ..< end]`.
            case count(start: Int, end: Int)
        }

        /// A filter compiled to postfix instructions over slots (no reference-counted nodes in the
        /// per-record loop). Every comparison is evaluated (no short cut), so whether a record is
        /// rejected for a non-numeric field does not depend on the other fields' values.
        enum Instruction: Sendable {
            case numeric(slot: Int32, op: RecordFilter.Comparison, value: Double)
            case fields(Int32, RecordFilter.Comparison, Int32)
            case text(slot: Int32, equal: Bool, index: Int32)
            case constant(Bool)
            case and, or, not
        }

        var program: [Instruction] = []
        var texts: [[UInt8]] = []
        var longestProgram = 0

        var fieldNames: [String]
        /// For each CSV column up to `maxColumn`, its slot or -1 when not read.
        var slotOfColumn: [Int]
        var maxColumn: Int
        var slotCount: Int
        var slotNames: [String]
        var xSlot: Int
        var ySlot: Int
        var work: [ColumnWork]
        var isSum: [Bool]
        var columnCount: Int
        var areaCount: Int

        init(header: [UInt8], spec: AggregationSpec, path: String, areaCount: Int) throws {
            fieldNames = CSVText.split(header)
            var slots: [Int] = [] // slot -> CSV column
            let names = fieldNames
            func slot(_ name: String) throws -> Int {
                guard let column = names.firstIndex(of: name) else {
                    throw InputError(InputLocation(file: path, line: 1, field: name), found: "no such field (fields: \(names.joined(separator: ", ")))",
                                     expected: "a field named \"\(name)\"")
                }
                if let s = slots.firstIndex(of: column) { return s }
                slots.append(column)
                return slots.count - 1
            }
            xSlot = try slot(spec.xField)
            ySlot = try slot(spec.yField)
            var work: [ColumnWork] = []
            for column in spec.columns {
                switch column {
                case .sum(let field):
                    work.append(.sum(slot: try slot(field)))
                case .count(_, let filter):
                    let mapping = try filter.fields.map(slot)
                    let start = program.count
                    Plan.compile(Plan.remap(filter.root, mapping), into: &program, texts: &texts)
                    work.append(.count(start: start, end: program.count))
                    longestProgram = max(longestProgram, program.count - start)
                }
            }
            self.work = work
            isSum = spec.columns.map { if case .sum = $0 { true } else { false } }
            maxColumn = slots.max() ?? 0
            var slotOfColumn = [Int](repeating: -1, count: maxColumn + 1)
            for (s, c) in slots.enumerated() { slotOfColumn[c] = s }
            self.slotOfColumn = slotOfColumn
            slotCount = slots.count
            slotNames = slots.map { names[$0] }
            columnCount = 1 + spec.columns.count
            self.areaCount = areaCount
        }

        /// Appends the postfix instructions of `node`.
        static func compile(_ node: RecordFilter.Node, into program: inout [Instruction], texts: inout [[UInt8]]) {
            switch node {
            case .and(let a, let b): compile(a, into: &program, texts: &texts); compile(b, into: &program, texts: &texts); program.append(.and)
            case .or(let a, let b): compile(a, into: &program, texts: &texts); compile(b, into: &program, texts: &texts); program.append(.or)
            case .not(let a): compile(a, into: &program, texts: &texts); program.append(.not)
            case .numeric(let f, let op, let v): program.append(.numeric(slot: Int32(f), op: op, value: v))
            case .fields(let a, let op, let b): program.append(.fields(Int32(a), op, Int32(b)))
            case .text(let f, let equal, let v):
                texts.append(v)
                program.append(.text(slot: Int32(f), equal: equal, index: Int32(texts.count - 1)))
            case .constant(let v): program.append(.constant(v))
            }
        }

        /// The filter with field numbers replaced by slots.
        static func remap(_ node: RecordFilter.Node, _ slots: [Int]) -> RecordFilter.Node {
            switch node {
            case .and(let a, let b): .and(remap(a, slots), remap(b, slots))
            case .or(let a, let b): .or(remap(a, slots), remap(b, slots))
            case .not(let a): .not(remap(a, slots))
            case .numeric(let f, let op, let v): .numeric(field: slots[f], op: op, value: v)
            case .fields(let a, let op, let b): .fields(slots[a], op, slots[b])
            case .text(let f, let equal, let v): .text(field: slots[f], equal: equal, value: v)
            case .constant(let v): .constant(v)
            }
        }
    }

    /// What one chunk reports besides counts: its line count, first rejections, kept lines.
    struct ChunkReport: Sendable {
        struct Rejected: Sendable {
            var line: Int
            var field: String?
            var found: String
            var expected: String
            var reason: String
        }

        struct Kept: Sendable {
            var line: Int
            var status: String
            var reason: String
            var bytes: Range<Int>
        }

        var lines = 0
        var rejections: [Rejected] = []
        var kept: [Kept] = []
        var keptBytes: [UInt8] = []
    }

    /// The records of a chunk that fall in mixed grid cells, handled together, sorted by cell, at the
    /// end of the chunk (so each cell's candidate areas and edges are fetched into cache once).
    struct Deferred {
        struct Record {
            var x: Double
            var y: Double
            var code: Int32
            var line: Int32
            var start: Int
            var end: Int
        }

        var keys: [UInt64] = []      // cell slot << 32 | record number in this list
        var records: [Record] = []
        var values: [Int64] = []     // (columns − 1) per record
        /// Parsed records whose cell is not looked up yet: looked up `batch` at a time in a tight
        /// loop, so the cache misses on the grid overlap instead of stalling one by one.
        var pending: [Record] = []
        var pendingValues: [Int64] = []
        static let batch = 64
    }

    /// Sorts keys by their high 32 bits (values below `maxHigh`), stably: an LSD radix sort with
    /// 11-bit digits, O(n) (a comparison sort of the deferred records cost 10 % of the join).
    static func radixSortByHigh32(_ keys: inout [UInt64], scratch: inout [UInt64], maxHigh: Int) {
        let n = keys.count
        guard n > 1 else { return }
        if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
        var bits = 0
        while (1 << bits) < max(maxHigh, 2) { bits += 1 }
        var shift = 32
        var counts = [Int](repeating: 0, count: 2049)
        keys.withUnsafeMutableBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { target in
                var from = source, to = target
                var swapped = false
                while shift < 32 + bits {
                    for k in 0 ..< counts.count { counts[k] = 0 }
                    for key in from[0 ..< n] { counts[Int((key >> UInt64(shift)) & 0x7FF) + 1] += 1 }
                    for k in 1 ..< counts.count { counts[k] += counts[k - 1] }
                    for key in from[0 ..< n] {
                        let digit = Int((key >> UInt64(shift)) & 0x7FF)
                        to[counts[digit]] = key
                        counts[digit] += 1
                    }
                    swap(&from, &to)
                    swapped.toggle()
                    shift += 11
                }
                if swapped { source.baseAddress!.update(from: target.baseAddress!, count: n) }
            }
        }
    }

    /// State shared by the workers.
    final class Shared: Sendable {
        let nextChunk = Atomic<Int>(0)
        /// With `strict`: no chunk after this one is started.
        let stopAfter = Atomic<Int>(Int.max)
        let reports: Mutex<[ChunkReport?]>
        let ioError = Mutex<String?>(nil)

        init(chunkCount: Int) {
            reports = Mutex([ChunkReport?](repeating: nil, count: chunkCount))
        }
    }

    /// One worker's counts and buffers. Touched by one thread only; the per-record state is in raw
    /// buffers (`let` pointers), so the hot loop pays no exclusivity checks.
    final class Worker {
        let counts: UnsafeMutablePointer<Int64>
        let countsSize: Int
        /// assigned, unassigned, on boundary, rejected (behind a pointer: no exclusivity checks per record).
        let tallies: UnsafeMutablePointer<Int>
        var assigned: Int { get { tallies[0] } set { tallies[0] = newValue } }
        var unassigned: Int { get { tallies[1] } set { tallies[1] = newValue } }
        var onBoundary: Int { get { tallies[2] } set { tallies[2] = newValue } }
        var rejected: Int { get { tallies[3] } set { tallies[3] = newValue } }
        var deferredCapacity = 0
        var sortScratch: [UInt64] = []
        var buffer: UnsafeMutablePointer<UInt8>
        var capacity: Int
        let starts: UnsafeMutablePointer<Int>
        let ends: UnsafeMutablePointer<Int>
        /// Per slot, for filters: 0 not parsed yet, 1 number, 2 missing (empty), 3 not a number.
        let numberState: UnsafeMutablePointer<UInt8>
        let numbers: UnsafeMutablePointer<Double>
        let invalid: UnsafeMutablePointer<Int>
        let columnValues: UnsafeMutablePointer<Int64>
        /// The evaluation stack of the compiled filters.
        let stack: UnsafeMutablePointer<Bool>
        let stackSize: Int

        init(plan: Plan) {
            stackSize = max(1, plan.longestProgram)
            stack = .allocate(capacity: stackSize)
            stack.initialize(repeating: false, count: stackSize)
            tallies = .allocate(capacity: 4)
            tallies.initialize(repeating: 0, count: 4)
            countsSize = plan.areaCount * plan.columnCount
            counts = .allocate(capacity: max(1, countsSize))
            counts.initialize(repeating: 0, count: max(1, countsSize))
            capacity = 1 << 16
            buffer = .allocate(capacity: capacity)
            let slots = max(1, plan.slotCount)
            starts = .allocate(capacity: slots)
            starts.initialize(repeating: -1, count: slots)
            ends = .allocate(capacity: slots)
            ends.initialize(repeating: -1, count: slots)
            numberState = .allocate(capacity: slots)
            numberState.initialize(repeating: 0, count: slots)
            numbers = .allocate(capacity: slots)
            numbers.initialize(repeating: 0, count: slots)
            invalid = .allocate(capacity: 1)
            invalid.initialize(to: -1)
            columnValues = .allocate(capacity: plan.columnCount)
            columnValues.initialize(repeating: 0, count: plan.columnCount)
        }

        deinit {
            buffer.deallocate()
            tallies.deallocate()
            counts.deallocate()
            starts.deallocate()
            ends.deallocate()
            numberState.deallocate()
            numbers.deallocate()
            invalid.deallocate()
            columnValues.deallocate()
            stack.deallocate()
        }

        var invalidSlot: Int {
            get { invalid.pointee }
            set { invalid.pointee = newValue }
        }

        func reserve(_ count: Int) {
            guard count > capacity else { return }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
            bigger.update(from: buffer, count: capacity)
            buffer.deallocate()
            buffer = bigger
            capacity = count
        }
    }

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
                let range = record.start ..< record.end
                if let area {
                    worker.assigned += 1
                    let base = area * plan.columnCount
                    worker.counts[base] += 1
                    for k in 0 ..< perRecord { worker.counts[base + 1 + k] += deferred.values[i * perRecord + k] }
                } else if onBoundary {
                    worker.onBoundary += 1
                    keep(status: "on_boundary", reason: "on an area boundary (rule \(spec.boundaryRule.rawValue))", bytes,
                         line: Int(record.line), report: &report, start: range.lowerBound, end: range.upperBound)
                } else {
                    worker.unassigned += 1
                    keep(status: "unassigned", reason: "inside no area", bytes, line: Int(record.line), report: &report,
                         start: range.lowerBound, end: range.upperBound)
                }
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
                if let area {
                    worker.assigned += 1
                    let base = area * plan.columnCount
                    worker.counts[base] += 1
                    for k in 0 ..< perRecord { worker.counts[base + 1 + k] += deferred.pendingValues[i * perRecord + k] }
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
