import QuartierMethods
import Testing

@Suite struct RateTests {
    @Test func countsAreSummedBeforeDividing() throws {
        let a = Rate(numerator: 1, denominator: 10, scale: .percent, referenceDate: "2020-12-31")
        let b = Rate(numerator: 99, denominator: 990, scale: .percent, referenceDate: "2020-12-31")
        let c = Rate(numerator: 0, denominator: 1000, scale: .percent, referenceDate: "2020-12-31")
        let total = try Rate.aggregate([a, b, c])
        #expect(total.numerator == 100 && total.denominator == 2000)
        #expect(total.value == 5) // the mean of the rates would be 6.67
        #expect(total.referenceDate == "2020-12-31")
    }

    @Test func hierarchyAggregatesCountsPerParent() throws {
        let rates = [Rate(numerator: 5, denominator: 100, scale: .perMille), Rate(numerator: 1, denominator: 900, scale: .perMille),
                     Rate(numerator: 3, denominator: 30, scale: .perMille)]
        let parents = try Rate.aggregate(rates, by: ["01", "01", "02"])
        #expect(parents["01"]?.value == 6)
        #expect(parents["02"]?.value == 100)
        // And up again: the city from the parents equals the city from the children.
        let city = try Rate.aggregate(Array(parents.values))
        #expect(city.numerator == 9 && city.denominator == 1030)
    }

    @Test func zeroDenominatorHasNoValue() {
        #expect(Rate(numerator: 0, denominator: 0).value == nil)
    }

    @Test func mixedScalesAndDatesAreRefused() {
        #expect(throws: RateError.self) { try Rate.aggregate([Rate(numerator: 1, denominator: 2, scale: .percent), Rate(numerator: 1, denominator: 2, scale: .perMille)]) }
        #expect(throws: RateError.self) {
            try Rate.aggregate([Rate(numerator: 1, denominator: 2, referenceDate: "2019-12-31"), Rate(numerator: 1, denominator: 2, referenceDate: "2020-12-31")])
        }
    }

    @Test(arguments: [(RateScale.proportion, 1.0), (.percent, 100), (.perMille, 1000), (.perThousand, 1000), (.perHundredThousand, 100_000)])
    func scaleFactors(scale: RateScale, factor: Double) {
        #expect(Rate(numerator: 1, denominator: 4, scale: scale).value == 0.25 * factor)
    }
}

@Suite struct IntervalTests {
    /// Wilson score intervals (no continuity correction) as tabulated by R. G. Newcombe (1998), "Two-sided
    /// confidence intervals for the single proportion", Statistics in Medicine 17, 857–872, Table II, method 3.
    @Test(arguments: [(81.0, 263.0, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)])
    func wilsonMatchesNewcombe(successes: Double, trials: Double, lower: Double, upper: Double) {
        let interval = WilsonInterval.interval(successes: successes, trials: trials, level: 0.95)
        #expect(abs(interval.lower - lower) < 5e-5, "\(interval.lower)")
        #expect(abs(interval.upper - upper) < 5e-5, "\(interval.upper)")
    }

    /// Exact Poisson limits (Garwood 1936) as tabulated, e.g., in Ulm (1990), Am. J. Epidemiol. 131, 373–375.
    @Test(arguments: [(0, 0.0, 3.6889), (1, 0.0253, 5.5716), (5, 1.6235, 11.6683), (10, 4.7954, 18.3904)])
    func garwoodMatchesTables(count: Int, lower: Double, upper: Double) {
        let interval = GarwoodInterval.interval(count: count, level: 0.95)
        #expect(abs(interval.lower - lower) < 5e-5, "\(interval.lower)")
        #expect(abs(interval.upper - upper) < 5e-5, "\(interval.upper)")
    }

    @Test(arguments: [(0.975, 1.959963984540054), (0.5, 0.0), (0.05, -1.6448536269514722), (1e-10, -6.361340902404056)])
    func normalQuantile(p: Double, z: Double) {
        #expect(abs(SpecialFunctions.normalQuantile(p) - z) < 1e-12)
    }
}
