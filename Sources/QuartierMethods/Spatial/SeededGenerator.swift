/// A seeded pseudo-random generator: the same seed gives the same permutations on every platform.
///
/// Source: Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators" (SplitMix64),
/// the generator Java's `SplittableRandom` and xoshiro's seeding use.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound, bound ≥ 1 (Lemire 2019, "Fast random integer generation in an
    /// interval", ACM TOMACS 29(1): multiply-shift with rejection, unbiased).
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Shuffles `buffer` uniformly: Fisher–Yates (Durstenfeld 1964) with each 64-bit output split into two
    /// 32-bit draws, bounded by Lemire's multiply-shift with rejection (unbiased). Buffers below 2³² elements.
    /// - Complexity: O(n).
    @inline(__always)
    public mutating func shuffle<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        precondition(buffer.count < 1 << 32, "shuffle: buffers below 2^32 elements")
        var spare: UInt64 = 0
        var haveSpare = false
        @inline(__always) func draw32() -> UInt64 {
            if haveSpare { haveSpare = false; return spare }
            let x = next()
            spare = x >> 32
            haveSpare = true
            return x & 0xFFFF_FFFF
        }
        var i = buffer.count - 1
        while i > 0 {
            let bound = UInt64(i + 1)
            var m = draw32() &* bound
            if m & 0xFFFF_FFFF < bound {
                let threshold = (0x1_0000_0000 - bound) % bound
                while m & 0xFFFF_FFFF < threshold { m = draw32() &* bound }
            }
            buffer.swapAt(i, Int(m >> 32))
            i -= 1
        }
    }
}
