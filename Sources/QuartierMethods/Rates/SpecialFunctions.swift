import Foundation

/// Special functions the intervals need: the standard normal quantile and the regularised lower
/// incomplete gamma function with its inverse.
///
/// Hand-written because neither Foundation nor swift-numerics offers them (swift-numerics has
/// `lgamma`/`erf` only). Sources: Acklam's rational approximation of the normal quantile refined by
/// one Halley step (relative error < 1e-15); the series and continued fraction for P(a, x) of Press
/// et al., Numerical Recipes, 3rd ed., §6.2; the inverse by safeguarded bisection on x.
public enum SpecialFunctions {
    /// The standard normal cumulative distribution Φ(x).
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The standard normal quantile Φ⁻¹(p), 0 < p < 1.
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "p must lie in (0, 1)")
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // One Halley step on Φ(x) − p.
        let e = normalCDF(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0, "shape must be positive")
        if x <= 0 { return 0 }
        let logPrefix = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series.
            var term = 1 / a, sum = term, n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return sum * exp(logPrefix)
        }
        // Continued fraction for Q (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return 1 - exp(logPrefix) * h
    }

    /// The quantile of the Gamma(shape a, scale 1) distribution: x with P(a, x) = p.
    public static func gammaQuantile(_ p: Double, shape a: Double) -> Double {
        precondition(p > 0 && p < 1, "p must lie in (0, 1)")
        var low = 0.0, high = max(1.0, a)
        while regularizedGammaP(a, high) < p { low = high; high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if regularizedGammaP(a, middle) < p { low = middle } else { high = middle }
            if high - low <= 1e-14 * max(1, high) { break }
        }
        return (low + high) / 2
    }

    /// The quantile of the χ² distribution with `degrees` degrees of freedom.
    public static func chiSquaredQuantile(_ p: Double, degrees: Double) -> Double {
        2 * gammaQuantile(p, shape: degrees / 2)
    }
}
