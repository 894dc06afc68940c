import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMethods

/// `quartier neighbours AREAS --rule queen [--snap 1] [--gal out.gal]`: contiguity from area polygons.
struct NeighboursCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours",
        abstract: "Find queen or rook neighbours of areas, report islands, write GAL (GeoDa/PySAL).",
        discussion: """
        Without --snap, neighbours share a vertex (queen) or a pair of consecutive vertices (rook) with exactly \
        equal coordinates, as libpysal's Queen/Rook.from_dataframe. --snap D treats vertices within D (CRS units) \
        as shared, so areas separated by a digitising sliver are neighbours (spdep's snap). --json uses libpysal's \
        names (n, neighbors, islands, nonzero, mean_neighbors).
        Example: quartier neighbours lor_planungsraeume_2021_epsg25833.geojson --id plr_id --rule rook --gal plr.gal
        """
    )

    @OptionGroup var areas: SpatialAreaOptions
    @OptionGroup var contiguity: ContiguityOptions

    @Option(help: "Write the neighbours in GAL format to this file.")
    var gal: String?

    @Flag(help: "Print JSON (with every area's neighbours) instead of a summary.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func run() async throws {
        do {
            var timer = PhaseTimer(enabled: timings)
            let set = try areas.load()
            timer.lap("read")
            let w = try set.contiguity(rule: contiguity.rule, snap: contiguity.snap)
            timer.lap("neighbours")
            if let gal {
                try AtomicFile.write(w.galText(shapefile: URL(fileURLWithPath: areas.file).lastPathComponent, idVariable: set.idColumn), to: gal)
            }
            let islands = w.islands.map { w.ids[$0] }
            if json {
                let value = JSONValue.object([
                    ("criterion", .string(contiguity.rule.rawValue)),
                    ("method", .string(contiguity.description)),
                    ("snap", SpatialOutput.json(contiguity.snap)),
                    ("crs", .string(set.crs.definition)),
                    ("n", .integer(Int64(w.count))),
                    ("nonzero", .integer(Int64(w.nonZero))),
                    ("mean_neighbors", .number(w.meanNeighbours)),
                    ("islands", SpatialOutput.json(islands)),
                    ("neighbors", .object(w.ids.indices.map { (w.ids[$0], SpatialOutput.json(w.neighbours[$0].map { w.ids[$0] })) })),
                ])
                print(value.serialized)
            } else {
                var text = "\(w.count) areas, \(contiguity.description)\n"
                text += "neighbour pairs: \(w.nonZero / 2), mean neighbours: \(String(format: "%.3f", w.meanNeighbours)), max: \(w.neighbours.map(\.count).max() ?? 0)\n"
                text += "islands (areas without neighbours): \(islands.count)\(islands.isEmpty ? "" : " (\(SpatialOutput.list(islands)))")\n"
                if !islands.isEmpty, contiguity.snap == nil {
                    text += "hint: islands from digitising slivers or gaps join their neighbours with --snap (e.g. --snap 1 for 1 m in a metric CRS)\n"
                }
                if let gal { text += "written: \(gal)\n" }
                print(text, terminator: "")
            }
            timer.lap("write")
        } catch {
            throw fail(error)
        }
    }
}
