import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTable

/// `quartier aggregate`: counts person records per area.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Assign each point record to the area that contains it and count per area.",
        discussion: """
        Output: one row per area (areas without records included): the id column, n (all records), \
        then one column per --sum/--count in the order given. Counts, not rates.
        The summary (--summary JSON and one line on stderr) accounts for every record: \
        records = assigned + unassigned + on_boundary + rejected.
        Filters use the language of docs/expressions.md (as table scan and run): comparisons \
        (== != < <= > >=) of fields with numbers, two fields, or a field with a "text", 'in' ranges, \
        and/or/not and parentheses, `quoted field names`, e.g. --count kinder_sgb2='age < 15 and sgb2 == 1'. \
        A missing value (empty, suppression marker, sentinel) makes a comparison unknown: a record \
        counts only where its filter is true. The points file is read as table info reads it: \
        , ; or tab, UTF-8 or Windows-1252, quoted fields with line breaks, decimal commas.
        With --timings, prints one line PHASES {json} on stdout (seconds per phase).
        """
    )

    @Option(help: "The areas (GeoPackage, GeoJSON or Shapefile; Polygons and MultiPolygons).") var areas: String
    @Option(help: "The layer of the areas file (needed when it has several).") var layer: String?
    @Option(help: "The areas' id column (default: a column named id, else the features' own ids).") var id: String?
    @Option(help: "The point records (CSV with a header line).") var points: String
    @Option(help: "The field holding x (easting).") var x = "x"
    @Option(help: "The field holding y (northing).") var y = "y"
    @Option(help: "The points' CRS, e.g. EPSG:25832 (default: the areas' CRS); the areas are transformed into it with PROJ.") var crs: String?
    @Option(parsing: .singleValue, help: "Add a column with the sum of this numeric field (repeatable).") var sum: [String] = []
    @Option(parsing: .singleValue, help: ArgumentHelp("Add a column NAME counting the records for which FILTER holds (repeatable).", valueName: "NAME=FILTER"))
    var count: [String] = []
    @Option(help: "Boundary rule: contains (as ST_Contains: boundary points in no area) or lowest-id.") var boundary: String = BoundaryRule.contains.rawValue
    @Option(help: "The per-area table (CSV).") var out: String
    @Option(help: "The summary (JSON).") var summary: String?
    @Option(help: "Write the unassigned, on-boundary and rejected records here (CSV).") var unassigned: String?
    @Flag(help: "Stop at the first rejected record.") var strict = false
    @Flag(help: "Repair invalid areas with GEOS (GEOSMakeValid) instead of refusing them.") var repair = false
    @Option(help: "Worker threads (default: all cores). The output does not depend on it.") var threads: Int?
    @Option(help: "Force the points' encoding: utf-8 or windows-1252 (default: detected).") var encoding: String?
    @Option(help: "Force the points' delimiter: ';', ',', 'tab' or '|' (default: detected).") var delimiter: String?
    @Option(help: "Force the decimal style: point or comma (default: from the file's numbers, else comma for ';' files).") var decimal: String?
    @Option(parsing: .singleValue, help: ArgumentHelp("A sentinel value meaning 'no value' in filters (repeatable), e.g. -9999.", valueName: "VALUE"))
    var sentinel: [Double] = []
    @Flag(help: "Print one line PHASES {json} on stdout: seconds per phase (as the peers of Benchmarks/compare-peers.sh).") var timings = false

    func validate() throws {
        guard BoundaryRule(rawValue: boundary) != nil else {
            throw ValidationError("--boundary must be one of \(BoundaryRule.allCases.map(\.rawValue).joined(separator: ", ")), not '\(boundary)'")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding must be utf-8 or windows-1252, not '\(encoding)'")
        }
        if let delimiter, TableCommand.Info.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be one character or 'tab', not '\(delimiter)'")
        }
        if let decimal, DecimalStyle(rawValue: decimal) == nil {
            throw ValidationError("--decimal must be point or comma, not '\(decimal)'")
        }
        for item in count where !item.contains("=") {
            throw ValidationError("--count wants NAME=FILTER, e.g. kinder='age < 15'; got '\(item)'")
        }
    }

    func run() async throws {
        var columns: [AggregationSpec.Column] = sum.map { .sum(field: $0) }
        for item in count {
            let eq = item.firstIndex(of: "=")!
            let name = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
            do {
                columns.append(.count(name: name, filter: try RecordFilter(String(item[item.index(after: eq)...]))))
            } catch var error as FilterError {
                error.name = name
                throw ValidationError("--count \(error)")
            }
        }
        let names = ["n"] + columns.map(\.name)
        if let dup = names.enumerated().first(where: { names.firstIndex(of: $0.element) != $0.offset }) {
            throw ValidationError("column '\(dup.element)' given twice")
        }
        let spec = AggregationSpec(xField: x, yField: y, columns: columns, boundaryRule: BoundaryRule(rawValue: boundary)!,
                                   strict: strict, keepUnassigned: unassigned != nil,
                                   threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                   table: TableOptions(delimiter: delimiter.flatMap(TableCommand.Info.delimiterByte),
                                                       encoding: encoding.flatMap(TextEncoding.init(name:)),
                                                       decimalStyle: decimal.flatMap(DecimalStyle.init(rawValue:)),
                                                       sentinels: sentinel.isEmpty ? [:] : ["*": sentinel]))
        let job = AggregationJob(areasPath: areas, layer: layer, idColumn: id, pointsPath: points, pointsCRS: crs.map(CRS.init),
                                 spec: spec, outputPath: out, summaryPath: summary, unassignedPath: unassigned, repair: repair)
        let (summary, phases) = try job.run()
        FileHandle.standardError.write(Data((summary.line + "\n").utf8))
        if !phases.repairedAreas.isEmpty {
            FileHandle.standardError.write(Data("repaired \(phases.repairedAreas.count) invalid areas: \(phases.repairedAreas.prefix(10).joined(separator: ", "))\n".utf8))
        }
        guard timings else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print("PHASES " + String(decoding: try encoder.encode(phases), as: UTF8.self))
    }
}
