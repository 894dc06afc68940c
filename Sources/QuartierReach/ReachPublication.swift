import Foundation
import QuartierBase
import QuartierMethods
import QuartierMonitoring
import QuartierTable

/// Everything of a reach analysis that leaves Quartier, through the monitoring's publication gate.
///
/// - `export/`: the reach monitoring's indicators per level (coverage, focusing, group shares,
///   programme) as CSV, XLSX and GeoJSON, written by `MonitoringExport` from `PublishedResults`
///   (the spec's `[disclosure]` rules: minimum population, small counts, denominators and
///   complements, 0/100 % of small groups, secondary suppression across the hierarchy).
/// - `projekte.csv`: citywide figures per project, target group and period; `fokus_verhaeltnis.csv`:
///   focusing against the group's population share per area (from published rows only); `bedarf.csv`: coverage
///   per need quintile; `weisse_flecken.csv`: high-need areas no project serves. Every count pair
///   in them passes the same primary rules (`PublicationRules.suppression`); a suppressed figure is
///   the marker, and its rates go with it. Distances are published only over at least
///   `extremeShareMinimumDenominator` participants, without their number.
/// - `internal/`: the record accounting and the located participants (not for publication).
///
/// Not covered by secondary suppression: the need quintiles and the citywide figures are further
/// sums of the same counts; their primary rules hold, but a suppressed quintile is not protected
/// against differencing with the other quintiles and the city total.
public enum ReachPublication {
    /// The reach monitoring's results through the gate, with the monitoring spec's `[disclosure]` rules.
    public static func protect(_ analysis: ReachAnalysis) throws -> PublishedResults {
        try PublishedResults.protect(spec: analysis.reachSpec, results: analysis.results, areas: analysis.areas, rules: analysis.spec.disclosure)
    }

