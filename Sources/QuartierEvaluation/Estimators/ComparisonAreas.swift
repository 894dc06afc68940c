/// Comparison areas for the funded ones, chosen on the pre-period: nearest neighbours by Mahalanobis
/// distance with a caliper, or CoSI's "comparable areas"; the balance before and after; and the
/// difference-in-differences of each funded area against its own comparison areas.
///
/// - Features: per chosen indicator, its mean rate over the pre window and (with two or more pre years)
///   its least-squares slope per year — areas are matched on level *and* pre-period trend, the two
///   things parallel trends need; single years would add their sampling noise as dimensions.
/// - Mahalanobis distance (Rubin 1980, "Bias reduction using Mahalanobis-metric matching", Biometrics
///   36(2)) with the sample covariance (divisor n − 1) of the features over the funded and the
///   candidate areas; k nearest candidates, with replacement, only within the caliper (a funded area
///   without a candidate within it is reported as unmatched and left out; Stuart 2010, "Matching
///   methods for causal inference", Stat. Sci. 25(1)).
/// - Comparable areas (CoSI, "Vergleichbare Gebiete"): every candidate whose pre-period mean of every
///   chosen indicator lies within `tolerance` (scale units, e.g. percentage points) of the funded area's.
/// - Candidates: areas never funded within the panel's years.
/// - Balance: standardised mean differences (mean funded − mean comparison) / √((s²_funded + s²_all
///   candidates)/2), the denominator fixed before matching so that before and after are comparable
///   (Austin 2009, "Balance diagnostics…", Stat. Med. 28(25)); after matching the comparison mean
///   counts each match by its multiplicity. |SMD| < 0.1 is the usual threshold.
public enum ComparisonAreas {
    public enum Method: String, Sendable {
        case mahalanobis
        case comparable
    }

    /// The comparison set of one funded area.
    public struct Match: Sendable, Hashable {
        public var funded: String
        /// Comparison area ids, nearest first (Mahalanobis) or in panel order (comparable); empty: unmatched.
        public var comparisons: [String]
        /// Their distances (Mahalanobis) or, for comparable areas, the largest indicator gap.
        public var distances: [Double]
        /// Panel row indices (of the features' panel).
        var fundedRow: Int
        var comparisonRows: [Int]
    }

    public struct BalanceRow: Sendable, Hashable {
        public var feature: String
        public var before: Double
        public var after: Double
    }

    public struct Result: Sendable {
        public var method: Method
        public var matches: [Match]
        public var balance: [BalanceRow]
        /// DiD of the matched funded areas against their comparison areas, per indicator (spec order).
        public var effects: [(indicator: String, estimate: Estimate?)]
        public var unmatched: [String] { matches.filter { $0.comparisons.isEmpty }.map(\.funded) }
    }

