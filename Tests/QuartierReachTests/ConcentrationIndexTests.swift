import Testing
@testable import QuartierReach

@Suite struct ConcentrationIndexTests {
    /// Five areas, least to most deprived, worked by hand:
    /// n = [100, 200, 100, 300, 300] → N = 1000, f = [.1, .2, .1, .3, .3];
    /// rates μ_t = [.10, .10, .20, .25, .30] → μ = Σ f μ_t = .01 + .02 + .02 + .075 + .09 = 0.215;
    /// fractional ranks R_t = cumulative f before + f_t / 2 = [.05, .2, .35, .55, .85];
    /// Σ f μ_t R_t = .0005 + .004 + .007 + .04125 + .0765 = 0.12925;
    /// C = 2 · 0.12925 / 0.215 − 1 = 0.20232558… (participation concentrated in the deprived areas).
    /// The covariance form gives the same: cov_f(μ_t, R_t) = 0.12925 − 0.215 · 0.5 = 0.02175, 2 · 0.02175 / 0.215.
    /// SE (Kakwani et al. 1997, grouped, within-area binomial variance): 0.0308222 (numpy, the same formula).
    @Test func fiveAreas() throws {
        let c = try #require(ConcentrationIndex(sizes: [100, 200, 100, 300, 300], rates: [0.10, 0.10, 0.20, 0.25, 0.30]))
        #expect(abs(c.value - 0.20232558139534884) < 1e-12)
        #expect(abs(c.value - 2 * 0.02175 / 0.215) < 1e-12)
        #expect(abs(c.mean - 0.215) < 1e-12)
        #expect(abs(c.standardError - 0.030822188354417034) < 1e-9)
    }

    /// Equal rates everywhere: no concentration (C = 0); all in the most deprived area: C > 0, in the least: C < 0.
    @Test(arguments: [
        ([0.2, 0.2, 0.2], 0.0, 0),
        ([0.0, 0.0, 0.6], 2.0 / 3.0, 1),
        ([0.6, 0.0, 0.0], -2.0 / 3.0, -1),
    ])
    func signs(rates: [Double], expected: Double, sign: Int) throws {
        let c = try #require(ConcentrationIndex(sizes: [10, 10, 10], rates: rates))
        #expect(abs(c.value - expected) < 1e-12)
        #expect((c.value > 1e-12 ? 1 : c.value < -1e-12 ? -1 : 0) == sign)
    }

    @Test func undefinedCases() {
        #expect(ConcentrationIndex(sizes: [10], rates: [0.5]) == nil)
        #expect(ConcentrationIndex(sizes: [10, 10], rates: [0, 0]) == nil)
    }
}
