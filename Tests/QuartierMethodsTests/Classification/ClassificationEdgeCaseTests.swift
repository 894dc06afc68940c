import Foundation
import QuartierMethods
import Testing

@Suite struct ClassificationEdgeCaseTests {
    static let methods: [ClassificationMethod] = [.quantiles(k: 1), .equalInterval(k: 0), .fisherJenks(k: 1), .quantiles(k: 6), .fisherJenks(k: 7)]

    @Test(arguments: methods)
    func classCountOutOfRangeIsAnError(_ method: ClassificationMethod) {
        #expect(throws: ClassificationError.self) { try Classification.classify([1, 2, 3, 4, 5], method: method) }
    }

    @Test(arguments: [ClassificationMethod.quantiles(k: 3), .equalInterval(k: 3), .fisherJenks(k: 3),
                      .standardDeviation(multiples: [-1, 1], divisor: .population), .headTail(stop: .singleValue)])
    func constantColumnIsAnError(_ method: ClassificationMethod) {
        #expect(throws: ClassificationError.self) { try Classification.classify([4, 4, 4, 4], method: method) }
    }

    @Test func nonFiniteValueIsNamed() {
        #expect { try Classification.quantiles([1, .nan, 3], k: 2) } throws: { error in
            (error as? ClassificationError)?.message.contains("value 2") == true
        }
    }

    @Test func userBreaksAppendMaximumAndCloseRight() throws {
        let result = try Classification.userBreaks([1, 2, 3, 4, 5, 6], breaks: [2, 4])
        #expect(result.bins == [2, 4, 6])
        #expect(result.counts == [2, 2, 2])
        #expect(result.classOfValue == [0, 0, 1, 1, 2, 2])
        #expect(throws: ClassificationError.self) { try Classification.userBreaks([1, 2], breaks: [3, 1]) }
    }

    @Test func constantColumnWithUserBreaksIsOneClass() throws {
        let result = try Classification.userBreaks([4, 4, 4], breaks: [5])
        #expect(result.counts == [3])
        #expect(result.gvf == 1)
    }

    @Test func sameInputSameBreaks() throws {
        let values = (0..<5000).map { Double(($0 * 7919) % 1013) * 0.37 }
        let a = try Classification.fisherJenks(values, k: 6), b = try Classification.fisherJenks(values, k: 6)
        #expect(a == b)
    }

    @Test func headTailJiangRuleStopsWhenHeadIsNoLongerMinority() throws {
        // 1..10: mean 5.5, head 6..10 (50 % > 40 %): one split, closed by the maximum.
        let result = try Classification.headTail((1...10).map(Double.init), stop: .headShare(0.4))
        #expect(result.bins == [5.5, 10])
    }

    @Test func standardDeviationDivisorIsExplicit() throws {
        let values: [Double] = [1, 2, 3, 4]
        let sample = try Classification.standardDeviation(values, multiples: [-1, 1], divisor: .sample)
        let population = try Classification.standardDeviation(values, multiples: [-1, 1], divisor: .population)
        #expect(abs(sample.bins[1] - (2.5 + (5.0 / 3).squareRoot())) < 1e-15)
        #expect(abs(population.bins[1] - (2.5 + 1.25.squareRoot())) < 1e-15)
    }

    /// The divide-and-conquer programme against the plain O(k·n²) Fisher programme, on values with
    /// ties and without: the within-class sums of squares must be equal (the optimum is unique in cost).
    @Test(arguments: [2, 3, 5, 8])
    func fisherJenksIsOptimal(_ k: Int) throws {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 33) / Double(1 << 31)
        }
        for sample in 0..<4 {
            let values = (0..<120).map { _ in sample % 2 == 0 ? (next() * 20).rounded() : exp(next() * 4) }
            let result = try Classification.fisherJenks(values, k: k)
            #expect(abs(withinSS(values, bins: result.bins) - bruteForceOptimum(values.sorted(), k: k)) < 1e-9)
        }
    }

    func withinSS(_ values: [Double], bins: [Double]) -> Double {
        var groups = [[Double]](repeating: [], count: bins.count)
        for y in values { groups[bins.firstIndex { y <= $0 }!].append(y) }
        return groups.filter { !$0.isEmpty }.reduce(0) { total, g in
            let m = g.reduce(0, +) / Double(g.count)
            return total + g.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        }
    }

    func bruteForceOptimum(_ x: [Double], k: Int) -> Double {
        let n = x.count
        func ssq(_ j: Int, _ i: Int) -> Double {
            let g = x[j...i], m = g.reduce(0, +) / Double(g.count)
            return g.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        }
        var cost = (0..<n).map { ssq(0, $0) }
        for q in 1..<k {
            var next = [Double](repeating: .infinity, count: n)
            for i in q..<n { for j in q...i { next[i] = min(next[i], cost[j - 1] + ssq(j, i)) } }
            cost = next
        }
        return cost[n - 1]
    }
}

extension ClassificationMethod: CustomTestStringConvertible {
    public var testDescription: String { description }
}
