/// Whether a larger indicator value means more (+1) or less (−1) disadvantage.
public enum IndicatorDirection: Int, Sendable, Hashable, CaseIterable {
    case moreDisadvantage = 1
    case lessDisadvantage = -1
}

/// A weighted sum of z-scores with a direction per indicator.
///
/// Source: the additive z-score index of area deprivation as in the Berlin MSS Methodenbericht
/// (SenStadt 2021) and Townsend (1987), generalised by weights (METHODS.md "Weighted z-sum"):
/// index = Σ wᵢ·dᵢ·zᵢ with dᵢ = ±1 and Σ wᵢ = 1 (checked).
public enum WeightedZSum {
    /// The index and its z-values.
    public struct Result: Sendable, Hashable {
        /// z per indicator (indicator-major), already multiplied by the direction.
        public var z: [[Double]]
        public var index: [Double]
    }

    /// - Parameters:
    ///   - indicators: values per indicator (indicator-major), complete.
    ///   - directions: one per indicator.
    ///   - weights: one per indicator, summing to 1 (±1e-9).
    ///   - divisor: the SD divisor of the z-scores.
    /// - Throws: `CompositeIndexError.mismatchedLengths`, `.constantIndicator`.
    public static func compute(indicators: [[Double]], names: [String], directions: [IndicatorDirection], weights: [Double],
                               divisor: StandardDeviationDivisor) throws -> Result {
        guard indicators.count == directions.count, indicators.count == weights.count, indicators.count == names.count else {
            throw CompositeIndexError.mismatchedLengths("indicators, names, directions and weights")
        }
        precondition(abs(weights.reduce(0, +) - 1) < 1e-9, "weights must sum to 1")
        let n = indicators.first?.count ?? 0
        var index = [Double](repeating: 0, count: n)
        var zs: [[Double]] = []
        for (k, values) in indicators.enumerated() {
            let (mean, sd) = Standardization.moments(values, divisor: divisor)
            guard sd > 0 else { throw CompositeIndexError.constantIndicator(names[k]) }
            let sign = Double(directions[k].rawValue)
            let z = values.map { sign * ($0 - mean) / sd }
            for i in 0..<n { index[i] += weights[k] * z[i] }
            zs.append(z)
        }
        return Result(z: zs, index: index)
    }
}
