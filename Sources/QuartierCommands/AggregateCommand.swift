import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry

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
        Filters: comparisons (== != < <= > >=) of fields with numbers or 'text', joined by and/or/not \
        and parentheses, e.g. --count kinder_sgb2='age < 15 and sgb2 == 1'. An empty field compares false.
        Also prints one line PHASES {json} on stdout (seconds per phase).
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

    func validate() throws {
        guard BoundaryRule(rawValue: boundary) != nil else {
            throw ValidationError("--boundary must be one of \(BoundaryRule.allCases.map(\.rawValue).joined(separator: ", ")), not '\(boundary)'")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
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
            } catch let error as FilterSyntaxError {
                throw ValidationError("--count \(name): \(error)")
            }
        }
        let names = ["n"] + columns.map(\.name)
        if let dup = names.enumerated().first(where: { names.firstIndex(of: $0.element) != $0.offset }) {
            throw ValidationError("column '\(dup.element)' given twice")
        }
        let spec = AggregationSpec(xField: x, yField: y, columns: columns, boundaryRule: BoundaryRule(rawValue: boundary)!,
                                   strict: strict, keepUnassigned: unassigned != nil,
                                   threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let job = AggregationJob(areasPath: areas, layer: layer, idColumn: id, pointsPath: points, pointsCRS: crs.map(CRS.init),
                                 spec: spec, outputPath: out, summaryPath: summary, unassignedPath: unassigned, repair: repair)
        let (summary, phases) = try job.run()
        FileHandle.standardError.write(Data((summary.line + "\n").utf8))
        if !phases.repairedAreas.isEmpty {
            FileHandle.standardError.write(Data("repaired \(phases.repairedAreas.count) invalid areas: \(phases.repairedAreas.prefix(10).joined(separator: ", "))\n".utf8))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print("PHASES " + String(decoding: try encoder.encode(phases), as: UTF8.self))
    }
}
