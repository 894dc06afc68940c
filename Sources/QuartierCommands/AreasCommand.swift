import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry

/// `quartier areas`: inspect and check area sets (GeoPackage, GeoJSON, Shapefile).
struct AreasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Inspect and check area sets (GeoPackage, GeoJSON, Shapefile).",
        subcommands: [Info.self, Check.self]
    )
}

/// Flags shared by the areas subcommands.
struct AreaFileOptions: ParsableArguments {
    @Argument(help: "The area file: .gpkg, .geojson/.json or .shp.")
    var file: String

    @Option(help: "The GeoPackage layer (table), when the file has several.")
    var layer: String?

    @Option(name: .customLong("source-crs"), help: "Use this CRS instead of the file's declaration (e.g. EPSG:25833).")
    var sourceCRS: String?
}

/// Prints an error the way every command does and exits with status 1.
func fail(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("quartier: \(error)\n".utf8))
    return ExitCode(1)
}
