/// Empirical Bayes smoothing of rates towards a reference rate (Marshall's global estimator).
///
/// Source: R. J. Marshall (1991), "Mapping disease and mortality rates using empirical Bayes
/// estimators", Applied Statistics 40(2), 283–294, method of moments:
/// r̄ = Σe/Σb; A = Σb(r − r̄)²/Σb − r̄/(Σb/n), clamped at 0 (`VarianceClamp.zero`);
/// w = A/(A + r̄/b); EB = w·r + (1 − w)·r̄. Rates are proportions (e/b), not scaled.
/// `smoothTowardsParent` does the same within each parent area (Marshall's "local" variant with the
/// parent as the neighbourhood), shrinking towards the parent's pooled rate.
public enum EmpiricalBayes {
    /// What to do when the method-of-moments prior variance A comes out negative.
    public enum VarianceClamp: String, Sendable, Hashable {
        /// A = max(A, 0): every rate shrinks fully to r̄ (Marshall's recommendation).
        case zero
    }

    /// The result for one set of areas.
    public struct Result: Sendable, Hashable {
        /// r̄ = Σe/Σb.
        public var referenceRate: Double
        /// The prior variance A after clamping.
        public var priorVariance: Double
        /// The raw rates e/b.
        public var rates: [Double]
        /// The shrinkage weights w (1 = raw rate kept).
        public var weights: [Double]
        /// The smoothed rates.
        public var smoothed: [Double]
    }

    /// Global EB towards the pooled rate of all areas.
    /// - Parameters:
    ///   - events: numerators e (counts).
    ///   - population: denominators b (> 0 each).
    ///   - clamp: the rule for a negative prior variance.
    public static func smooth(events: [Double], population: [Double], clamp: VarianceClamp = .zero) -> Result {
        precondition(events.count == population.count && !events.isEmpty, "one population per count")
        precondition(population.allSatisfy { $0 > 0 }, "populations must be positive")
        let n = Double(events.count)
        let totalEvents = events.reduce(0, +), totalPopulation = population.reduce(0, +)
        let reference = totalEvents / totalPopulation
        let rates = zip(events, population).map { $0 / $1 }
        var spread = 0.0
        for (rate, b) in zip(rates, population) { spread += b * (rate - reference) * (rate - reference) }
        let variance = max(0, spread / totalPopulation - reference / (totalPopulation / n))
        let weights = population.map { b in
            variance + reference / b > 0 ? variance / (variance + reference / b) : 0
        }
        let smoothed = zip(weights, rates).map { w, r in w * r + (1 - w) * reference }
        return Result(referenceRate: reference, priorVariance: variance, rates: rates, weights: weights, smoothed: smoothed)
    }

    /// EB within each parent area, towards the parent's pooled rate (areas of a hierarchy).
    /// - Parameter parent: the parent id of each area.
    /// - Returns: smoothed rates and weights in the input order, and each parent's result.
    public static func smoothTowardsParent(events: [Double], population: [Double], parent: [String],
                                           clamp: VarianceClamp = .zero) -> (smoothed: [Double], weights: [Double], parents: [String: Result]) {
        precondition(events.count == parent.count && population.count == parent.count, "one parent per area")
        var members: [String: [Int]] = [:]
        for (index, id) in parent.enumerated() { members[id, default: []].append(index) }
        var smoothed = [Double](repeating: .nan, count: events.count)
        var weights = smoothed
        var parents: [String: Result] = [:]
        for (id, indices) in members {
            let result = smooth(events: indices.map { events[$0] }, population: indices.map { population[$0] }, clamp: clamp)
            for (k, index) in indices.enumerated() {
                smoothed[index] = result.smoothed[k]
                weights[index] = result.weights[k]
            }
            parents[id] = result
        }
        return (smoothed, weights, parents)
    }
}
