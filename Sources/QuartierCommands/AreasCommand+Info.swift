import ArgumentParser
import Quartier
import QuartierGeometry

extension AreasCommand {
    /// `quartier areas info FILE [--layer L]`.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show features, CRS, bounding box, geometry types and properties of an area file.",
            discussion: "Example: quartier areas info lor_planungsraeume_2021_epsg25833.geojson"
        )

        @OptionGroup var input: AreaFileOptions

        func run() async throws {
            do {
                let file = try FeatureFile.read(path: input.file, layer: input.layer, crsOverride: input.sourceCRS.map(CRS.init))
                print(FeatureFileSummary(file).text, terminator: "")
            } catch {
                throw fail(error)
            }
        }
    }
}
