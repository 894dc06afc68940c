/// Group-time average effects ATT(g, t) and their aggregations, after Callaway & Sant'Anna (2021),
/// "Difference-in-Differences with multiple time periods", J. Econometrics 225(2), 200–230, without
/// covariates (their unconditional estimator, eq. 2.6/2.7), as the R package `did` computes it.
///
/// - A *group* g is the areas first funded in year g; ATT(g, t) compares their change from the base
///   year to year t with the change of the comparison areas over the same years.
/// - Base year ("varying", `did`'s default): for t ≥ g the year before the start, g − 1 (a long
///   difference); for t < g the year before t (short differences: the pre-period estimates test
///   parallel trends year by year).
/// - Comparison: `.neverTreated` (areas never funded in the panel) or `.notYetTreated` (those plus
///   areas first funded after the later of the two years compared, other than group g).
/// - Weights: each area's time-invariant weight (the mean of its denominators over the panel's
///   years, normalised to mean 1 as `did` does with sampling weights; 1 without counts).
///   Callaway & Sant'Anna's estimator weights areas, not area-years: a denominator that changes
///   from year to year cannot enter it.
/// - Standard errors from the influence functions (their Theorem 2; analytic, as `did` with
///   `bstrap = FALSE`): each area is one cluster, so they are clustered by area. Aggregations carry
///   the influence function of their estimated group shares (`did`'s `wif`).
/// - Areas funded from the panel's first year (no year before the start) are left out, as in `did`.
public enum GroupTimeEffects {
    public enum Comparison: String, Sendable, CaseIterable {
        case neverTreated = "never_treated"
        case notYetTreated = "not_yet_treated"
    }

    /// One ATT(g, t).
    public struct Cell: Sendable {
        /// First funded year of the group, the year t, and the base year.
        public var group: Int, year: Int, baseYear: Int
        public var estimate: Estimate
        /// Influence function per area (panel order), scaled so that SE² = Σψ² / n².
        var influence: [Double]
    }

    /// An aggregated effect: overall, or by years since the start (event time).
    public struct Aggregate: Sendable {
        /// Event time e = t − g (nil for the overall average over post-start cells).
        public var eventTime: Int?
        public var estimate: Estimate
    }

    public struct Result: Sendable {
        public var comparison: Comparison
        public var cells: [Cell]
        /// The simple aggregation: post-start cells weighted by group size (`did`'s `aggte(type = "simple")`).
        public var overall: Aggregate?
        /// The event study: by years since start, pre-start estimates included (`aggte(type = "dynamic")`).
        public var eventStudy: [Aggregate]
        /// Funded areas left out (funded from the first year).
        public var alwaysFunded: [String]
    }

