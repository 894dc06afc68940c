import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMethods
import QuartierTable

/// `quartier interpolate --from OLD --to NEW --extensive EW --intensive SI --output new.csv`.
struct InterpolateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interpolate",
        abstract: "Move figures from old area boundaries to new ones, by area or by address/person weights.",
        discussion: """
        Extensive variables (counts) are split in proportion to the overlap and summed; intensive ones (rates, \
        indices) become overlap-weighted means of the sources with a value. With --points the overlap is the \
        weight of the points (addresses, persons) in both areas instead of the area. The preserved total \
        (targets vs sources) is printed for every extensive variable.
        Example: quartier interpolate --from lor_bis2020.geojson --from-id plr_id --to lor_2021.geojson --to-id plr_id \
        --extensive inhabitants --intensive status_index --output plr2021.csv
        """
    )

    @Option(help: "The source areas (old boundaries) with the variables as properties.")
    var from: String

    @Option(name: .customLong("from-id"), help: "The id property of the sources.")
    var fromID: String?

    @Option(help: "Take the source variables from this CSV file instead of the source properties, joined by id.")
    var table: String?

    @Option(name: .customLong("table-id"), help: "The id column of --table (default: the --from-id name).")
    var tableID: String?

    @Option(name: .customLong("sentinel"), parsing: .unconditionalSingleValue, help: "With --table: a number meaning missing (e.g. -9999), repeatable.")
    var sentinels: [Double] = []

    @Option(help: "The target areas (new boundaries).")
    var to: String

    @Option(name: .customLong("to-id"), help: "The id property of the targets.")
    var toID: String?

    @Option(help: "Work in this projected CRS (both area sets are transformed into it if needed).")
    var crs: String?

    @Option(help: "Extensive variables (counts), comma-separated.")
    var extensive: String = ""

    @Option(help: "Intensive variables (rates, shares, indices), comma-separated.")
    var intensive: String = ""

    @Option(help: "Extensive denominator: covered (the part of the source inside targets; total preserved, tobler's default) or source (the whole source area).")
    var denominator: String = "covered"

    @Option(help: "Weight points (GeoJSON/GeoPackage/Shapefile of points) for point-weighted interpolation.")
    var points: String?

    @Option(name: .customLong("point-weight"), help: "The property holding each point's weight (default: 1 per point).")
    var pointWeight: String?

    @Option(help: "Write target id and the interpolated variables to this CSV file.")
    var output: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func validate() throws {
        guard !(extensive.isEmpty && intensive.isEmpty) else { throw ValidationError("name at least one variable with --extensive or --intensive") }
        guard ArealInterpolation.ExtensiveDenominator(rawValue: denominator) != nil else { throw ValidationError("--denominator \(denominator): expected covered or source") }
    }

    func run() async throws {
        do {
            var timer = PhaseTimer(enabled: timings)
            var sources = try AreaSet.load(path: from, options: .init(idColumn: fromID))
            var targets = try AreaSet.load(path: to, options: .init(idColumn: toID))
            let working = crs.map(CRS.init) ?? targets.crs
            sources = try sources.inWorkingCRS(working, transform: true)
            targets = try targets.inWorkingCRS(working, transform: true)
            let names = (extensive + "," + intensive).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let table {
                let idColumn = tableID ?? fromID ?? "id"
                let csv = try Table.read(path: table, options: TableOptions(sentinels: sentinels.isEmpty ? [:] : ["*": sentinels], textColumns: [idColumn]))
                for name in names {
                    let (values, unmatched) = try sources.numbers(from: csv, idColumn: idColumn, field: name)
                    if !unmatched.isEmpty {
                        FileHandle.standardError.write(Data("note: \(unmatched.count) row(s) of \(table) match no source area (\(SpatialOutput.list(unmatched)))\n".utf8))
                    }
                    sources = sources.withProperty(name, values: values)
                }
            }
            var variables: [ArealInterpolation.Variable] = []
            for (list, kind) in [(extensive, ArealInterpolation.Kind.extensive), (intensive, .intensive)] {
                for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                    variables.append(.init(name: name, kind: kind, values: try sources.numbers(field: name)))
                }
            }
            let zone = { (a: Area) in ArealInterpolation.Zone(id: a.id, geometry: a.geometry) }
            let denominator = ArealInterpolation.ExtensiveDenominator(rawValue: denominator)!
            timer.lap("read")
            let result: ArealInterpolation.Result
            if let points {
                let weights = try ArealInterpolation.readWeightPoints(path: points, weightField: pointWeight, crs: working)
                result = try ArealInterpolation.pointWeighted(sources: sources.areas.map(zone), targets: targets.areas.map(zone),
                                                              points: weights, variables: variables, denominator: denominator)
            } else {
                result = try ArealInterpolation.areaWeighted(sources: sources.areas.map(zone), targets: targets.areas.map(zone),
                                                             variables: variables, denominator: denominator)
            }
            timer.lap("interpolate")
            if let output {
                var header = [targets.idColumn]
                for column in result.columns {
                    header.append(column.name)
                    if column.kind == .intensive { header.append("\(column.name)_coverage") }
                }
                var text = SpatialOutput.csvLine(header)
                for (t, id) in result.targetIDs.enumerated() {
                    var row = [id]
                    for column in result.columns {
                        row.append(SpatialOutput.number(column.values[t]))
                        if let coverage = column.coverage { row.append(SpatialOutput.number(coverage[t])) }
                    }
                    text += SpatialOutput.csvLine(row)
                }
                try AtomicFile.write(text, to: output)
            }
            print(json ? Self.json(result, crs: working).serialized : Self.text(result, crs: working, output: output), terminator: json ? "\n" : "")
            timer.lap("write")
        } catch {
            throw fail(error)
        }
    }

    static func json(_ r: ArealInterpolation.Result, crs: CRS) -> JSONValue {
        .object([
            ("method", .string(r.method)),
            ("crs", .string(crs.definition)),
            ("targets", .integer(Int64(r.targetIDs.count))),
            ("variables", .array(r.columns.map { c in
                .object([
                    ("name", .string(c.name)), ("kind", .string(c.kind.rawValue)),
                    ("source_total", .number(c.sourceTotal)), ("target_total", .number(c.targetTotal)),
                    ("difference", .number(c.targetTotal - c.sourceTotal)),
                    ("missing_sources", SpatialOutput.json(c.missingSources)),
                    ("values", .object(r.targetIDs.indices.map { (r.targetIDs[$0], SpatialOutput.json(c.values[$0])) })),
                ])
            })),
            ("unallocated_sources", SpatialOutput.json(r.unallocatedSources)),
            ("targets_without_sources", SpatialOutput.json(r.targetsWithoutSources)),
            ("notes", SpatialOutput.json(r.notes)),
        ])
    }

    static func text(_ r: ArealInterpolation.Result, crs: CRS, output: String?) -> String {
        var text = "\(r.method); \(r.targetIDs.count) targets, CRS \(crs.definition)\n"
        for c in r.columns {
            if c.kind == .extensive {
                text += "\(c.name) (extensive): source total \(JSONValue.format(c.sourceTotal)), target total \(JSONValue.format(c.targetTotal)), difference \(JSONValue.format(c.targetTotal - c.sourceTotal))\n"
            } else {
                text += "\(c.name) (intensive): weighted total source \(JSONValue.format(c.sourceTotal)), target \(JSONValue.format(c.targetTotal))\n"
            }
        }
        for note in r.notes { text += "note: \(note)\n" }
        if let output { text += "written: \(output)\n" }
        return text
    }
}
