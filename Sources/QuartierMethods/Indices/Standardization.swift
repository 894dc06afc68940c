// `StandardDeviationDivisor` (`.population` = n, `.sample` = n − 1) is declared with the
// classifications (Classification/Classification.swift) and shared by every method here.

/// Mean, standard deviation and z-scores with the divisor named.
///
/// Source: the z-transformation as the Berlin MSS Methodenbericht (SenStadt 2021) and the
/// Townsend/Carstairs indices use it: z = (x − mean)/SD.
public enum Standardization {
    /// Mean and SD of the values (unweighted).
    public static func moments(_ values: [Double], divisor: StandardDeviationDivisor) -> (mean: Double, sd: Double) {
        precondition(values.count > (divisor == .sample ? 1 : 0), "too few values for a standard deviation")
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return (mean, (squares / (divisor == .population ? n : n - 1)).squareRoot())
    }

    /// Weighted mean and weighted population SD: Σw·x/Σw and √(Σw(x − m)²/Σw)
    /// (Carstairs & Morris 1991 weight by population).
    public static func weightedMoments(_ values: [Double], weights: [Double]) -> (mean: Double, sd: Double) {
        precondition(values.count == weights.count && !values.isEmpty, "one weight per value")
        let total = weights.reduce(0, +)
        var mean = 0.0
        for (x, w) in zip(values, weights) { mean += w * x }
        mean /= total
        var squares = 0.0
        for (x, w) in zip(values, weights) { squares += w * (x - mean) * (x - mean) }
        return (mean, (squares / total).squareRoot())
    }

    /// z-scores of the values.
    public static func zScores(_ values: [Double], divisor: StandardDeviationDivisor) -> [Double] {
        let (mean, sd) = moments(values, divisor: divisor)
        return values.map { ($0 - mean) / sd }
    }
}