    public static func estimate(_ panel: OutcomePanel, comparison: Comparison) -> Result {
        let n = panel.areaCount, t = panel.yearCount
        // Time-invariant area weights, normalised to mean 1 over the areas used.
        var weight = [Double](repeating: 0, count: n)
        var used = [Bool](repeating: true, count: n)
        var always: [String] = []
        for area in 0..<n {
            if panel.cohort[area] == 0 { used[area] = false; always.append(panel.areaIDs[area]); continue }
            var sum = 0.0
            for j in 0..<t { sum += panel.w[area * t + j] }
            weight[area] = sum / Double(t)
        }
        let usedCount = used.filter { $0 }.count
        let meanWeight = (0..<n).filter { used[$0] }.reduce(0.0) { $0 + weight[$1] } / Double(max(usedCount, 1))
        for area in 0..<n where used[area] { weight[area] /= meanWeight }
        let groups = Array(Set((0..<n).compactMap { used[$0] ? panel.cohort[$0] : nil })).sorted()

        var cells: [Cell] = []
        for g in groups {
            for j in 1..<t {
                let base = j >= g ? g - 1 : j - 1
                let later = max(j, base)
                var sumG = 0.0, sumC = 0.0, meanG = 0.0, meanC = 0.0
                var inG = [Bool](repeating: false, count: n), inC = [Bool](repeating: false, count: n)
                var countG = 0, countC = 0
                for area in 0..<n where used[area] {
                    let cohort = panel.cohort[area]
                    let d = panel.y[area * t + j] - panel.y[area * t + base]
                    if cohort == g {
                        inG[area] = true; countG += 1
                        sumG += weight[area]; meanG += weight[area] * d
                    } else if cohort == nil || (comparison == .notYetTreated && cohort! > later) {
                        inC[area] = true; countC += 1
                        sumC += weight[area]; meanC += weight[area] * d
                    }
                }
                guard sumG > 0, sumC > 0 else { continue }
                meanG /= sumG; meanC /= sumC
                // Influence function (n-scaled): ψ_i = n·[w_i 1{G}(Δ_i − m_G)/ΣwG − w_i 1{C}(Δ_i − m_C)/ΣwC].
                let nUsed = Double(usedCount)
                var influence = [Double](repeating: 0, count: n)
                var squares = 0.0
                for area in 0..<n where inG[area] || inC[area] {
                    let d = panel.y[area * t + j] - panel.y[area * t + base]
                    let psi = inG[area] ? nUsed * weight[area] * (d - meanG) / sumG : -nUsed * weight[area] * (d - meanC) / sumC
                    influence[area] = psi
                    squares += psi * psi
                }
                cells.append(Cell(group: panel.years[g], year: panel.years[j], baseYear: panel.years[base],
                                  estimate: Estimate(value: meanG - meanC, standardError: squares.squareRoot() / nUsed,
                                                     treatedAreas: countG, comparisonAreas: countC),
                                  influence: influence))
            }
        }

        // Group shares pg = mean over areas of w_i·1{G_i = g} (did's `pg`).
        var share: [Int: Double] = [:]
        for area in 0..<n where used[area] {
            if let cohort = panel.cohort[area] { share[panel.years[cohort], default: 0] += weight[area] / Double(usedCount) }
        }
        let groupOf: [Int?] = (0..<n).map { used[$0] ? panel.cohort[$0].map { panel.years[$0] } : nil }
        func aggregate(_ keep: [Int], eventTime: Int?) -> Aggregate? {
            guard !keep.isEmpty else { return nil }
            let pg = keep.map { share[cells[$0].group] ?? 0 }
            let total = pg.reduce(0, +)
            guard total > 0 else { return nil }
            var value = 0.0
            for (m, c) in keep.enumerated() { value += pg[m] / total * cells[c].estimate.value }
            // Influence: Σ_k (pg_k/Σpg) ψ_k + wif·ATT (did's get_agg_inf_func with wif).
            var squares = 0.0
            let nUsed = Double(usedCount)
            for area in 0..<n where used[area] {
                var psi = 0.0
                for (m, c) in keep.enumerated() { psi += pg[m] / total * cells[c].influence[area] }
                // wif_k = (w_i 1{G_i=g_k} − pg_k)/Σpg − [Σ_j (w_i 1{G_i=g_j} − pg_j)]·pg_k/(Σpg)²
                var sumDeviation = 0.0
                for (m, c) in keep.enumerated() { sumDeviation += (groupOf[area] == cells[c].group ? weight[area] : 0) - pg[m] }
                for (m, c) in keep.enumerated() {
                    let own = ((groupOf[area] == cells[c].group ? weight[area] : 0) - pg[m]) / total
                    let wif = own - sumDeviation * pg[m] / (total * total)
                    psi += wif * cells[c].estimate.value
                }
                squares += psi * psi
            }
            let treated = Set(keep.map { cells[$0].group })
            let treatedAreas = (0..<n).filter { used[$0] && groupOf[$0].map(treated.contains) == true }.count
            return Aggregate(eventTime: eventTime, estimate: Estimate(value: value, standardError: squares.squareRoot() / nUsed,
                                                                      treatedAreas: treatedAreas,
                                                                      comparisonAreas: keep.map { cells[$0].estimate.comparisonAreas }.max() ?? 0))
        }
        let post = cells.indices.filter { cells[$0].year >= cells[$0].group }
        let overall = aggregate(post, eventTime: nil)
        let times = Array(Set(cells.map { $0.year - $0.group })).sorted()
        let events = times.compactMap { e in aggregate(cells.indices.filter { cells[$0].year - cells[$0].group == e }, eventTime: e) }
        return Result(comparison: comparison, cells: cells, overall: overall, eventStudy: events, alwaysFunded: always)
    }
}
