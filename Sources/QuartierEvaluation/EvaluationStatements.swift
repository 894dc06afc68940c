import Foundation

/// The plain statements every evaluation result carries: what the estimates can show and what they
/// cannot (few areas, a short pre-period, small denominators, spill-over into neighbouring areas,
/// staggered starts for two-way fixed effects, indicators without counts), never a bare "effect".
///
/// Sources for the thresholds: Cameron & Miller (2015) on few clusters (below about 30–50 clusters
/// cluster-robust intervals are too narrow); Callaway & Sant'Anna (2021, §4) on pre-period estimates as
/// a check of parallel trends; Goodman-Bacon (2021) on two-way fixed effects with staggered starts;
/// Austin (2009) on |SMD| < 0.1.
public enum EvaluationStatements {
    static func make(panel: EvaluationPanel, options: Evaluation.Options, results: [Evaluation.IndicatorResult],
                     matching: ComparisonAreas.Result?, comparable: ComparisonAreas.Result?) -> [String] {
        var out: [String] = []
        out.append("What this can show: whether the funded areas' rates changed differently from those of comparable areas without funding, with its uncertainty. It is an estimate of the funding's effect only if, without the funding, both would have changed alike (parallel trends) and nothing else that started at the same time (another programme, new housing, a boundary change) affected the funded areas alone. It cannot tell the project apart from other measures in the same areas, nor say why something changed.")
        let funded = panel.funded
        if funded.count < 30 {
            out.append("Few funded areas (\(funded.count)): intervals clustered by area rest on few clusters and tend to be too narrow; read them as rough, and a single area can drive the estimate.")
        }
        let preYears = panel.years.filter { options.pre.contains($0) }.count
        if preYears < 2 {
            out.append("WARNING: the pre-period \(options.pre.lowerBound)–\(options.pre.upperBound) has \(preYears) year\(preYears == 1 ? "" : "s") in the data: parallel trends cannot be checked and matching on the pre-period trend is impossible; at least two years before the start are needed.")
        } else if preYears < 3 {
            out.append("Short pre-period (\(preYears) years): the check of parallel trends rests on one change.")
        }
        let starts = Set(funded.map(\.start))
        if starts.count > 1 && options.methods.contains(.twfe) {
            out.append("Funding starts in different years (\(starts.sorted().map(String.init).joined(separator: ", "))): the two-way fixed-effects estimate mixes comparisons of later- against earlier-funded areas and can be biased, even of the wrong sign, when effects change over time (Goodman-Bacon 2021). Read the Callaway & Sant'Anna estimates instead; the two-way estimate is shown for comparison only.")
        }
        for (k, indicator) in panel.indicators.enumerated() {
            guard indicator.hasCounts else {
                out.append("\(indicator.id): only published shares, no counts: only unweighted estimates are possible (every area counts alike, however many people its rate rests on), and no interval reflects the size of the denominators.")
                continue
            }
            let t = panel.years.count
            var fundedDenominators: [Double] = []
            for (area, _) in funded { for j in 0..<t where indicator.denominator[area * t + j].isFinite { fundedDenominators.append(indicator.denominator[area * t + j]) } }
            // Says how many area-years are small, never an area's count (which may be 1 or 2).
            let small = fundedDenominators.filter { $0 < 50 }.count
            if small > 0 {
                out.append("\(indicator.id): small denominators: \(small) of \(fundedDenominators.count) funded area-years rest on fewer than 50 people; a rate moves by several points with a handful of people, and year-to-year noise is large against any plausible effect.")
            }
            if let did = results[k].did, did.estimate.treatedAreas < 2 {
                out.append("\(indicator.id): the 2 × 2 estimate rests on \(did.estimate.treatedAreas) funded area: it is that area's change against the comparison areas', not an average over funded areas, and its interval does not reflect how differently another funded area might have developed.")
            }
            let dropped = results[k].droppedIncomplete.count
            if dropped > 0 {
                out.append("\(indicator.id): \(dropped) area\(dropped == 1 ? "" : "s") left out for a year without a figure (masked or missing).")
            }
            for cs in results[k].callaway {
                let pre = cs.eventStudy.filter { ($0.eventTime ?? 0) < 0 }
                let off = pre.filter { !$0.estimate.covers(0) }
                if pre.isEmpty {
                    out.append("\(indicator.id) (\(cs.comparison.rawValue)): no pre-period estimate: parallel trends unchecked.")
                } else if !off.isEmpty {
                    out.append("\(indicator.id) (\(cs.comparison.rawValue)): pre-period estimates at \(off.map { "e = \($0.eventTime!)" }.joined(separator: ", ")) do not cover 0: the funded areas already developed differently before the start; parallel trends are doubtful and the estimates after the start with them.")
                }
                if !cs.alwaysFunded.isEmpty && cs.comparison == results[k].callaway.first?.comparison {
                    out.append("\(indicator.id): \(cs.alwaysFunded.count) area(s) funded from the first year have no year before the start and are left out of Callaway & Sant'Anna.")
                }
            }
        }
        if let matching {
            if !matching.unmatched.isEmpty {
                out.append("Matching: \(matching.unmatched.count) funded area(s) without a comparison area within the caliper are left out: \(matching.unmatched.joined(separator: ", ")).")
            }
            if let worst = matching.balance.map({ abs($0.after) }).max(), worst >= 0.1 {
                out.append(String(format: "Matching: balance after matching is incomplete (largest |SMD| %.2f ≥ 0.1): the matched comparison differs from the funded areas before the start.", worst))
            }
            out.append("Matched comparison: the interval treats the funded areas' differences as independent; a comparison area matched to several funded areas makes them correlated, so the interval is too narrow (Abadie & Imbens 2006).")
        }
        if let comparable, !comparable.unmatched.isEmpty {
            out.append("Comparable areas: \(comparable.unmatched.count) funded area(s) have no comparable area within the tolerance of ±\(options.tolerance): \(comparable.unmatched.joined(separator: ", ")).")
        }
        out.append("Spill-over: projects often serve people from neighbouring areas too, and neighbouring areas may change with the funded ones; neighbours among the comparison areas then make the difference smaller than the funding's effect. The comparison areas are not checked for adjacency here.")
        return out
    }
}
