import Foundation
import QuartierAccess

extension AccessCommand {
    /// `area(i)` for i in 0..<count on `threads` workers, each writing its own range of the result
    /// (the locator is immutable and `Sendable`); the same result as a serial loop.
    static func locate(count: Int, threads: Int, _ area: @Sendable (Int) -> Int32) -> [Int32] {
        var result = [Int32](repeating: -1, count: count)
        let workers = max(1, min(threads, count / 10_000 + 1))
        result.withUnsafeMutableBufferPointer { buffer in
            let base = UncheckedPointer(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let lower = count * w / workers, upper = count * (w + 1) / workers
                for i in lower..<upper { base.pointer![i] = area(i) }
            }
        }
        return result
    }
}

/// A buffer's base address handed to workers that write disjoint ranges of it.
private struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int32>?
    init(_ pointer: UnsafeMutablePointer<Int32>?) { self.pointer = pointer }
}
