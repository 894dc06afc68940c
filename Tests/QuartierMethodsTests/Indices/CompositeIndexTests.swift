import QuartierMethods
import Testing

@Suite struct CompositeIndexTests {
    @Test func weightedZSumAppliesDirectionAndWeight() throws {
        let result = try WeightedZSum.compute(indicators: [[1, 2, 3], [30, 20, 10]], names: ["a", "b"],
                                              directions: [.moreDisadvantage, .lessDisadvantage], weights: [0.5, 0.5], divisor: .population)
        // Both indicators say area 3 is the most disadvantaged: z = ±1.2247 each.
        let z = 1.5.squareRoot()
        #expect(abs(result.index[2] - z) < 1e-12 && abs(result.index[0] + z) < 1e-12 && abs(result.index[1]) < 1e-12)
    }

    @Test func constantIndicatorIsRefused() {
        #expect(throws: CompositeIndexError.constantIndicator("a")) {
            try WeightedZSum.compute(indicators: [[1, 1, 1]], names: ["a"], directions: [.moreDisadvantage], weights: [1], divisor: .population)
        }
    }

    @Test func mssMissingValueIsNamedOrMarked() throws {
        let status: [[Double?]] = [[1, 2, nil, 4], [2, 3, 4, 9]]
        #expect(throws: CompositeIndexError.missingValue(area: "c", indicator: "S2")) {
            try BerlinMSS.compute(ids: ["a", "b", "c", "d"], status: status.reversed(), statusNames: ["S1", "S2"], valid: [true, true, true, true])
        }
        let marked = try BerlinMSS.compute(ids: ["a", "b", "c", "d"], status: status, statusNames: ["S1", "S2"],
                                           valid: [true, true, true, true], missing: .markInvalid)
        #expect(marked.valid == [true, true, false, true])
        #expect(marked.statusClass[2] == nil && marked.status.index[2] == nil)
    }

    @Test func mssConstantIndicatorIsRefused() {
        #expect(throws: CompositeIndexError.constantIndicator("S2")) {
            try BerlinMSS.compute(ids: ["a", "b", "c"], status: [[1, 2, 3], [4, 4, 4]], statusNames: ["S1", "S2"], valid: [true, true, true])
        }
    }

    @Test(arguments: [(-1.0000001, 0), (-1.0, 1), (1.0, 1), (1.0000001, 2), (1.5, 2), (1.5000001, 3)])
    func statusBreaksClosures(value: Double, expected: Int) {
        #expect(BerlinMSS.statusBreaks.classIndex(of: value) == expected)
    }

    /// GISD: two perfectly correlated indicators load equally; the sign follows the reference indicator.
    @Test func gisdFirstComponentAndSign() {
        let unemployment: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let income = unemployment.map { 100 - 3 * $0 } // less income, more deprivation
        let result = GISD.compute(dimensions: [GISD.Dimension(name: "employment", indicators: [unemployment, income], signReference: 0)])
        let loading = result.loadings[0]
        #expect(abs(abs(loading[0]) - 0.5.squareRoot()) < 1e-9 && loading[0] > 0 && loading[1] < 0)
        #expect(result.index.first == 0 && result.index.last == 1)
        #expect(result.quintile == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    }
}
