import Dispatch

/// The quadrant of an area in the Moran scatterplot (esda's codes 1–4).
public enum MoranQuadrant: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// High value, high neighbours (a hot spot).
    case HH = 1
    /// Low value, high neighbours.
    case LH = 2
    /// Low value, low neighbours (a cold spot).
    case LL = 3
    /// High value, low neighbours.
    case HL = 4

    public var description: String { ["", "HH", "LH", "LL", "HL"][rawValue] }
}

/// Local Moran's I (LISA) per area with conditional-permutation pseudo p-values.
///
/// Field names follow esda's `Moran_Local` (`Is`, `q`, `p_sim`); adjusted p-values add
/// Benjamini–Hochberg and Bonferroni.
public struct LocalMoran: Hashable, Sendable {
    public var ids: [String]
    /// Iᵢ = (n − 1)·zᵢ·(Wz)ᵢ / Σz², z standardised with the population SD (Anselin 1995; esda).
    public var Is: [Double]
    /// The Moran-scatterplot quadrant; nil for islands.
    public var q: [MoranQuadrant?]
    /// Folded pseudo p-values (M + 1)/(R + 1) from conditional permutations; nil for islands or with 0 permutations.
    public var p_sim: [Double?]
    /// Benjamini–Hochberg q-values of `p_sim` over the areas with neighbours.
    public var p_fdr: [Double?]
    /// Bonferroni-adjusted `p_sim` over the areas with neighbours.
    public var p_bonferroni: [Double?]
    public var permutations: Int
    public var seed: UInt64
    /// Areas without neighbours: Iᵢ = 0, no quadrant and no p-value.
    public var islands: [Int]
    public var transform: WeightsTransform
}

extension LocalMoran {
    /// Computes local Moran's I for every area.
    ///
    /// Source: Anselin (1995), "Local indicators of spatial association — LISA", Geographical Analysis 27;
    /// conditional permutation (the value of area i fixed, the others permuted over its neighbours) as in
    /// GeoDa and esda's `Moran_Local`; Benjamini & Hochberg (1995) for the FDR. A zero z-value or zero lag
    /// counts as low (esda's rule: high means > 0).
    ///
    /// - Parameters:
    ///   - values: one value per area, in the weights' order.
    ///   - weights: the weights as given (row-standardised for esda's default).
    ///   - permutations: conditional permutations per area (999 by default, 0 for none).
    ///   - seed: the generator's seed; each area draws from its own stream, so results do not depend on threads.
    /// - Throws: `SpatialError` for a count mismatch, non-finite or constant values, or fewer than 3 areas.
    public static func compute(_ values: [Double], weights: SpatialWeights, permutations: Int = 999,
                               seed: UInt64 = 12345) throws(SpatialError) -> LocalMoran {
        let n = values.count
        guard n == weights.count else { throw SpatialError("\(n) values for \(weights.count) areas: expected one value per area") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw SpatialError("value of area \(weights.ids[bad]) is \(values[bad]): expected a finite number")
        }
        guard n >= 3 else { throw SpatialError("\(n) areas: local Moran needs at least 3") }
        guard permutations >= 0 else { throw SpatialError("\(permutations) permutations: expected 0 or more") }
        let mean = values.reduce(0, +) / Double(n)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        guard sd > 0 else { throw SpatialError("all \(n) values are equal: local Moran is undefined for a constant variable") }
        let z = values.map { ($0 - mean) / sd }
        let den = z.reduce(0) { $0 + $1 * $1 }
        let scale = Double(n - 1) / den
        let lag = weights.lag(z)
        let islands = weights.islands
        let isIsland = weights.neighbours.map(\.isEmpty)
        let Is = (0..<n).map { scale * z[$0] * lag[$0] }
        let q: [MoranQuadrant?] = (0..<n).map { i in
            if isIsland[i] { return nil }
            switch (z[i] > 0, lag[i] > 0) {
            case (true, true): return .HH
            case (false, true): return .LH
            case (false, false): return .LL
            case (true, false): return .HL
            }
        }
        var p = [Double?](repeating: nil, count: n)
        if permutations > 0 {
            var pValues = [Double](repeating: .nan, count: n)
            let blockSize = 64
            let blocks = (n + blockSize - 1) / blockSize
            pValues.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                DispatchQueue.concurrentPerform(iterations: blocks) { block in
                    // Indices of the other areas; a partial Fisher–Yates shuffle draws kᵢ of them per permutation.
                    var others = [Int32](repeating: 0, count: n - 1)
                    for i in (block * blockSize)..<min(n, (block + 1) * blockSize) where !isIsland[i] {
                        var generator = SeededGenerator(seed: seed ^ (UInt64(i) &* 0xD1B5_4A32_D192_ED03))
                        for t in 0..<(n - 1) { others[t] = Int32(t < i ? t : t + 1) }
                        let w = weights.weights[i]
                        let k = w.count
                        let observed = Is[i]
                        var larger = 0
                        for _ in 0..<permutations {
                            var lagSim = 0.0
                            for t in 0..<k {
                                let pick = t + generator.below(n - 1 - t)
                                others.swapAt(t, pick)
                                lagSim += w[t] * z[Int(others[t])]
                            }
                            if scale * z[i] * lagSim >= observed { larger += 1 }
                        }
                        if permutations - larger < larger { larger = permutations - larger }
                        out[i] = Double(larger + 1) / Double(permutations + 1)
                    }
                }
            }
            for i in 0..<n where !isIsland[i] { p[i] = pValues[i] }
        }
        return LocalMoran(ids: weights.ids, Is: Is, q: q, p_sim: p, p_fdr: MultipleTesting.benjaminiHochberg(p),
                          p_bonferroni: MultipleTesting.bonferroni(p), permutations: permutations, seed: seed,
                          islands: islands, transform: weights.transform)
    }
}
