import Foundation

/// Draws from the distributions the rank simulation needs, from any `RandomNumberGenerator`
/// (deterministic with `Xoshiro256StarStar`).
///
/// Sources: normal by the Marsaglia polar method (Marsaglia & Bray 1964); gamma by Marsaglia & Tsang
/// (2000), "A simple method for generating gamma variables", ACM TOMS 26(3), with the a < 1 boost
/// U^(1/a); binomial and Poisson exactly by Knuth's order-statistic recursions (TAOCP Vol. 2,
/// §3.4.1 F and G), which need O(log n) gamma draws, with direct methods for small n or mean.
public enum Sampling {
    static func uniform(_ g: inout some RandomNumberGenerator) -> Double { Double(g.next() >> 11) * 0x1.0p-53 }

    /// A standard normal draw.
    public static func normal(_ g: inout some RandomNumberGenerator) -> Double {
        while true {
            let u = 2 * uniform(&g) - 1, v = 2 * uniform(&g) - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// A normal draw with mean and SD.
    public static func normal(mean: Double, sd: Double, _ g: inout some RandomNumberGenerator) -> Double {
        mean + sd * normal(&g)
    }

    /// A Gamma(shape, scale 1) draw, shape > 0.
    public static func gamma(shape: Double, _ g: inout some RandomNumberGenerator) -> Double {
        precondition(shape > 0, "shape must be positive")
        if shape < 1 {
            let u = max(uniform(&g), .leastNonzeroMagnitude)
            return gamma(shape: shape + 1, &g) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal(&g)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform(&g)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A Beta(a, b) draw from two gamma draws.
    public static func beta(_ a: Double, _ b: Double, _ g: inout some RandomNumberGenerator) -> Double {
        let x = gamma(shape: a, &g), y = gamma(shape: b, &g)
        return x / (x + y)
    }

    /// A Binomial(n, p) draw (exact).
    public static func binomial(trials n: Int, probability p: Double, _ g: inout some RandomNumberGenerator) -> Int {
        precondition(n >= 0 && p >= 0 && p <= 1, "need n ≥ 0 and 0 ≤ p ≤ 1")
        var n = n, p = p, offset = 0
        while n > 40 {
            // The i-th order statistic of n uniforms is Beta(i, n + 1 − i) (Knuth 3.4.1 F).
            let i = (n + 1) / 2
            let x = beta(Double(i), Double(n + 1 - i), &g)
            if x >= p {
                n = i - 1
                p = p / x
            } else {
                offset += i
                n -= i
                p = (p - x) / (1 - x)
            }
        }
        var count = 0
        for _ in 0..<n where uniform(&g) < p { count += 1 }
        return offset + count
    }

    /// A Poisson(mean) draw (exact).
    public static func poisson(mean: Double, _ g: inout some RandomNumberGenerator) -> Int {
        precondition(mean >= 0, "mean must be non-negative")
        var mu = mean, offset = 0
        while mu > 16 {
            // Knuth 3.4.1 G: the m-th arrival time of a unit-rate process is Gamma(m).
            let m = Int(mu * 7 / 8)
            let x = gamma(shape: Double(m), &g)
            if x < mu {
                offset += m
                mu -= x
            } else {
                return offset + binomial(trials: m - 1, probability: mu / x, &g)
            }
        }
        let limit = exp(-mu)
        var product = uniform(&g), count = 0
        while product > limit {
            product *= uniform(&g)
            count += 1
        }
        return offset + count
    }
}
