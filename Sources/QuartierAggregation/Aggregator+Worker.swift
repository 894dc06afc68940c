import Foundation
import QuartierBase
import QuartierTable
import Synchronization

extension Aggregator {
    /// What one chunk reports besides counts: its line count, first rejections, kept lines.
    struct ChunkReport: Sendable {
        struct Rejected: Sendable {
            var line: Int
            var slot: Int
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
            var slot: Int32
            var start: Int
            var end: Int
        }

        /// A point kept to the end of the file (`Context.defersToEnd`), sorted by cell with its
        /// coordinates beside its key, so that locating in cell order reads it sequentially.
        struct SortedPoint {
            var key: UInt64 // cell slot << 32 | record number in this list
            var x: Double
            var y: Double
        }

        var keys: [UInt64] = []      // cell slot << 32 | record number in this list
        /// With `sortsPoints` the mixed cells' points go here instead of `keys`.
        var points: [SortedPoint] = []
        var sortsPoints = false
        /// Per record of `records` (after `Context.locateDeferred`): its area, -1 in none, -2 on a boundary.
        var areas: UnsafeMutablePointer<Int32>?
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
        radixSortByHigh32(&keys, scratch: &scratch, maxHigh: maxHigh) { $0 }
    }

    /// Sorts items by the high 32 bits of `key(item)` (values below `maxHigh`), stably (see above).
    static func radixSortByHigh32<Item>(_ keys: inout [Item], scratch: inout [Item], maxHigh: Int, key: (Item) -> UInt64) {
        let n = keys.count
        guard n > 1 else { return }
        if scratch.count < n { scratch = [Item](repeating: keys[0], count: n) }
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
                    for item in from[0 ..< n] { counts[Int((key(item) >> UInt64(shift)) & 0x7FF) + 1] += 1 }
                    for k in 1 ..< counts.count { counts[k] += counts[k - 1] }
                    for item in from[0 ..< n] {
                        let digit = Int((key(item) >> UInt64(shift)) & 0x7FF)
                        to[counts[digit]] = item
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
        /// With `strict`: no group after this one is started.
        let stopAfter = Atomic<Int>(Int.max)
        let reports: Mutex<[ChunkReport?]>
        /// The first group (in file order) that could not be read, and why.
        let failure = Mutex<GroupFailure?>(nil)
        let failedGroup = Mutex<Int>(Int.max)

        init(chunkCount: Int) {
            reports = Mutex([ChunkReport?](repeating: nil, count: chunkCount))
        }
    }

    /// One worker's counts and buffers. Touched by one thread only; the per-record state is in raw
    /// buffers (`let` pointers), so the hot loop pays no exclusivity checks.
    final class Worker {
        /// Per slot, area and column (`(slot * areas + area) * columns + column`).
        let counts: UnsafeMutablePointer<Int64>
        let countsSize: Int
        /// Per slot `plan.tallyWidth` tallies: assigned, unassigned, on boundary, rejected, unmatched by
        /// reason (behind a pointer: no exclusivity checks per record).
        let tallies: UnsafeMutablePointer<Int>
        let talliesSize: Int
        /// Records of years no slot asked for.
        var otherSlots = 0
        static let assigned = 0, unassigned = 1, onBoundary = 2, rejected = 3, unmatched = 4
        /// This thread's placer (nil: records at coordinates), and the header indices of its fields.
        let placer: (any RecordPlacerWorker)?
        let placerColumns: [Int]
        var deferredCapacity = 0
        var sortScratch: [UInt64] = []
        /// The points of mixed cells this worker read, kept to the end of the file (`Context.defersToEnd`).
        var deferred: Deferred = {
            var deferred = Deferred()
            deferred.sortsPoints = true
            return deferred
        }()
        let scanner: CSVRecordScanner
        /// The filters' values of the current record (header columns, then text comparisons).
        let values: UnsafeMutablePointer<Double>
        let columnValues: UnsafeMutablePointer<Int64>

        init(plan: Plan, scanner: CSVRecordScanner) {
            self.scanner = scanner
            talliesSize = plan.slotCount * plan.tallyWidth
            tallies = .allocate(capacity: talliesSize)
            tallies.initialize(repeating: 0, count: talliesSize)
            placer = plan.placer?.makeWorker()
            placerColumns = plan.placerColumns
            countsSize = plan.slotCount * plan.areaCount * plan.columnCount
            counts = .allocate(capacity: max(1, countsSize))
            counts.initialize(repeating: 0, count: max(1, countsSize))
            values = .allocate(capacity: max(1, plan.valueCount))
            values.initialize(repeating: .nan, count: max(1, plan.valueCount))
            columnValues = .allocate(capacity: plan.columnCount)
            columnValues.initialize(repeating: 0, count: plan.columnCount)
        }

        deinit {
            deferred.areas?.deallocate()
            tallies.deallocate()
            counts.deallocate()
            values.deallocate()
            columnValues.deallocate()
        }
    }
}
