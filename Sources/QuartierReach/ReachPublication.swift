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
/// - `projekte.csv`: citywide figures per project, target group and period; `bedarf.csv`: coverage
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
        let marker = rules.marker
        func share(_ x: Int64, _ n: Int64) -> (value: Double, low: Double, high: Double)? {
            guard n > 0, x >= 0, x <= n else { return nil }
            let interval = WilsonInterval.interval(successes: Double(x), trials: Double(n))
            return (Double(x) / Double(n) * 100, interval.lower * 100, interval.upper * 100)
        }
        func hidden(_ x: Int64, _ n: Int64) -> PublicationRules.Rule? {
            rules.suppression(population: nil, numerator: x, denominator: n)
        }
        let gone = CSVWriter.Value.absent(marker: marker)

        // Citywide figures.
        var rows: [[CSVWriter.Value]] = []
        for s in analysis.summaries() {
            let phase = analysis.register.phase(of: s.project, in: s.year)
            let coverageRule = hidden(s.reached, s.groupPopulation)
            let focusRule = coverageRule ?? hidden(s.reached, s.participants)
            let streuRule = hidden(s.outsideServed, s.participants)
            let cumulativeRule = hidden(s.cumulativeReached, s.groupPopulation)
            let coverage = share(s.reached, s.groupPopulation), focus = share(s.reached, s.participants)
            let groupShare = share(s.groupPopulation, s.population)
            func n(_ value: Int64, _ rule: PublicationRules.Rule?) -> CSVWriter.Value { rule == nil ? .integer(value) : gone }
            func v(_ value: Double?, _ rule: PublicationRules.Rule?) -> CSVWriter.Value { rule == nil ? value.map { .number($0) } ?? .absent(marker: "") : gone }
            let enough = s.distances.count >= max(1, rules.extremeShareMinimumDenominator)
            func quantile(_ p: Double) -> Double? {
                guard enough else { return nil }
                // Type 7 (linear interpolation; R's default, numpy's `linear`), rounded to 10 m.
                let h = p * Double(s.distances.count - 1)
                let low = s.distances[Int(h.rounded(.down))], high = s.distances[Int(h.rounded(.up))]
                return ((low + (h - h.rounded(.down)) * (high - low)) / 10).rounded() * 10
            }
            let rule = [coverageRule, focusRule, streuRule, cumulativeRule].compactMap { $0 }.min()
            rows.append([
                .text(s.project), .text(phase?.name ?? "Programm"), .text(phase?.provider ?? ""), .text(phase?.strand ?? ""),
                .text(s.group), .integer(Int64(s.year)),
                n(s.reached, coverageRule), n(s.groupPopulation, coverageRule),
                v(coverage?.value, coverageRule), v(coverage?.low, coverageRule), v(coverage?.high, coverageRule),
                n(s.participants, focusRule), v(focus?.value, focusRule), v(groupShare?.value, nil),
                v(s.focusingRatio, focusRule),
                n(s.outsideServed, streuRule), v(share(s.outsideServed, s.participants)?.value, streuRule),
                n(s.cumulativeReached, cumulativeRule), v(share(s.cumulativeReached, s.groupPopulation)?.value, cumulativeRule),
                quantile(0.5).map { .number($0) } ?? .absent(marker: ""), quantile(0.9).map { .number($0) } ?? .absent(marker: ""),
                s.concentration.map { .number($0.value) } ?? .absent(marker: ""),
                s.concentration.map { .number($0.standardError) } ?? .absent(marker: ""),
                .text(rule?.rawValue ?? ""),
            ])
        }
        let projects = try output("projekte")
        try CSVWriter(decimals: 6).write(header: [
            "projekt", "name", "traeger", "strang", "zielgruppe", "jahr", "erreicht", "zielgruppe_register", "reichweite_pct",
            "reichweite_ki_unten", "reichweite_ki_oben", "teilnehmende", "fokus_pct", "anteil_zielgruppe_bevoelkerung_pct",
            "fokus_verhaeltnis", "streuverlust", "streuverlust_pct", "kumuliert_erreicht", "kumulierte_reichweite_pct",
            "distanz_median_m", "distanz_p90_m", "konzentrationsindex", "konzentrationsindex_se", "suppressed",
        ], rows: rows, to: projects)
        written.append(projects)

        // Reach by need.
        let need = try output("bedarf")
        try CSVWriter(decimals: 6).write(header: ["projekt", "zielgruppe", "jahr", "bedarfsquintil", "erreicht", "zielgruppe_register",
                                                  "reichweite_pct", "reichweite_ki_unten", "reichweite_ki_oben", "suppressed"],
                                         rows: analysis.needRows().map { row in
            let rule = hidden(row.reached, row.groupPopulation)
            let coverage = share(row.reached, row.groupPopulation)
            func v(_ value: Double?) -> CSVWriter.Value { rule == nil ? value.map { .number($0) } ?? .absent(marker: "") : gone }
            return [.text(row.project), .text(row.group), .integer(Int64(row.year)), .integer(Int64(row.quintile)),
                    rule == nil ? .integer(row.reached) : gone, rule == nil ? .integer(row.groupPopulation) : gone,
                    v(coverage?.value), v(coverage?.low), v(coverage?.high), .text(rule?.rawValue ?? "")]
        }, to: need)
        written.append(need)

        // White spots.
        let spots = try output("weisse_flecken")
        let level = analysis.indexLevel ?? analysis.reachSpec.levels[0].id
        var spotRows: [[CSVWriter.Value]] = []
        for year in analysis.reachSpec.years {
            for id in analysis.whiteSpots(year: year) {
                spotRows.append([.integer(Int64(year)), .text(level), .text(id), .text(published.name(level: level, id: id)),
                                 .text(published.parents[level]?[id] ?? "")])
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
