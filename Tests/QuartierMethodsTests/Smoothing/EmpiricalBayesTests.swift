import QuartierMethods
import QuartierTestSupport
import Testing

@Suite struct EmpiricalBayesTests {
    /// METHODS.md vector (Marshall 1991 global estimator).
    @Test func methodsVector() throws {
        let result = EmpiricalBayes.smooth(events: [2, 60, 5, 0, 30], population: [50, 1000, 100, 20, 200])
        #expect(abs(result.referenceRate - 0.0708) < 5e-5)
        #expect(abs(result.priorVariance - 0.000882) < 5e-7)
        for (ours, expected) in try zipEqual(result.weights, [0.3838, 0.9257, 0.5547, 0.1994, 0.7135]) { #expect(abs(ours - expected) < 5e-5) }
        for (ours, expected) in try zipEqual(result.smoothed, [0.0590, 0.0608, 0.0593, 0.0567, 0.1273]) { #expect(abs(ours - expected) < 5e-5) }
    }

    @Test func negativePriorVarianceIsClampedAndShrinksFully() {
        // Identical rates: the between-area variance is below the Poisson noise.
        let result = EmpiricalBayes.smooth(events: [1, 2, 3], population: [100, 200, 300], clamp: .zero)
        #expect(result.priorVariance == 0)
        #expect(result.smoothed.allSatisfy { abs($0 - 0.01) < 1e-15 })
    }

    @Test func towardsParentShrinksWithinEachParent() {
        let events: [Double] = [2, 60, 5, 0, 30, 1, 2, 3]
        let population: [Double] = [50, 1000, 100, 20, 200, 100, 200, 300]
        let parent = ["A", "A", "A", "A", "A", "B", "B", "B"]
        let result = EmpiricalBayes.smoothTowardsParent(events: events, population: population, parent: parent)
        let global = EmpiricalBayes.smooth(events: Array(events[0..<5]), population: Array(population[0..<5]))
        for i in 0..<5 { #expect(abs(result.smoothed[i] - global.smoothed[i]) < 1e-15) }
        #expect(abs(result.parents["B"]!.referenceRate - 6.0 / 600) < 1e-15)
        for i in 5..<8 { #expect(abs(result.smoothed[i] - 0.01) < 1e-15) }
    }
}
