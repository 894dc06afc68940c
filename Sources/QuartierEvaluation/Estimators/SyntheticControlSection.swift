import Foundation
import QuartierBase
import QuartierMethods

extension Evaluation {
    /// Adds the synthetic control of one funded area (Abadie, Diamond & Hainmueller 2010; QuartierMethods'
    /// `SyntheticControl`) for every indicator: donor weights fitted on the pre-period rates of the areas
    /// never funded, the gap after the start, and the in-space placebo test (each donor in turn as if
    /// funded; p = rank of the funded area's post/pre RMSPE ratio among all, ties against it, / (J + 1)).
    ///
    /// Conventions: the fit matches the pre-period rates themselves (V = identity over the pre-years:
    /// deterministic, no nested optimisation), unweighted (a synthetic control mixes areas, it does
    /// not pool persons); complete-case areas only (`OutcomePanel`).
    /// - Parameters:
    ///   - area: the funded area's id.
    ///   - maximumPreRMSPEMultiple: leave out placebos whose pre-period fit is worse than this multiple
    ///     of the funded area's (ADH 2010 use √5 ≈ 2.24 for their MSPE cut-off of 5); nil keeps all.
    /// - Throws: `InputError` when the area is not a funded area of the panel; `SyntheticControlError`
    ///   from the method (fewer than two pre-years, fewer than two donors).
    ///   - donorPool: how many never-funded areas form the donor pool: those closest to the funded area
    ///     over the pre-period (Euclidean distance of the rates). ADH restrict the pool to comparable
    ///     units; a pool of hundreds over a short pre-period lets most placebos fit their past exactly.
    ///   - source: the spec or command the area came from, for the message.
    public mutating func addSyntheticControl(area: String, donorPool: Int = 50, maximumPreRMSPEMultiple: Double? = nil,
                                             source: String = "evaluation") throws {
        guard let index = panel.areaIDs.firstIndex(of: area), let start = panel.start[index] else {
            let funded = panel.funded.prefix(5).map { panel.areaIDs[$0.area] }.joined(separator: ", ") + (panel.funded.count > 5 ? ", …" : "")
            throw InputError(InputLocation(file: source, field: "synthetic-control"), found: "\"\(InputError.excerpt(area))\", which is not a funded area of the panel",
                             expected: "a funded area (\(funded))")
        }
        var lines: [String] = []
        var rows: [[String]] = []
        for k in panel.indicators.indices {
            let outcome = panel.outcome(k)
            guard let unit = outcome.areaIDs.firstIndex(of: area) else {
                lines.append("\(outcome.indicator): \(area) lacks a figure in some year (masked or missing); no synthetic control")
                continue
            }
            let t = outcome.yearCount
            // The donor pool: the never-funded areas closest to the funded one over the pre-period
            // (Euclidean distance of the rates; ties by id order). A pool of hundreds lets most placebos
            // fit their own past exactly (RMSPE 0, ratio ∞), which empties the p-value of meaning.
            let preYears = outcome.years.filter { $0 < start }.count
            func distance(_ a: Int) -> Double {
                var sum = 0.0
                for j in 0 ..< preYears {
                    let d = outcome.y[a * t + j] - outcome.y[unit * t + j]
                    sum += d * d
                }
                return sum
            }
            var candidates: [(area: Int, distance: Double)] = []
            for a in outcome.areaIDs.indices where outcome.cohort[a] == nil { candidates.append((a, distance(a))) }
            candidates.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.area < $1.area }
            let pool = candidates.prefix(donorPool).map(\.area)
            let units = ([unit] + pool).sorted()
            let outcomes = (0 ..< t).map { j in units.map { outcome.y[$0 * t + j] } }
            let synthetic = try SyntheticControlPanel(units: units.map { outcome.areaIDs[$0] }, years: outcome.years, outcomes: outcomes)
            let test = try SyntheticControl.placeboTest(synthetic, treated: area, start: start, matching: .preperiodOutcomes,
                                                         maximumPreRMSPEMultiple: maximumPreRMSPEMultiple)
            let fit = test.fit
            let post = fit.gap[fit.preYears...]
            let meanGap = post.reduce(0, +) / Double(max(post.count, 1))
            let donors = zip(fit.donors, fit.weights).filter { $0.1 > 1e-6 }.sorted { $0.1 > $1.1 } // zip: lengths equal by construction
            lines.append("\(outcome.indicator): mean gap after \(start) \(Self.format(meanGap)) (funded − synthetic, scale units); "
                         + "pre-RMSPE \(Self.format(fit.preRMSPE)), post/pre RMSPE ratio \(Self.format(fit.ratio)); "
                         + "placebo p = \(Self.format(test.pValue)) (rank \(test.rank) of \(test.compared + 1))")
            lines.append("  synthetic \(area) = " + donors.prefix(6).map { "\(Self.format($0.1)) × \($0.0)" }.joined(separator: " + ")
                         + (donors.count > 6 ? " + \(donors.count - 6) more" : ""))
            for note in fit.notes { lines.append("  note: \(note)") }
            if fit.preRMSPE == 0 {
                lines.append("  note: the mix reproduces the \(fit.preYears) pre-period years exactly (\(units.count - 1) donors for \(fit.preYears) years): "
                             + "it may follow noise as well as the trend; the ratio is infinite and the p-value ranks it only among such fits")
            }
            for (j, year) in fit.years.enumerated() {
                rows.append([outcome.indicator, area, String(year), Self.format(fit.treatedSeries[j]), Self.format(fit.synthetic[j]), Self.format(fit.gap[j])])
            }
        }
        lines.append("What it can and cannot show: one funded area against a weighted mix of the \(donorPool) never-funded areas closest to it before the start, fitted on its own past; "
                     + "the p-value says how unusual its post/pre fit ratio is among the placebos, not how large the effect is; "
                     + "a poor pre-period fit (see pre-RMSPE and notes), few donors or spill-over into neighbouring areas make the gap unreliable.")
        sections.append(Section(title: "Synthetic control for \(area) (Abadie, Diamond & Hainmueller 2010)", lines: lines,
                                csvName: "synthetic_control.csv", csvHeader: ["indicator", "area", "year", "funded", "synthetic", "gap"], csvRows: rows))
    }

    static func format(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : (x > 0 ? "inf" : "n/a") }
}
