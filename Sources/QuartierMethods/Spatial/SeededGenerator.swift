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
    /// interval", ACM TOMS 29: multiply-shift with rejection, unbiased).
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
}
