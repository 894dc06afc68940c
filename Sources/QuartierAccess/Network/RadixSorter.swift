/// A least-significant-digit radix sort (11 bits a pass, stable) of keys by their upper 32 bits,
/// with its buffers kept across calls. Source: the counting sort of Knuth, TAOCP vol. 3, §5.2.5.
struct RadixSorter {
    private var counts = [Int](repeating: 0, count: 2049)
    private var other: [UInt64] = []

    /// Sorts the first `count` of `keys` by `key >> 32`, whose values are below `1 << bits`.
    mutating func sortByUpperHalf(_ keys: inout [UInt64], count: Int, bits: Int) {
        guard count > 1 else { return }
        if other.count < count { other = [UInt64](repeating: 0, count: count) }
        var shift = 32
        while shift < 32 + max(bits, 1) {
            let s = UInt64(shift)
            counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeMutableBufferPointer { all in
            other.withUnsafeMutableBufferPointer { target in
                let source = UnsafeMutableBufferPointer(rebasing: all[0..<count])
                for d in 0..<counts.count { counts[d] = 0 }
                for key in source { counts[Int((key >> s) & 2047) + 1] += 1 }
                for d in 1..<counts.count { counts[d] += counts[d - 1] }
                for key in source {
                    let d = Int((key >> s) & 2047)
                    target[counts[d]] = key
                    counts[d] += 1
                }
                for i in 0..<source.count { source[i] = target[i] }
            } } }
            shift += 11
        }
    }
}
