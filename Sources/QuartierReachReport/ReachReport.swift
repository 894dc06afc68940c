import Foundation
import QuartierBase
import QuartierMonitoring
import QuartierReach
import QuartierReport

/// The reach report: a programme overview (every project's reach against need, white spots) and a
/// page per project (served areas, contact points, reach with intervals, focusing, where participants
/// live, trend), one self-contained HTML file in German (inline CSS and SVG, no script, a
/// Content-Security-Policy), escaped by the report's one escaping function (`Markup.escape`).
///
/// It reads only `PublishedReach` (the publication gate): a suppressed figure shows the marker.
public enum ReachReport {
    /// The HTML of the report.
    public static func html(_ analysis: ReachAnalysis, _ reach: PublishedReach) -> String {
        let style = NumberStyle(.de)
        let marker = reach.published.marker
        func pct(_ value: Double?, suppressed: Bool) -> String { value.map { style.value($0, unit: .percent, decimals: 1) } ?? (suppressed ? marker : "–") }
        func num(_ value: Double?, _ decimals: Int) -> String { value.map { style.decimal($0, decimals) } ?? "–" }
        let e = Markup.escape
        let register = analysis.register
        let newest = analysis.reachSpec.years.last!
        var html = "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        html += "<title>Zielgruppenerreichung – \(e(analysis.spec.name))</title><style>"
        html += "body{font:14px/1.4 sans-serif;max-width:60em;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
        html += "th,td{border-bottom:1px solid #ccc;padding:.2em .5em;text-align:right}th:first-child,td:first-child{text-align:left}"
        html += "section{page-break-before:always}.note{color:#555;font-size:12px}svg{display:block}</style></head><body>"
        html += "<h1>Zielgruppenerreichung der geförderten Projekte</h1><p>\(e(analysis.spec.name)), \(analysis.reachSpec.years.first!)–\(newest).</p>"

        // Programme overview.
        html += "<h2>Programmübersicht \(newest)</h2><table><tr><th>Projekt</th><th>Zielgruppe</th><th>Reichweite</th><th>95-%-Intervall</th>"
            + "<th>Fokus</th><th>Anteil an der Bevölkerung</th><th>Verhältnis</th><th>Streuverlust</th><th>Konzentrationsindex (SE)</th></tr>"
        for row in reach.projects where row.year == newest {
            let hidden = row.rule != nil
            html += "<tr><td>\(e(row.name))</td><td>\(e(register.group(named: row.group)?.label ?? row.group))</td>"
                + "<td>\(pct(row.coverage, suppressed: hidden))</td>"
                + "<td>\(row.coverageLow.map { "\(pct($0, suppressed: false)) – \(pct(row.coverageHigh, suppressed: false))" } ?? (hidden ? marker : "–"))</td>"
                + "<td>\(pct(row.focusing, suppressed: hidden))</td><td>\(pct(row.groupShare, suppressed: false))</td>"
                + "<td>\(row.focusingRatio.map { style.decimal($0, 2) } ?? (hidden ? marker : "–"))</td>"
                + "<td>\(pct(row.outsideServedShare, suppressed: hidden))</td>"
                + "<td>\(num(row.concentration, 3)) (\(num(row.concentrationSE, 3)))</td></tr>"
        }
        html += "</table><p class=\"note\">Reichweite: erreichte Personen der Zielgruppe je Personen der Zielgruppe im Register (ganze Stadt). "
            + "Fokus: Anteil der Zielgruppe an den Teilnehmenden, verglichen mit ihrem Anteil an der Bevölkerung (Verhältnis &gt; 1: "
            + "das Projekt erreicht seine Zielgruppe besser als der Zufall). Konzentrationsindex der Reichweite über die Baublöcke, vom "
            + "geringsten zum höchsten Bedarf geordnet (Wagstaff, van Doorslaer &amp; Paci 1991; Standardfehler nach Kakwani, Wagstaff &amp; "
            + "van Doorslaer 1997): positiv = Reichweite in den Gebieten mit hohem Bedarf.</p>"

        // Reach by need: bars per quintile for each project, newest year.
        html += "<h2>Reichweite nach Bedarf \(newest)</h2><p class=\"note\">Quintile des Statusindex (1 = geringster, 5 = höchster Bedarf).</p>"
        for (project, group) in analysis.pairs {
            let rows = reach.need.filter { $0.project == project && $0.group == group && $0.year == newest }
            guard !rows.isEmpty else { continue }
            let label = reach.projects.first { $0.project == project }?.name ?? project
            let top = max(rows.compactMap(\.coverage).max() ?? 0, 1)
            html += "<h3>\(e(label)) – \(e(register.group(named: group)?.label ?? group))</h3>"
            html += "<svg width=\"420\" height=\"\(rows.count * 22 + 4)\" role=\"img\" aria-label=\"Reichweite nach Bedarfsquintil\">"
            for (k, row) in rows.enumerated() {
                let y = k * 22 + 2
                let width = (row.coverage ?? 0) / top * 260
                html += "<text x=\"0\" y=\"\(y + 14)\" font-size=\"12\">Quintil \(row.quintile)</text>"
                html += "<rect x=\"70\" y=\"\(y)\" width=\"\(style.decimal(width, 1).replacingOccurrences(of: ",", with: "."))\" height=\"16\" fill=\"#3182bd\"/>"
                html += "<text x=\"\(Int(width) + 76)\" y=\"\(y + 14)\" font-size=\"12\">\(e(pct(row.coverage, suppressed: row.rule != nil)))</text>"
            }
            html += "</svg>"
        }

        // White spots.
        let spots = reach.whiteSpots.first { $0.year == newest }
        html += "<h2>Weiße Flecken \(newest)</h2><p>Gebiete im Quintil des höchsten Bedarfs, die kein Projekt versorgt: "
        html += (spots?.ids.isEmpty ?? true) ? "keine." : spots!.ids.map { e(reach.published.name(level: spots!.level, id: $0)) }.joined(separator: ", ") + "."
        html += "</p>"

        // A page per project.
        for project in register.projectIDs {
            let phases = register.phases(of: project)
            let first = phases[0]
            html += "<section><h2>\(e(first.name))</h2><p>Träger: \(e(first.provider)); Förderstrang: \(e(first.strand)).</p><ul>"
            for phase in phases {
                html += "<li>\(phase.start)–\(phase.end): \(style.decimal(phase.funding, 0)) €; Zielgruppen: \(phase.targetGroups.map { e(register.group(named: $0)?.label ?? $0) }.joined(separator: ", "))</li>"
            }
            html += "</ul><p>Versorgungsgebiet: \(first.servedAreas.map { e(reach.published.name(level: $0.level, id: $0.id)) }.joined(separator: ", ")).</p>"
            if !first.contacts.isEmpty {
                html += "<p>Anlaufstellen: \(first.contacts.map { e("\($0.street) \($0.number)\($0.suffix)") }.joined(separator: "; ")).</p>"
            }
            for group in Set(phases.flatMap(\.targetGroups)).sorted() {
                let rows = reach.projects.filter { $0.project == project && $0.group == group }
                html += "<h3>\(e(register.group(named: group)?.label ?? group))</h3>"
                html += "<table><tr><th>Jahr</th><th>Reichweite</th><th>95-%-Intervall</th><th>Fokus</th><th>Verhältnis</th><th>Streuverlust</th>"
                    + "<th>Entfernung Median / 90 %</th><th>Konzentrationsindex (SE)</th><th>kumulierte Reichweite</th></tr>"
                for row in rows {
                    let hidden = row.rule != nil
                    html += "<tr><td>\(row.year)</td><td>\(pct(row.coverage, suppressed: hidden))</td>"
                        + "<td>\(row.coverageLow.map { "\(pct($0, suppressed: false)) – \(pct(row.coverageHigh, suppressed: false))" } ?? (hidden ? marker : "–"))</td>"
                        + "<td>\(pct(row.focusing, suppressed: hidden))</td><td>\(row.focusingRatio.map { style.decimal($0, 2) } ?? (hidden ? marker : "–"))</td>"
                        + "<td>\(pct(row.outsideServedShare, suppressed: hidden))</td>"
                        + "<td>\(row.distanceMedian.map { "\(style.decimal($0, 0)) m / \(style.decimal(row.distance90 ?? 0, 0)) m" } ?? "–")</td>"
                        + "<td>\(num(row.concentration, 3)) (\(num(row.concentrationSE, 3)))</td><td>\(pct(row.cumulativeCoverage, suppressed: hidden))</td></tr>"
                }
                html += "</table>"
                // Trend of coverage (published values only).
                let points = rows.compactMap { row in row.coverage.map { (row.year, $0) } }
                if points.count >= 2 {
                    let years = analysis.reachSpec.years
                    let top = max(points.map(\.1).max()!, 0.1)
                    let path = points.map { p in
                        let x = 20 + Double(p.0 - years.first!) / Double(max(years.last! - years.first!, 1)) * 260
                        let y = 70 - p.1 / top * 60
                        return "\(String(format: "%.1f", x)),\(String(format: "%.1f", y))"
                    }.joined(separator: " ")
                    html += "<svg width=\"300\" height=\"80\" role=\"img\" aria-label=\"Verlauf der Reichweite\"><polyline points=\"\(path)\" fill=\"none\" stroke=\"#3182bd\" stroke-width=\"2\"/></svg>"
                }
                // Reach in the served areas, newest year of the project.
                guard let year = rows.last?.year else { continue }
                html += "<table><tr><th>Gebiet (\(year))</th><th>Reichweite</th><th>95-%-Intervall</th><th>Fokus</th></tr>"
                for area in phases.last!.servedAreas {
                    let coverage = reach.published.indicators.first { $0.value.level == area.level && $0.value.areaID == area.id && $0.value.year == year
                        && $0.value.indicator == "reichweite__\(project)__\(group)" }
                    let focus = reach.published.indicators.first { $0.value.level == area.level && $0.value.areaID == area.id && $0.value.year == year
                        && $0.value.indicator == "fokus__\(project)__\(group)" }
                    html += "<tr><td>\(e(reach.published.name(level: area.level, id: area.id)))</td>"
                        + "<td>\(pct(coverage?.value.value, suppressed: coverage?.suppressed != nil))</td>"
                        + "<td>\(coverage?.value.low.map { "\(pct($0, suppressed: false)) – \(pct(coverage?.value.high, suppressed: false))" } ?? (coverage?.suppressed != nil ? marker : "–"))</td>"
                        + "<td>\(pct(focus?.value.value, suppressed: focus?.suppressed != nil))</td></tr>"
                }
                html += "</table>"
            }
            html += "</section>"
        }
        html += "<section><h2>Methoden und Geheimhaltung</h2><p class=\"note\">\(e(reach.published.footnote(german: true)))</p></section></body></html>\n"
        return html
    }

    /// Writes `reichweite.html` into `folder`; returns its path.
    public static func write(_ analysis: ReachAnalysis, _ reach: PublishedReach, folder: String, force: Bool = false) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = try OutputFileName.path(in: folder, "", "reichweite", ".html")
        let inputs = analysis.spec.inputFiles + [analysis.register.path] + analysis.register.participantFiles
        try OutputGuard.check(path, kind: "reach report", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists)
        try AtomicFile.write(html(analysis, reach), to: path)
        try OutputManifest.record([path], in: folder)
        return path
    }
}
