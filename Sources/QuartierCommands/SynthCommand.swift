import ArgumentParser
import Foundation
import Quartier

/// `quartier synth`: synthetic test data.
struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate deterministic synthetic data.",
        subcommands: [City.self, Monitoring.self, Reach.self, Evaluation.self]
    )

    /// `quartier synth city`.
    struct City: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A synthetic city: areas (GeoPackage, block → Quartier → Stadtteil) and persons (CSV id,x,y,hh_id,age,sgb2).",
            discussion: """
            Writes DIR/city_areas.gpkg (layer polys: poly_id, name, quartier_id, stadtteil_id), DIR/city_persons.csv and \
            DIR/city_meta.json. Wiggly blocks forming a valid coverage, a river (no area; some blocks on both banks \
            form one MultiPolygon), holes, exclaves, clustered households at shared addresses, a few persons exactly \
            on a vertex, 3 % of addresses anywhere in the bounding box. Same seed, same bytes.
            """
        )

        @Option(help: "Number of areas (blocks).") var areas: Int
        @Option(help: "Number of persons.") var persons: Int
        @Option(help: "Seed of the generator (SplitMix64).") var seed: UInt64 = 42
        @Option(help: "Output folder.") var out: String

        func validate() throws {
            guard areas >= 1 else { throw ValidationError("--areas must be at least 1") }
            guard persons >= 0 else { throw ValidationError("--persons must not be negative") }
        }

        func run() async throws {
            let meta = try SynthCity.generate(areas: areas, persons: persons, seed: seed, folder: out)
            print(meta.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}