    /// Writes the outputs; returns the paths written.
    /// - Parameter published: `protect(analysis)`, when the caller has it already.
    public static func write(_ analysis: ReachAnalysis, published: PublishedResults? = nil, folder: String,
                             formats: [MonitoringExport.Format], force: Bool = false) throws -> [String] {
        let rules = analysis.spec.disclosure
        let published = try published ?? protect(analysis)
        var written: [String] = []
        let exportFolder = URL(fileURLWithPath: folder).appendingPathComponent("export").path
        for format in formats {
            written += try MonitoringExport.write(spec: analysis.reachSpec, published: published, format: format, folder: exportFolder, force: force)
        }
        let inputs = analysis.spec.inputFiles + [analysis.register.path] + analysis.register.participantFiles
        func output(_ name: String) throws -> String {
            let path = try OutputFileName.path(in: folder, "", name, ".csv")
            try OutputGuard.check(path, kind: "reach output", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists)
            return path
        }
        let reach = PublishedReach(analysis, published: published)
        let gone = CSVWriter.Value.absent(marker: rules.marker)
        func n(_ value: Int64?, _ rule: PublicationRules.Rule?) -> CSVWriter.Value { value.map { .integer($0) } ?? (rule == nil ? .absent(marker: "") : gone) }
        func v(_ value: Double?, _ rule: PublicationRules.Rule?) -> CSVWriter.Value { value.map { .number($0) } ?? (rule == nil ? .absent(marker: "") : gone) }
        func plain(_ value: Double?) -> CSVWriter.Value { value.map { .number($0) } ?? .absent(marker: "") }

        // Citywide figures.
        let projects = try output("projekte")
        try CSVWriter(decimals: 6).write(header: [
            "projekt", "name", "traeger", "strang", "zielgruppe", "jahr", "erreicht", "zielgruppe_register", "reichweite_pct",
            "reichweite_ki_unten", "reichweite_ki_oben", "teilnehmende", "fokus_pct", "anteil_zielgruppe_bevoelkerung_pct",
            "fokus_verhaeltnis", "streuverlust", "streuverlust_pct", "kumuliert_erreicht", "kumulierte_reichweite_pct",
            "distanz_median_m", "distanz_p90_m", "konzentrationsindex", "konzentrationsindex_se", "suppressed",
        ], rows: reach.projects.map { r in
            [.text(r.project), .text(r.name), .text(r.provider), .text(r.strand), .text(r.group), .integer(Int64(r.year)),
             n(r.reached, r.rule), n(r.groupPopulation, r.rule), v(r.coverage, r.rule), v(r.coverageLow, r.rule), v(r.coverageHigh, r.rule),
             n(r.participants, r.rule), v(r.focusing, r.rule), plain(r.groupShare), v(r.focusingRatio, r.rule),
             n(r.outsideServed, r.rule), v(r.outsideServedShare, r.rule), n(r.cumulativeReached, r.rule), v(r.cumulativeCoverage, r.rule),
             plain(r.distanceMedian), plain(r.distance90), plain(r.concentration), plain(r.concentrationSE), .text(r.rule?.rawValue ?? "")]
        }, to: projects)
        written.append(projects)

        // Reach by need.
        let need = try output("bedarf")
        try CSVWriter(decimals: 6).write(header: ["projekt", "zielgruppe", "jahr", "bedarfsquintil", "erreicht", "zielgruppe_register",
                                                  "reichweite_pct", "reichweite_ki_unten", "reichweite_ki_oben", "suppressed"],
                                         rows: reach.need.map { r in
            [.text(r.project), .text(r.group), .integer(Int64(r.year)), .integer(Int64(r.quintile)), n(r.reached, r.rule),
             n(r.groupPopulation, r.rule), v(r.coverage, r.rule), v(r.coverageLow, r.rule), v(r.coverageHigh, r.rule), .text(r.rule?.rawValue ?? "")]
        }, to: need)
        written.append(need)

        // Focusing against the group's share of the population, per area: from published rows only
        // (the ratio of two published rates; nothing when either is suppressed).
        let ratio = try output("fokus_verhaeltnis")
        var shareOf: [String: PublishedResults.Row] = [:]
        for row in published.indicators where row.value.indicator.hasPrefix("anteil__") {
            shareOf["\(row.value.indicator.dropFirst("anteil__".count))|\(row.value.level)|\(row.value.areaID)|\(row.value.year)"] = row
        }
        var ratioRows: [[CSVWriter.Value]] = []
        for row in published.indicators where row.value.indicator.hasPrefix("fokus__") {
            let parts = row.value.indicator.components(separatedBy: "__")
            guard parts.count == 3, let share = shareOf["\(parts[2])|\(row.value.level)|\(row.value.areaID)|\(row.value.year)"] else { continue }
            let rule = row.suppressed ?? share.suppressed
            let focus = rule == nil ? row.value.value : nil, groupShare = rule == nil ? share.value.value : nil
            let value = focus.flatMap { f in groupShare.flatMap { $0 > 0 ? f / $0 : nil } }
            ratioRows.append([.text(row.value.level), .text(row.value.areaID), .text(published.name(level: row.value.level, id: row.value.areaID)),
                              .integer(Int64(row.value.year)), .text(parts[1]), .text(parts[2]), v(focus, rule), v(groupShare, rule), v(value, rule),
                              .text(rule?.rawValue ?? "")])
        }
        try CSVWriter(decimals: 6).write(header: ["ebene", "gebiet", "name", "jahr", "projekt", "zielgruppe", "fokus_pct",
                                                  "anteil_zielgruppe_bevoelkerung_pct", "fokus_verhaeltnis", "suppressed"],
                                         rows: ratioRows, to: ratio)
        written.append(ratio)

        // White spots.
        let spots = try output("weisse_flecken")
        var spotRows: [[CSVWriter.Value]] = []
        for entry in reach.whiteSpots {
            for id in entry.ids {
                spotRows.append([.integer(Int64(entry.year)), .text(entry.level), .text(id), .text(published.name(level: entry.level, id: id)),
                                 .text(published.parents[entry.level]?[id] ?? "")])
            }
        }
        try CSVWriter().write(header: ["jahr", "ebene", "gebiet", "name", "uebergeordnet"], rows: spotRows, to: spots)
        written.append(spots)
        let footnote = try OutputFileName.path(in: folder, "", "footnote", ".txt")
        try OutputGuard.check(footnote, kind: "reach output", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists)
        try AtomicFile.write(published.footnote(german: true) + "\n" + published.footnote(german: false) + "\n", to: footnote)
        written.append(footnote)
        try OutputManifest.record(written.filter { URL(fileURLWithPath: $0).deletingLastPathComponent().path == URL(fileURLWithPath: folder).path }, in: folder)

        // Internal: the accounting of every participant record.
        let internalFolder = URL(fileURLWithPath: folder).appendingPathComponent("internal").path
        let accounting = URL(fileURLWithPath: internalFolder).appendingPathComponent("teilnehmende_bilanz.csv").path
        try OutputGuard.check(accounting, kind: "reach output", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists)
        try CSVWriter().write(header: ["projekt", "jahr", "datensaetze", "im_versorgungsgebiet", "streuverlust", "ausserhalb_der_stadt",
                                       "nicht_zugeordnet", "abgewiesen", "gruende", "publication"],
                              rows: analysis.reading.accounting.map { a in
            let reasons = a.unmatched.merging(a.rejected) { $0 + $1 }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            return [.text(a.project), a.year.map { .integer(Int64($0)) } ?? .absent(marker: ""), .integer(Int64(a.records)),
                    .integer(Int64(a.served)), .integer(Int64(a.outsideServed)), .integer(Int64(a.outsideCity)),
                    .integer(Int64(a.unmatchedTotal)), .integer(Int64(a.rejectedTotal)), .text(reasons),
                    .text("INTERNAL: not protected, not for publication.")]
        }, to: accounting)
        try OutputManifest.record([accounting], in: internalFolder)
        return written
    }
}
