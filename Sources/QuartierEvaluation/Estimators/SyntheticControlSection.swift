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
    ///   - source: the spec or command the area came from, for the message.
    public mutating func addSyntheticControl(area: String, maximumPreRMSPEMultiple: Double? = nil, source: String = "evaluation") throws {
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
            let units = outcome.areaIDs.indices.filter { $0 == unit || outcome.cohort[$0] == nil }
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
            for (j, year) in fit.years.enumerated() {
                rows.append([outcome.indicator, area, String(year), Self.format(fit.treatedSeries[j]), Self.format(fit.synthetic[j]), Self.format(fit.gap[j])])
            }
        }
        lines.append("What it can and cannot show: one funded area against a weighted mix of \(panel.funded.isEmpty ? "" : "never-")funded areas fitted on its own past; "
                     + "the p-value says how unusual its post/pre fit ratio is among the placebos, not how large the effect is; "
                     + "a poor pre-period fit (see pre-RMSPE and notes), few donors or spill-over into neighbouring areas make the gap unreliable.")
        sections.append(Section(title: "Synthetic control for \(area) (Abadie, Diamond & Hainmueller 2010)", lines: lines,
                                csvName: "synthetic_control.csv", csvHeader: ["indicator", "area", "year", "funded", "synthetic", "gap"], csvRows: rows))
    }

    static func format(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : (x > 0 ? "inf" : "n/a") }
}
