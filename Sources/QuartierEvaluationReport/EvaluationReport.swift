import Foundation
import QuartierBase
import QuartierEvaluation
import QuartierReport

/// The evaluation as a report section: one self-contained HTML file (inline CSS and SVG, no script, a
/// Content-Security-Policy) with every estimate and its 95 % interval per indicator, the event study of
/// Callaway & Sant'Anna as a chart with the pre-period estimates (the parallel-trends check), the
/// balance before and after matching, the synthetic control if asked for, and what the results can
/// and cannot show. Text from data (indicator and area ids) goes through the report's one escaping
/// function (`Markup.escape`). Only estimates, intervals and area ids — never an area's count.
public enum EvaluationReport {
    public static func html(_ evaluation: Evaluation, title: String) -> String {
        let e = Markup.escape
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "–" }
        let panel = evaluation.panel, options = evaluation.options
        var html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        html += "<title>Evaluation – \(e(title))</title><style>"
        html += "body{font:14px/1.4 sans-serif;max-width:60em;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
        html += "th,td{border-bottom:1px solid #ccc;padding:.2em .5em;text-align:right}td{white-space:nowrap}td:first-child{white-space:normal}th:first-child,td:first-child{text-align:left}"
        html += ".note{color:#555;font-size:12px}svg{display:block;margin:.5em 0}li{margin:.3em 0}</style></head><body>"
        html += "<h1>Funded areas against comparable ones</h1><p>\(e(title)): \(panel.areaIDs.count) areas, \(panel.years.first ?? 0)–\(panel.years.last ?? 0), "
            + "\(panel.funded.count) funded. 2 × 2 windows: before \(options.pre.lowerBound)–\(options.pre.upperBound), after \(options.post.lowerBound)–\(options.post.upperBound).</p>"
        html += "<p class=\"note\">Estimates are differences in the change of each indicator (funded minus comparison, in the indicator's scale units) "
            + "with their 95 % intervals (standard errors clustered by area); rates are weighted by their denominators where counts exist.</p>"

        for result in evaluation.results {
            html += "<h2>\(e(result.indicator))</h2>"
            if !result.weighted { html += "<p class=\"note\">Published shares without counts: only unweighted estimates are possible.</p>" }
            html += "<table><tr><th>Method</th><th>Estimate</th><th>95 % interval</th><th>Funded areas</th><th>Comparison areas</th></tr>"
            func row(_ name: String, _ estimate: Estimate?) {
                guard let estimate else { return }
                html += "<tr><td>\(e(name))</td><td>\(f(estimate.value))</td><td>\(f(estimate.low)) – \(f(estimate.high))</td>"
                    + "<td>\(estimate.treatedAreas)</td><td>\(estimate.comparisonAreas)</td></tr>"
            }
            row("2 × 2 difference-in-differences", result.did?.estimate)
            for cs in result.callaway {
                row("Callaway & Sant'Anna, \(cs.comparison == .neverTreated ? "never-funded" : "not-yet-funded") comparison", cs.overall?.estimate)
            }
            row("matched comparison (Mahalanobis nearest neighbours)", result.matched)
            row("comparable areas (CoSI, ±\(f(options.tolerance)))", result.comparable)
            row("two-way fixed effects (for comparison only: biased with staggered starts)", result.twfe)
            html += "</table>"
            if let cs = result.callaway.first, !cs.eventStudy.isEmpty { html += eventStudy(cs.eventStudy, indicator: result.indicator) }
        }
        for matching in [evaluation.matching, evaluation.comparable].compactMap({ $0 }) where !matching.balance.isEmpty {
            html += "<h2>Balance (\(e(matching.method.rawValue)))</h2><table><tr><th>Pre-period feature</th><th>SMD before</th><th>SMD after</th></tr>"
            for row in matching.balance { html += "<tr><td>\(e(row.feature))</td><td>\(f(row.before))</td><td>\(f(row.after))</td></tr>" }
            html += "</table><p class=\"note\">Standardised mean differences, funded minus comparison; below 0.1 is usually taken as balanced.</p>"
        }
        for section in evaluation.sections {
            html += "<h2>\(e(section.title))</h2>" + section.lines.map { "<p>\(e($0))</p>" }.joined()
        }
        html += "<h2>What the results can and cannot show</h2><ul>" + evaluation.statements.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        return html + "</body></html>\n"
    }

    /// The event study: each year since the start with its estimate and interval; 0 marked.
    static func eventStudy(_ points: [GroupTimeEffects.Aggregate], indicator: String) -> String {
        let width = 580.0, height = 200.0, margin = 40.0
        let times = points.compactMap(\.eventTime)
        guard let first = times.min(), let last = times.max() else { return "" }
        let lows = points.map(\.estimate.low).filter(\.isFinite), highs = points.map(\.estimate.high).filter(\.isFinite)
        let low = min(lows.min() ?? 0, 0), high = max(highs.max() ?? 0, 0)
        let span = max(high - low, 1e-9)
        func x(_ t: Int) -> Double { margin + (width - 2 * margin) * Double(t - first) / Double(max(last - first, 1)) }
        func y(_ v: Double) -> Double { height - margin - (height - 2 * margin) * (v - low) / span }
        var svg = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"Event study: \(Markup.escape(indicator))\">"
        svg += "<line x1=\"\(margin)\" x2=\"\(width - margin)\" y1=\"\(y(0))\" y2=\"\(y(0))\" stroke=\"#999\"/>"
        // The vertical scale: its ends and 0.
        for value in Set([low, 0, high]).sorted() {
            svg += "<text x=\"\(margin - 4)\" y=\"\(y(value) + 3)\" font-size=\"10\" text-anchor=\"end\">\(String(format: "%.2f", value))</text>"
        }
        svg += "<line x1=\"\(x(0) - 6)\" x2=\"\(x(0) - 6)\" y1=\"\(margin / 2)\" y2=\"\(height - margin)\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>"
        for point in points {
            guard let t = point.eventTime, point.estimate.value.isFinite else { continue }
            let colour = t < 0 ? "#777" : "#08519c"
            svg += "<line x1=\"\(x(t))\" x2=\"\(x(t))\" y1=\"\(y(point.estimate.low))\" y2=\"\(y(point.estimate.high))\" stroke=\"\(colour)\"/>"
            svg += "<circle cx=\"\(x(t))\" cy=\"\(y(point.estimate.value))\" r=\"3\" fill=\"\(colour)\"><title>\(t): \(String(format: "%.3f", point.estimate.value))</title></circle>"
            svg += "<text x=\"\(x(t))\" y=\"\(height - margin / 3)\" font-size=\"10\" text-anchor=\"middle\">\(t)</text>"
        }
        return svg + "</svg><p class=\"note\">Years since the start (Callaway &amp; Sant'Anna, never-funded comparison): grey before the start "
            + "(should cover 0 if the trends ran in parallel), blue after; bars are 95 % intervals.</p>"
    }

    /// Writes `evaluation.html` into `folder` atomically; returns its path.
    public static func write(_ evaluation: Evaluation, title: String, folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: folder).appendingPathComponent("evaluation.html").path
        try AtomicFile.write(html(evaluation, title: title), to: path)
        return path
    }
}
