import ArgumentParser
import Quartier
import QuartierGeometry

extension AreasCommand {
    /// `quartier areas check FILE [--id COL] [--parent COL ...] [--crs CRS] [--repair] [--json]`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an area set: invalid geometries, duplicate ids, overlaps, gaps, hierarchy and nesting.",
            discussion: """
            Exits with status 1 when it finds a problem. Overlaps, gaps and nesting are measured in m² and need a \
            projected CRS: for a file in degrees, give --crs (e.g. EPSG:25832).
            Example: quartier areas check plr.geojson --id plr_id --parent bzr_id --parent pgr_id --parent bez_id
            """
        )

        @OptionGroup var input: AreaFileOptions

        @Option(help: "The id column (default: a property named id, else the features' own ids).")
        var id: String?

        @Option(help: "The name column (default: name, or <id without _id>_name).")
        var name: String?

        @Option(help: "A parent id column, lowest level first; repeat for each level (e.g. --parent bzr_id --parent bez_id).")
        var parent: [String] = []

        @Option(name: .customLong("parent-file"), help: "The areas of the first parent level, to check that children lie inside their parent.")
        var parentFile: String?

        @Option(name: .customLong("parent-id"), help: "The id column of --parent-file (default: the first --parent column).")
        var parentID: String?

        @Option(name: .customLong("parent-layer"), help: "The GeoPackage layer of --parent-file.")
        var parentLayer: String?

        @Option(help: "Project to this CRS before checking (needed for files in degrees).")
        var crs: String?

        @Option(help: "Ignore overlaps and gaps of at most this many m².")
        var tolerance: Double = 0.01

        @Flag(help: "Repair invalid geometries (GEOS MakeValid) for the area checks.")
        var repair = false

        @Flag(name: .customLong("no-area-checks"), help: "Skip overlaps, gaps and nesting (no projected CRS needed).")
        var noAreaChecks = false

        @Flag(help: "Print the report as JSON.")
        var json = false

        func validate() throws {
            guard tolerance >= 0 else { throw ValidationError("--tolerance must be 0 or more") }
            if parentFile != nil, parent.isEmpty { throw ValidationError("--parent-file needs --parent naming the children's parent id column") }
        }

        func run() async throws {
            let report: AreaCheckReport
            do {
                let target = crs.map(CRS.init)
                let options = AreaSet.LoadOptions(layer: input.layer, idColumn: id, nameColumn: name, parentColumns: parent,
                                                  sourceCRS: input.sourceCRS.map(CRS.init), targetCRS: target)
                let areas = try AreaSet.load(path: input.file, options: options)
                var parents: AreaSet?
                if let parentFile {
                    parents = try AreaSet.load(path: parentFile, options: AreaSet.LoadOptions(layer: parentLayer, idColumn: parentID ?? parent[0]))
                }
                report = try areas.check(AreaSet.CheckOptions(tolerance: tolerance, repair: repair, areaChecks: !noAreaChecks, parentAreas: parents))
                print(json ? try report.json() : report.text(), terminator: "")
            } catch {
                throw fail(error)
            }
            if report.problemCount > 0 { throw ExitCode(1) }
        }
    }
}
