import Foundation
import QuartierBase
import QuartierTable

extension Evaluation {
    /// The result as text: per indicator every estimate with its 95 % interval and the areas it rests
    /// on, the event study, the balance, then the statements. Prints estimates, intervals and area ids
    /// only — never an area's count (so nothing the monitoring's publication gate would hold back).
    public func text() -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func line(_ name: String, _ e: Estimate?) -> String {
            guard let e else { return "  \(name): not estimable here (too few funded or comparison areas with every year)" }
            return "  \(name): \(f(e.value)) (95 % interval \(f(e.low)) to \(f(e.high)); SE \(f(e.standardError)); \(e.treatedAreas) funded, \(e.comparisonAreas) comparison areas)\(e.covers(0) ? " — interval covers 0: no difference shown" : "")"
        }
        var out = "Evaluation of funded areas: \(panel.funded.count) funded of \(panel.areaIDs.count) areas, years \(panel.years.first ?? 0)–\(panel.years.last ?? 0); 2 × 2 windows \(options.pre.lowerBound)–\(options.pre.upperBound) against \(options.post.lowerBound)–\(options.post.upperBound).\n"
        out += "Estimates are differences in the change of rates (scale units, e.g. percentage points) between funded and comparison areas, not counts.\n"
        for r in results {
            out += "\n\(r.indicator) (\(r.weighted ? "rates weighted by their denominators" : "UNWEIGHTED: no counts"), \(r.areas) areas with every year):\n"
            if options.methods.contains(.did) { out += line("2 × 2 difference-in-differences (SE clustered by area, CR1)", r.did?.estimate) + "\n" }
            for cs in r.callaway {
                out += line("Callaway & Sant'Anna, \(cs.comparison == .neverTreated ? "never-funded" : "not-yet-funded") comparison, average after start", cs.overall?.estimate) + "\n"
                out += "    by years since start (event study; e < 0: pre-period check of parallel trends):\n"
                for e in cs.eventStudy {
                    out += "      e = \(e.eventTime!): \(f(e.estimate.value)) [\(f(e.estimate.low)), \(f(e.estimate.high))]\n"
                }
            }
            if options.methods.contains(.twfe) { out += line("two-way fixed effects (for comparison only; see the statement on staggered starts)", r.twfe) + "\n" }
            if options.methods.contains(.matching) { out += line("matched comparison (Mahalanobis nearest neighbours)", r.matched) + "\n" }
            if options.methods.contains(.comparable) { out += line("comparable areas (CoSI, ±\(options.tolerance))", r.comparable) + "\n" }
        }
        if let matching, !matching.balance.isEmpty {
            out += "\nBalance (standardised mean differences of the pre-period rates, funded − comparison):\n"
            for row in matching.balance { out += "  \(row.feature): before \(String(format: "%.3f", row.before)), after matching \(String(format: "%.3f", row.after))\n" }
        }
        for section in sections {
            out += "\n\(section.title):\n" + section.lines.map { "  \($0)\n" }.joined()
        }
        out += "\nWhat the results can and cannot show:\n" + statements.map { "- \($0)\n" }.joined()
        return out
    }

    /// Writes `evaluation.txt`, `estimates.csv` (every estimate: indicator, method, comparison, group,
    /// year, event time, estimate, SE, interval, areas), `balance.csv`, `matches.csv` (funded area →
    /// comparison area ids) and each section's CSV into `folder`, each atomically.
    /// - Returns: the paths written.
    public func write(folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let writer = CSVWriter()
        func path(_ name: String) -> String { URL(fileURLWithPath: folder).appendingPathComponent(name).path }
        var rows: [[CSVWriter.Value]] = []
        func add(_ indicator: String, _ method: String, _ comparison: String, group: Int?, year: Int?, event: Int?, _ e: Estimate?, weighted: Bool) {
            guard let e else { return }
            func opt(_ x: Int?) -> CSVWriter.Value { x.map { .integer(Int64($0)) } ?? .absent(marker: "") }
            rows.append([.text(indicator), .text(method), .text(comparison), opt(group), opt(year), opt(event), .number(e.value), .number(e.standardError),
                         .number(e.low), .number(e.high), .integer(Int64(e.treatedAreas)), .integer(Int64(e.comparisonAreas)), .text(weighted ? "denominators" : "none")])
        }
        for r in results {
            add(r.indicator, "did_2x2", "not_funded_by_post_end", group: nil, year: nil, event: nil, r.did?.estimate, weighted: r.weighted)
            add(r.indicator, "twfe", "all", group: nil, year: nil, event: nil, r.twfe, weighted: r.weighted)
            for cs in r.callaway {
                add(r.indicator, "cs_simple", cs.comparison.rawValue, group: nil, year: nil, event: nil, cs.overall?.estimate, weighted: r.weighted)
                for e in cs.eventStudy { add(r.indicator, "cs_event", cs.comparison.rawValue, group: nil, year: nil, event: e.eventTime, e.estimate, weighted: r.weighted) }
                for c in cs.cells { add(r.indicator, "cs_attgt", cs.comparison.rawValue, group: c.group, year: c.year, event: c.year - c.group, c.estimate, weighted: r.weighted) }
            }
            add(r.indicator, "matched", "mahalanobis", group: nil, year: nil, event: nil, r.matched, weighted: r.weighted)
            add(r.indicator, "comparable", "cosi_tolerance", group: nil, year: nil, event: nil, r.comparable, weighted: r.weighted)
        }
        var written: [String] = []
        try writer.write(header: ["indicator", "method", "comparison", "group", "year", "event_time", "estimate", "se", "ci_low", "ci_high",
                                  "funded_areas", "comparison_areas", "weights"], rows: rows, to: path("estimates.csv"))
        written.append(path("estimates.csv"))
        var balance: [[CSVWriter.Value]] = []
        var matches: [[CSVWriter.Value]] = []
        for result in [matching, comparable].compactMap({ $0 }) {
            for row in result.balance { balance.append([.text(result.method.rawValue), .text(row.feature), .number(row.before), .number(row.after)]) }
            for m in result.matches {
                matches.append([.text(result.method.rawValue), .text(m.funded), .text(m.comparisons.isEmpty ? "(unmatched)" : m.comparisons.joined(separator: " ")),
                                .text(m.distances.map { String(format: "%.4f", $0) }.joined(separator: " "))])
            }
        }
        try writer.write(header: ["method", "feature", "smd_before", "smd_after"], rows: balance, to: path("balance.csv"))
        try writer.write(header: ["method", "funded_area", "comparison_areas", "distances"], rows: matches, to: path("matches.csv"))
        written += [path("balance.csv"), path("matches.csv")]
        for section in sections {
            guard let name = section.csvName else { continue }
            try writer.write(header: section.csvHeader, rows: section.csvRows.map { $0.map { .text($0) } }, to: path(name))
            written.append(path(name))
        }
        try AtomicFile.write(text(), to: path("evaluation.txt"))
        written.append(path("evaluation.txt"))
        return written
    }
}
