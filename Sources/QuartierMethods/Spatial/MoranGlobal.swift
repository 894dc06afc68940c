import Dispatch
import Foundation

/// Global Moran's I with its moments under normality and randomisation and a permutation test.
///
/// Field names follow esda's `Moran` attributes (`I`, `EI`, `VI_norm`, `z_norm`, `p_norm`, `VI_rand`,
/// `z_rand`, `p_rand`, `p_sim`, `EI_sim`, `seI_sim`, `z_sim`).
public struct GlobalMoran: Hashable, Sendable {
    public var n: Int
    /// Moran's I = (n/S0)·(zᵀWz)/(zᵀz), z = y − ȳ (Moran 1950).
    public var I: Double
    /// E[I] = −1/(n − 1).
    public var EI: Double
    /// Variance of I under the normality assumption (Cliff & Ord 1981, eq. 1.35).
    public var VI_norm: Double
    public var z_norm: Double
    public var p_norm: Double
    /// Variance of I under randomisation (Cliff & Ord 1981, eq. 1.38), with the sample kurtosis of z.
    public var VI_rand: Double
    public var z_rand: Double
    public var p_rand: Double
    /// Whether `p_norm`/`p_rand` are two-tailed.
    public var tails: Tails
    /// The permutation test, nil with 0 permutations.
    public var permutation: PermutationTest?
    /// Areas without neighbours (their lag is 0 and they add nothing to zᵀWz; they stay in n).
    public var islands: [Int]
    public var transform: WeightsTransform

    /// A pseudo p-value from random permutations of the values over the areas.
    public struct PermutationTest: Hashable, Sendable {
        public var permutations: Int
        public var seed: UInt64
        /// (M + 1)/(R + 1), M the number of permuted statistics at least as extreme as the observed one on
        /// its side (esda's folded count: ≥ I, or ≤ I when fewer are ≥).
        public var p_sim: Double
        public var EI_sim: Double
        /// Standard deviation of the permuted statistics (divisor R, numpy's default).
        public var seI_sim: Double
        public var z_sim: Double
    }
}

/// One- or two-tailed normal p-values.
public enum Tails: String, Hashable, Sendable, CaseIterable {
    case one
    case two
}

