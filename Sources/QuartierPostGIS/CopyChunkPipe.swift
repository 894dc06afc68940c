import Foundation

/// Binary COPY data handed over from the thread that encodes it to the one that sends it, in chunks of
/// about 1 MiB, in order, so that the client encodes the next rows while the server takes in (and
/// indexes) the previous ones. Bounded: the encoder waits while `limit` chunks are queued; `cancel`
/// (the sender failed) lets it stop.
final class CopyChunkPipe: @unchecked Sendable {
    struct Chunk {
        /// The index of the COPY (table) the bytes belong to.
        var copy: Int
        var bytes: [UInt8]
        /// The last chunk of its COPY (ends with the binary format's trailer).
        var last: Bool
        /// The test hook of its COPY runs after this chunk is sent.
        var pause: Bool
    }

    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private var head = 0
    private var cancelled = false
    private let limit: Int

    init(limit: Int = 32) { self.limit = limit }

    /// Queues `chunk`; false when the pipe was cancelled (the encoder should stop).
    @discardableResult
    func put(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && queue.count - head >= limit { condition.wait() }
        guard !cancelled else { return false }
        queue.append(chunk)
        condition.broadcast()
        return true
    }

    /// The next chunk, waiting for it.
    func next() -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        while queue.count == head { condition.wait() }
        let chunk = queue[head]
        queue[head].bytes = []
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return chunk
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
