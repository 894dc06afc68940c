/// The concentration index of a rate over areas ranked by deprivation, with its standard error,
/// for grouped data.
///
/// Source: Wagstaff, van Doorslaer & Paci (1991), "On the measurement of horizontal inequity in the
/// delivery of health care", *Journal of Health Economics* 10; Kakwani, Wagstaff & van Doorslaer
/// (1997), "Socioeconomic inequalities in health: measurement, computation, and statistical
/// inference", *Journal of Econometrics* 77(1), eq. (grouped data) for C and its variance.
///
/// Conventions, named here because peers differ:
/// - **Order**: groups are given from the *least* to the *most* deprived area (ascending deprivation
///   rank), so C > 0 means participation concentrated in the most deprived areas (the programme
///   reaches need), C < 0 in the least deprived. (Health economics ranks by income, poorest first,
///   where the sign is the other way round.) Ties in the index are broken by the caller's order.
/// - **Rank**: the fractional rank of a group is its members' mean rank, R_t = (N_{t−1} + n_t / 2) / N.
/// - **Weights**: the target group's size n_t in each area (persons, not areas).
/// - C = (2/μ) Σ f_t μ_t R_t − 1 = 2 cov_f(μ_t, R_t) / μ, with f_t = n_t / N and μ = Σ f_t μ_t.
/// - Var(C) = (1/N)[Σ f_t a_t² − (1 + C)²] + (1/(N μ²)) Σ f_t σ_t² (2R_t − 1 − C)², with
///   a_t = (μ_t/μ)(2R_t − 1 − C) + 2 − q_{t−1} − q_t, q_t = (1/μ) Σ_{j≤t} f_j μ_j (q_0 = 0), and the
///   within-area variance of a 0/1 participation σ_t² = μ_t (1 − μ_t) (clamped at 0 when μ_t > 1).
///
/// Example (the five-area test): n = [100, 200, 100, 300, 300], rates [0.10, 0.10, 0.20, 0.25, 0.30]
/// least to most deprived → f = [.1, .2, .1, .3, .3], μ = 0.215, R = [.05, .2, .35, .55, .85],
/// Σ f μ_t R_t = 0.12925, C = 2 · 0.12925 / 0.215 − 1 = 0.2027907 (`ConcentrationIndexTests`).
public struct ConcentrationIndex: Sendable, Hashable {
    public var value: Double
    public var standardError: Double
    /// The overall rate μ and the number of persons N.
    public var mean: Double
    public var persons: Double
    public var groups: Int

    /// - Parameters:
    ///   - sizes: n_t, persons of the group in each area (> 0), least deprived first.
    ///   - rates: μ_t, the rate in each area.
    /// - Returns: nil when there are fewer than two groups or μ = 0.
    public init?(sizes: [Double], rates: [Double]) {
        precondition(sizes.count == rates.count, "one size per rate")
        let total = sizes.reduce(0, +)
        guard sizes.count >= 2, total > 0 else { return nil }
        let f = sizes.map { $0 / total }
        let mu = zip(f, rates).reduce(0) { $0 + $1.0 * $1.1 }
        guard mu > 0 else { return nil }
        var cumulative = 0.0
        var ranks: [Double] = []
        for share in f {
            ranks.append(cumulative + share / 2)
            cumulative += share
        }
        var c = -1.0
        for t in f.indices { c += 2 / mu * f[t] * rates[t] * ranks[t] }
        var q = 0.0, sumA = 0.0, sumWithin = 0.0
        for t in f.indices {
            let previous = q
            q += f[t] * rates[t] / mu
            let a = rates[t] / mu * (2 * ranks[t] - 1 - c) + 2 - previous - q
            sumA += f[t] * a * a
            let sigma2 = max(0, rates[t] * (1 - rates[t]))
            sumWithin += f[t] * sigma2 * (2 * ranks[t] - 1 - c) * (2 * ranks[t] - 1 - c)
        }
        let variance = (sumA - (1 + c) * (1 + c)) / total + sumWithin / (total * mu * mu)
        value = c
        standardError = variance > 0 ? variance.squareRoot() : 0
        mean = mu
        persons = total
        groups = sizes.count
    }
}
