import Foundation
import GRDB
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTable
import QuartierXLSX

/// Tables a spreadsheet or web map opens, from a monitoring's `PublishedResults` (the publication gate:
/// nothing here reads the unprotected results).
///
/// - `csv`: `indicators_<level>.csv` (long: one row per area, year and indicator, with name, parent id, numerator,
///   denominator, rate, interval and the rule that suppressed the row), `dynamics_<level>.csv`,
///   `index_<level>.csv`, and `footnote.txt` naming every rule.
/// - `xlsx`: `monitoring.xlsx` (libxlsxwriter): a note sheet with the footnote first, then one sheet of
///   indicators and one of dynamics per level, and the index.
/// - `geojson`: `<level>.geojson` in WGS 84 (RFC 7946) with each indicator's newest value and a
///   `publication` property (the footnote).
///
/// The index table (CSV and XLSX) carries each area's simulated rank interval (`rank_low`, `rank_high`,
/// `rank_coverage`, `p_most_deprived_class`, `rank_uncertain`, `rank_draws`, `rank_seed`) where the gate
/// publishes its index (`PublishedResults.rankIntervals`); empty otherwise.
///
/// Suppressed figures are written as the rules' marker (never 0 or empty). An export of the unprotected
/// view (`PublishedResults.unprotected`, `quartier export --internal`) says so in every file: a
/// `publication` column / property holding "INTERNAL …" and the note sheet.
///
/// Every file is written atomically; ids stay text (leading zeros kept); area names from the data
/// are written as text only (the CSV writer guards against formula injection).
public enum MonitoringExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx, geojson
    }

    /// Writes the export files of `published` for `spec` into `folder`; returns their paths.
    /// - Parameter force: replace existing files of the output names that Quartier did not write there
    ///   (`OutputManifest`); never an input.
    /// - Parameter store: where the GeoJSON's areas are read (default: the spec's GeoPackage).
    /// - Parameter rankUncertainty: the run's simulated rank intervals (`MonitoringResults.rankUncertainty`).
    public static func write(spec: MonitoringSpec, published: PublishedResults, format: Format, folder: String,
                             force: Bool = false, store: (any MonitoringStoreBackend)? = nil,
                             rankUncertainty: [IndexRankUncertainty.Summary] = []) throws -> [String] {
        let store = try store ?? spec.defaultStore()
        let base = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Every file name goes through the one sanitiser and is checked against the spec's inputs
        // and the store before anything is written.
        let protected = spec.inputFiles + [spec.storePath]
        func output(_ prefix: String, _ id: String, _ suffix: String) throws -> String {
            let path = try OutputFileName.path(in: folder, prefix, id, suffix)
            try OutputGuard.check(path, kind: "export", inputs: protected, force: force, isOwnOutput: OutputManifest.lists)
            return path
        }
        var written: [String] = []
        let marker = published.marker
        let note = published.footnote(german: true) + "\n" + published.footnote(german: false)
        let internalNote = published.isInternal ? published.footnote(german: false) : nil
        let book = format == .xlsx ? try XLSXWorkbook(path: output("", "monitoring", ".xlsx")) : nil
        if let book {
            try book.addSheet(name: published.isInternal ? "INTERN" : "Hinweise", columns: [.init("note", .text)],
                              rows: note.split(separator: "\n").map { [.text(String($0))] })
        }
        func number(_ value: Double?, suppressed: Bool) -> CSVWriter.Value {
            suppressed ? .absent(marker: marker) : value.map { .number($0) } ?? .absent(marker: "")
        }
        func integer(_ value: Int64?, suppressed: Bool) -> CSVWriter.Value {
            suppressed ? .absent(marker: marker) : value.map { .integer($0) } ?? .absent(marker: "")
        }
        func cell(_ value: Double?, suppressed: Bool) -> XLSXWorkbook.Value {
            suppressed ? .absent(marker: marker) : value.map { .number($0) } ?? .absent(marker: "")
        }
        let extraHeader = internalNote == nil ? ["suppressed"] : ["suppressed", "publication"]
        func extra(_ rule: PublicationRules.Rule?) -> [CSVWriter.Value] {
            [.text(rule?.rawValue ?? "")] + (internalNote.map { [.text($0)] } ?? [])
        }
        for level in spec.levels {
            let rows = published.indicators.filter { $0.value.level == level.id }
                .sorted { ($0.value.areaID, $0.value.year) < ($1.value.areaID, $1.value.year) }
            let dynamics = published.dynamics.filter { $0.value.level == level.id }
                .sorted { ($0.value.areaID, $0.value.toYear) < ($1.value.areaID, $1.value.toYear) }
            let indicatorRows: [[CSVWriter.Value]] = rows.map { row in
                let v = row.value, hidden = row.suppressed != nil
                return [.text(v.areaID), .text(published.name(level: level.id, id: v.areaID)),
                        .text(published.parents[level.id]?[v.areaID] ?? ""), .integer(Int64(v.year)), .text(v.indicator),
                        integer(v.numerator, suppressed: hidden), integer(v.denominator, suppressed: hidden),
                        number(v.value, suppressed: hidden), number(v.low, suppressed: hidden), number(v.high, suppressed: hidden)]
                    + extra(row.suppressed)
            }
            let dynamicsRows: [[CSVWriter.Value]] = dynamics.map { change in
                let v = change.value
                return [.text(v.areaID), .text(v.indicator), .integer(Int64(v.fromYear)), .integer(Int64(v.toYear)),
                        number(v.change, suppressed: change.suppressed != nil)] + extra(change.suppressed)
            }
            switch format {
            case .csv:
                let indicatorsPath = try output("indicators_", level.id, ".csv")
                try CSVWriter().write(
                    header: ["area_id", "name", "parent_id", "year", "indicator", "numerator", "denominator", "value", "ci_low", "ci_high"] + extraHeader,
                    rows: indicatorRows, to: indicatorsPath)
                let dynamicsPath = try output("dynamics_", level.id, ".csv")
                try CSVWriter().write(header: ["area_id", "indicator", "from_year", "to_year", "change"] + extraHeader,
                                      rows: dynamicsRows, to: dynamicsPath)
                written += [indicatorsPath, dynamicsPath]
            case .xlsx:
                try book!.addSheet(
                    name: "\(level.label)",
                    columns: [.init("area_id", .text), .init("name", .text), .init("parent_id", .text), .init("year", .number(format: "0")),
                              .init("indicator", .text), .init("numerator", .number(format: "0")),
                              .init("denominator", .number(format: "0")), .init("value", .number(format: "0.00")),
                              .init("ci_low", .number(format: "0.00")), .init("ci_high", .number(format: "0.00"))]
                        + extraHeader.map { .init($0, .text) },
                    rows: indicatorRows.map { $0.map(xlsx) })
                try book!.addSheet(
                    name: "\(level.label) Dynamik",
                    columns: [.init("area_id", .text), .init("indicator", .text), .init("from_year", .number(format: "0")),
                              .init("to_year", .number(format: "0")), .init("change", .number(format: "0.00"))]
                        + extraHeader.map { .init($0, .text) },
                    rows: dynamicsRows.map { $0.map(xlsx) })
            case .geojson:
                let path = try output("", level.id, ".geojson")
                try writeGeoJSON(store: store, level: level.id, published: published, rows: rows,
                                 indicators: spec.indicators.map(\.id), note: note, to: path)
                written.append(path)
            }
        }
        if let index = spec.index, format != .geojson {
            let (header, rows) = indexTable(published: published, index: index, intervals: published.rankIntervals(rankUncertainty))
            if let book {
                let textColumns: Set<String> = ["area_id", "name", "invalid_reason", "publication", "rank_seed"]
                try book.addSheet(name: "Index", columns: header.map { (name: String) -> XLSXWorkbook.Column in
                    let text = textColumns.contains(name) || (name.hasSuffix("class") && name != "p_most_deprived_class")
                    return text ? .init(name, .text) : .init(name, .number(format: "0.000"))
                }, rows: rows.map { $0.map(xlsx) })
            } else {
                let path = try output("index_", index.level, ".csv")
                try CSVWriter().write(header: header, rows: rows, to: path)
                written.append(path)
            }
        }
        if format == .csv { written += try writeAccessGaps(spec: spec, published: published, output: output) }
        if let book {
            try book.close()
            written.append(book.path)
        }
        let notePath = try output("", "footnote", ".txt")
        try AtomicFile.write(Data((note + "\n").utf8), to: notePath)
        written.append(notePath)
        try OutputManifest.record(written, in: folder)
        return written
    }

    private static func xlsx(_ value: CSVWriter.Value) -> XLSXWorkbook.Value {
        switch value {
        case .text(let text): .text(text)
        case .number(let number): .number(number)
        case .integer(let integer): .number(Double(integer))
        case .absent(let marker): .absent(marker: marker)
        }
    }

    /// The published index table, ranked areas first.
    private static func indexTable(published: PublishedResults, index: MonitoringIndexSpec,
                                   intervals: [String: IndexRankUncertainty.Summary]) -> ([String], [[CSVWriter.Value]]) {
        let header = ["area_id", "name", "year", "valid", "invalid_reason"] + index.status.map { "z_\($0)" }
            + ["status_sum", "status_index", "status_class"] + index.dynamics.map { "dz_\($0)" }
            + ["dynamics_sum", "dynamics_index", "dynamics_class", "combined_class", "rank"]
            + ["rank_low", "rank_high", "rank_coverage", "p_most_deprived_class", "rank_uncertain", "rank_draws", "rank_seed"]
            + (published.isInternal ? ["publication"] : [])
        func number(_ value: Double?) -> CSVWriter.Value { value.map { .number($0) } ?? .absent(marker: "") }
        func text(_ value: String?) -> CSVWriter.Value { value.map { .text($0) } ?? .absent(marker: "") }
        let sorted = published.index.sorted { ($0.rank ?? Int.max, $0.areaID) < ($1.rank ?? Int.max, $1.areaID) }
        let rows = sorted.map { v -> [CSVWriter.Value] in
            var row: [CSVWriter.Value] = [.text(v.areaID), .text(published.name(level: index.level, id: v.areaID)),
                                          .integer(Int64(v.year)), .integer(v.valid ? 1 : 0), text(v.invalidReason)]
            row += v.statusZ.map(number)
            row += [number(v.statusSum), number(v.statusIndex), text(v.statusClass)]
            row += v.dynamicsZ.map(number)
            row += [number(v.dynamicsSum), number(v.dynamicsIndex), text(v.dynamicsClass), text(v.combinedClass),
                    v.rank.map { .integer(Int64($0)) } ?? .absent(marker: "")]
            if let r = intervals[v.areaID] {
                row += [.integer(Int64(r.lower)), .integer(Int64(r.upper)), .number(r.level), .number(r.probabilityTopClass),
                        .integer(r.isUncertain ? 1 : 0), .integer(Int64(r.draws)), .text(String(r.seed))]
            } else {
                row += Array(repeating: .absent(marker: ""), count: 7)
            }
            if published.isInternal { row.append(.text(published.footnote(german: false))) }
            return row
        }
        return (header, rows)
    }

    /// The level's areas in WGS 84 with the newest published value of each indicator as properties.
    private static func writeGeoJSON(store: any MonitoringStoreBackend, level: String, published: PublishedResults, rows: [PublishedResults.Row],
                                     indicators: [String], note: String, to path: String) throws {
        let areas = try store.areas(level: level, targetCRS: .crs84)
        let newest = rows.map(\.value.year).max()
        var values: [String: [String: PropertyValue]] = [:]
        for row in rows where row.value.year == newest {
            values[row.value.areaID, default: [:]][row.value.indicator] = row.suppressed != nil
                ? .text(published.marker) : row.value.value.map { .number($0) } ?? .null
        }
        let features = areas.areas.map { area in
            var properties = [Property("area_id", .text(area.id)), Property("name", .text(published.name(level: level, id: area.id)))]
            if let newest { properties.append(Property("year", .integer(Int64(newest)))) }
            for indicator in indicators {
                properties.append(Property(indicator, values[area.id]?[indicator] ?? .null))
            }
            properties.append(Property("publication", .text(note)))
            return Feature(geometry: .multiPolygon(area.geometry), properties: properties)
        }
        let collection = FeatureCollection(name: level, crs: .crs84, crsIsDeclared: false, features: features)
        try AtomicFile.write(Data(GeoJSON.encode(collection)), to: path)
    }
}