extension GlobalMoran {
    /// Computes global Moran's I for `values` over `weights`.
    ///
    /// Sources: Moran (1950), "Notes on continuous stochastic phenomena", Biometrika 37; Cliff & Ord (1981),
    /// Spatial Processes, for E[I] and the variances; the permutation test as in esda and GeoDa
    /// (Anselin 1995). Formulas are esda's `Moran` exactly, so results agree to rounding.
    ///
    /// - Parameters:
    ///   - values: one value per area, in the weights' order.
    ///   - weights: the spatial weights, used as given (row-standardise them first for esda's default "r").
    ///   - permutations: the number of random permutations (999 by default, 0 for none).
    ///   - seed: the generator's seed; the same seed gives the same p_sim.
    ///   - tails: one- or two-tailed normal p-values (esda's default is two).
    /// - Throws: `SpatialError` when the counts differ, a value is not finite, the values are constant
    ///   (I is 0/0), no area has a neighbour (S0 = 0) or n < 4 (the randomisation variance needs n > 3).
    public static func compute(_ values: [Double], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 12345,
                               tails: Tails = .two) throws(SpatialError) -> GlobalMoran {
        let n = values.count
        guard n == weights.count else { throw SpatialError("\(n) values for \(weights.count) areas: expected one value per area") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw SpatialError("value of area \(weights.ids[bad]) is \(values[bad]): expected a finite number (drop or impute missing values first)")
        }
        guard n >= 4 else { throw SpatialError("\(n) areas: Moran's I with its randomisation variance needs at least 4") }
        guard permutations >= 0 else { throw SpatialError("\(permutations) permutations: expected 0 or more") }
        let mean = values.reduce(0, +) / Double(n)
        let z = values.map { $0 - mean }
        let z2ss = z.reduce(0) { $0 + $1 * $1 }
        guard z2ss > 0 else { throw SpatialError("all \(n) values are equal: Moran's I is undefined for a constant variable") }
        let (s0, s1, s2) = weights.moments
        guard s0 > 0 else { throw SpatialError("no area has a neighbour (S0 = 0): Moran's I is undefined") }
        let compact = CompactWeights(weights)
        let I = compact.reordered(z).withUnsafeBufferPointer { Double(n) / s0 * compact.crossProduct($0) / z2ss }

        let nd = Double(n), n2 = nd * nd, s02 = s0 * s0
        let EI = -1 / (nd - 1)
        let VI_norm = (n2 * s1 - nd * s2 + 3 * s02) / ((nd - 1) * (nd + 1) * s02) - (1 / (nd - 1)) * (1 / (nd - 1))
        let k = (z.reduce(0) { $0 + $1 * $1 * $1 * $1 } / nd) / ((z2ss / nd) * (z2ss / nd))
        let A = nd * ((n2 - 3 * nd + 3) * s1 - nd * s2 + 3 * s02)
        let B = k * ((n2 - nd) * s1 - 2 * nd * s2 + 6 * s02)
        let VI_rand = (A - B) / ((nd - 1) * (nd - 2) * (nd - 3) * s02) - EI * EI
        let z_norm = (I - EI) / VI_norm.squareRoot()
        let z_rand = (I - EI) / VI_rand.squareRoot()

        var result = GlobalMoran(
            n: n, I: I, EI: EI, VI_norm: VI_norm, z_norm: z_norm, p_norm: normalP(z_norm, tails),
            VI_rand: VI_rand, z_rand: z_rand, p_rand: normalP(z_rand, tails), tails: tails,
            permutation: nil, islands: weights.islands, transform: weights.transform)
        if permutations > 0 {
            let sims = permutedStatistics(z, compact: compact, scale: nd / s0 / z2ss, permutations: permutations, seed: seed)
            var larger = sims.reduce(0) { $0 + ($1 >= I ? 1 : 0) }
            if permutations - larger < larger { larger = permutations - larger }
            let EI_sim = sims.reduce(0, +) / Double(permutations)
            let seI_sim = (sims.reduce(0) { $0 + ($1 - EI_sim) * ($1 - EI_sim) } / Double(permutations)).squareRoot()
            result.permutation = PermutationTest(
                permutations: permutations, seed: seed, p_sim: Double(larger + 1) / Double(permutations + 1),
                EI_sim: EI_sim, seI_sim: seI_sim, z_sim: (I - EI_sim) / seI_sim)
        }
        return result
    }

    /// The normal tail probability of z: one-tailed on z's side, or twice that.
    static func normalP(_ z: Double, _ tails: Tails) -> Double {
        let one = 0.5 * erfc(abs(z) / 2.0.squareRoot())
        return tails == .two ? 2 * one : one
    }

    /// I for `permutations` random permutations of z, in fixed blocks of 32 with one generator per block
    /// (seeded from `seed` and the block), so the result does not depend on the number of threads.
    static func permutedStatistics(_ z: [Double], compact: CompactWeights, scale: Double, permutations: Int, seed: UInt64) -> [Double] {
        let blockSize = 32
        let blocks = (permutations + blockSize - 1) / blockSize
        var sims = [Double](repeating: 0, count: permutations)
        sims.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                var generator = SeededGenerator(seed: seed &+ 0x9E37_79B9 &* UInt64(block + 1))
                var shuffled = compact.reordered(z)
                shuffled.withUnsafeMutableBufferPointer { buffer in
                    for r in (block * blockSize)..<min(permutations, (block + 1) * blockSize) {
                        // A uniform shuffle of the previous permutation is again uniform.
                        generator.shuffle(buffer)
                        out[r] = scale * compact.crossProduct(UnsafeBufferPointer(buffer))
                    }
                }
            }
        }
        return sims
    }
}
