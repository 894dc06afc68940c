/// The nodes of each grid cell, in the order they were made: open addressing over the cells (no
/// dictionary of arrays), a list through `next` per cell.
struct NodeGrid {
    private var keys: [GridKey]
    private var heads: [Int32], tails: [Int32]
    private let mask: Int
    private var used = 0
    /// The node after each node in its cell, -1 at the end.
    var next: [Int32] = []

    init(expected: Int) {
        var size = 16
        while size < 2 * max(expected, 1) { size <<= 1 }
        keys = [GridKey](repeating: GridKey(x: 0, y: 0), count: size)
        heads = [Int32](repeating: -1, count: size)
        tails = heads
        mask = size - 1
        next.reserveCapacity(expected)
    }

    @inline(__always) private func slot(_ key: GridKey) -> Int {
        var h = UInt64(bitPattern: key.x) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: key.y) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        var s = Int(truncatingIfNeeded: h) & mask
        while heads[s] >= 0, keys[s] != key { s = (s + 1) & mask }
        return s
    }

    /// The first node of `key`'s cell, -1 if none.
    func first(_ key: GridKey) -> Int32 { heads[slot(key)] }

    /// Adds node `n` (the next node number) at the end of its cell's list.
    mutating func append(_ n: Int32, at key: GridKey) {
        if 2 * (used + 1) > keys.count { grow() }
        let s = slot(key)
        next.append(-1)
        if heads[s] < 0 { keys[s] = key; heads[s] = n; used += 1 } else { next[Int(tails[s])] = n }
        tails[s] = n
    }

    private mutating func grow() {
        let old = (keys, heads, tails)
        var bigger = NodeGrid(expected: keys.count)
        bigger.next = next
        for s in old.0.indices where old.1[s] >= 0 {
            let t = bigger.slot(old.0[s])
            bigger.keys[t] = old.0[s]; bigger.heads[t] = old.1[s]; bigger.tails[t] = old.2[s]; bigger.used += 1
        }
        self = bigger
    }
}
