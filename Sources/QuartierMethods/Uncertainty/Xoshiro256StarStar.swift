/// A seedable pseudo-random generator: xoshiro256**.
///
/// Source: D. Blackman, S. Vigna (2021), "Scrambled linear pseudorandom number generators", ACM TOMS
/// 47(4); the reference C code at prng.di.unimi.it. The 64-bit seed is expanded to the 256-bit state
/// with SplitMix64, as the authors recommend. Hand-written because the standard library's
/// `SystemRandomNumberGenerator` cannot be seeded: the same seed gives the same draws on every
/// platform.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var seeder = SeededGenerator(seed: seed) // SplitMix64
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    /// Starts from a given 256-bit state (not all zero), as the reference implementation does.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "the all-zero state is a fixed point")
        (s0, s1, s2, s3) = state
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