    /// Chooses comparison areas and estimates each indicator's DiD against them.
    /// - Parameters:
    ///   - outcomes: complete-case outcome panels of the chosen indicators (the areas in all of them are used).
    ///   - funded: the funded areas to match: those whose start lies after the pre window and no later than the post window's first year.
    ///   - k: neighbours per funded area (Mahalanobis).
    ///   - caliper: largest Mahalanobis distance accepted.
    ///   - tolerance: largest gap per indicator (comparable areas), in scale units.
    public static func evaluate(_ outcomes: [OutcomePanel], pre: ClosedRange<Int>, post: ClosedRange<Int>, method: Method,
                                k: Int = 1, caliper: Double, tolerance: Double) -> Result {
        // Areas present in every indicator's panel.
        var rowsOf: [[String: Int]] = outcomes.map { panel in Dictionary(uniqueKeysWithValues: panel.areaIDs.enumerated().map { ($1, $0) }) }
        let ids = outcomes.first?.areaIDs.filter { id in rowsOf.allSatisfy { $0[id] != nil } } ?? []
        guard let first = outcomes.first else { return Result(method: method, matches: [], balance: [], effects: []) }
        let years = first.years, t = years.count
        let preIndices = years.indices.filter { pre.contains(years[$0]) }
        let postIndices = years.indices.filter { post.contains(years[$0]) }
        // Per indicator: the pre-period mean rate and, with two or more pre years, its least-squares
        // slope per year (level and trend; single years would add their binomial noise as dimensions).
        var features: [[Double]] = [], names: [String] = []
        var meanFeature: [Int] = []
        let preYears = preIndices.map { Double(years[$0]) }
        let centre = preYears.reduce(0, +) / Double(max(preYears.count, 1))
        let spread = preYears.reduce(0) { $0 + ($1 - centre) * ($1 - centre) }
        for (m, panel) in outcomes.enumerated() {
            let series = ids.map { id in preIndices.map { panel.y[rowsOf[m][id]! * t + $0] } }
            meanFeature.append(features.count)
            names.append("\(panel.indicator) pre-period mean")
            features.append(series.map { $0.reduce(0, +) / Double(max($0.count, 1)) })
            if preIndices.count >= 2 {
                names.append("\(panel.indicator) pre-period trend")
                features.append(series.map { values in zip(preYears, values).reduce(0) { $0 + ($1.0 - centre) * $1.1 } / spread })
            }
        }
        let dims = features.count
        var fundedRows: [Int] = [], candidateRows: [Int] = []
        for (row, id) in ids.enumerated() {
            let cohort = first.cohort[rowsOf[0][id]!]
            if let cohort {
                let year = years[cohort]
                if year > pre.upperBound && year <= post.lowerBound { fundedRows.append(row) }
            } else {
                candidateRows.append(row)
            }
        }
        rowsOf = []   // not needed below
        func point(_ row: Int) -> [Double] { (0..<dims).map { features[$0][row] } }

        var matches: [Match] = []
        switch method {
        case .mahalanobis:
            let pool = fundedRows + candidateRows
            var mean = [Double](repeating: 0, count: dims)
            for row in pool { for d in 0..<dims { mean[d] += features[d][row] } }
            for d in 0..<dims { mean[d] /= Double(pool.count) }
            var cov = [Double](repeating: 0, count: dims * dims)
            for row in pool {
                for a in 0..<dims {
                    let da = features[a][row] - mean[a]
                    for b in 0...a { cov[a * dims + b] += da * (features[b][row] - mean[b]) }
                }
            }
            let denominator = Double(max(pool.count - 1, 1))
            for a in 0..<dims { for b in 0...a { cov[a * dims + b] /= denominator; cov[b * dims + a] = cov[a * dims + b] } }
            // A covariance that is singular (more features than areas, or a constant feature) gets a
            // ridge of 1e-9 of its largest variance, so that the distance stays defined.
            var system = SymmetricSystem(cov, size: dims)
            if system == nil {
                let ridge = 1e-9 * max((0..<dims).map { cov[$0 * dims + $0] }.max() ?? 1, 1e-12)
                for d in 0..<dims { cov[d * dims + d] += ridge }
                system = SymmetricSystem(cov, size: dims)
            }
            guard let system else { break }
            let white = Dictionary(uniqueKeysWithValues: pool.map { ($0, system.whiten(point($0))) })
            let candidates = candidateRows.map { ($0, white[$0]!) }
            for row in fundedRows {
                let x = white[row]!
                var best: [(Double, Int)] = []
                for (candidate, z) in candidates {
                    var sum = 0.0
                    for d in 0..<dims { let diff = x[d] - z[d]; sum += diff * diff }
                    let distance = sum.squareRoot()
                    guard distance <= caliper else { continue }
                    if best.count < k || distance < best[best.count - 1].0 || (distance == best[best.count - 1].0 && candidate < best[best.count - 1].1) {
                        best.append((distance, candidate))
                        best.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                        if best.count > k { best.removeLast() }
                    }
                }
                matches.append(Match(funded: ids[row], comparisons: best.map { ids[$0.1] }, distances: best.map(\.0),
                                     fundedRow: row, comparisonRows: best.map(\.1)))
            }
        case .comparable:
            let means: [[Double]] = meanFeature.map { features[$0] }
            for row in fundedRows {
                var chosen: [Int] = [], gaps: [Double] = []
                for candidate in candidateRows {
                    var gap = 0.0
                    for m in outcomes.indices { gap = max(gap, abs(means[m][row] - means[m][candidate])) }
                    if gap <= tolerance { chosen.append(candidate); gaps.append(gap) }
                }
                matches.append(Match(funded: ids[row], comparisons: chosen.map { ids[$0] }, distances: gaps,
                                     fundedRow: row, comparisonRows: chosen))
            }
        }

        // Balance: SMD with the pooled SD of the funded and all candidates (fixed before matching).
        func meanVar(_ values: [Double], _ weights: [Double]) -> (Double, Double) {
            let total = weights.reduce(0, +)
            guard total > 0 else { return (.nan, .nan) }
            let mean = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
            let variance = values.count > 1 ? zip(values, weights).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total * Double(values.count) / Double(values.count - 1) : 0
            return (mean, variance)
        }
        let matched = matches.filter { !$0.comparisons.isEmpty }
        var balance: [BalanceRow] = []
        for d in 0..<dims where !fundedRows.isEmpty && !candidateRows.isEmpty {
            let (mt, vt) = meanVar(fundedRows.map { features[d][$0] }, fundedRows.map { _ in 1 })
            let (mc, vc) = meanVar(candidateRows.map { features[d][$0] }, candidateRows.map { _ in 1 })
            let sd = ((vt + vc) / 2).squareRoot()
            var afterValues: [Double] = [], afterWeights: [Double] = [], fundedAfter: [Double] = []
            for match in matched {
                fundedAfter.append(features[d][match.fundedRow])
                for row in match.comparisonRows { afterValues.append(features[d][row]); afterWeights.append(1 / Double(match.comparisonRows.count)) }
            }
            let (mta, _) = meanVar(fundedAfter, fundedAfter.map { _ in 1 })
            let (mca, _) = meanVar(afterValues, afterWeights)
            balance.append(BalanceRow(feature: names[d], before: sd > 0 ? (mt - mc) / sd : 0, after: sd > 0 ? (mta - mca) / sd : 0))
        }

        // DiD per funded area against its comparison areas, then the weighted mean over funded areas.
        var effects: [(indicator: String, estimate: Estimate?)] = []
        for panel in outcomes {
            let rowOf = Dictionary(uniqueKeysWithValues: panel.areaIDs.enumerated().map { ($1, $0) })
            // Denominator-weighted mean rate over a window (the pooled rate) and the area's weight.
            func change(_ id: String) -> (delta: Double, weight: Double) {
                let row = rowOf[id]!
                func pooled(_ js: [Int]) -> (Double, Double) {
                    var sw = 0.0, sy = 0.0
                    for j in js { sw += panel.w[row * t + j]; sy += panel.w[row * t + j] * panel.y[row * t + j] }
                    return (sy / sw, sw)
                }
                let (before, wb) = pooled(preIndices), (after, wa) = pooled(postIndices)
                return (after - before, (wb + wa) / Double(preIndices.count + postIndices.count))
            }
            var differences: [(Double, Double)] = [], comparisonIDs = Set<String>()
            for match in matched {
                let own = change(match.funded)
                var sw = 0.0, sd = 0.0
                for id in match.comparisons { let c = change(id); sw += c.weight; sd += c.weight * c.delta }
                comparisonIDs.formUnion(match.comparisons)
                differences.append((own.delta - sd / sw, own.weight))
            }
            guard differences.count >= 2, !preIndices.isEmpty, !postIndices.isEmpty else { effects.append((panel.indicator, nil)); continue }
            let total = differences.reduce(0) { $0 + $1.1 }
            let mean = differences.reduce(0) { $0 + $1.0 * $1.1 } / total
            let m = Double(differences.count)
            let variance = differences.reduce(0) { $0 + $1.1 * $1.1 * ($1.0 - mean) * ($1.0 - mean) } / (total * total) * m / (m - 1)
            effects.append((panel.indicator, Estimate(value: mean, standardError: variance.squareRoot(),
                                                      treatedAreas: differences.count, comparisonAreas: comparisonIDs.count)))
        }
        return Result(method: method, matches: matches, balance: balance, effects: effects)
    }
}
