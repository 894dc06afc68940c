import ArgumentParser
import Foundation
import Quartier

extension SynthCommand {
    /// `quartier synth monitoring`.
    struct Monitoring: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A synthetic city monitoring: blocks, persons for several years and a commented monitoring spec.",
            discussion: "Writes DIR/city_areas.gpkg, DIR/persons_YEAR.csv and DIR/monitoring.toml; then run `quartier run DIR/monitoring.toml`.")

        @Option(help: "Number of areas (blocks).") var areas: Int = 300
        @Option(help: "Number of persons per year.") var persons: Int = 30_000
        @Option(help: "Years, e.g. 2019-2023.") var years: String = "2019-2023"
        @Option(help: "Seed of the generator (SplitMix64).") var seed: UInt64 = 42
        @Option(help: "Output folder.") var out: String

        func validate() throws {
            guard areas >= 1 else { throw ValidationError("--areas must be at least 1") }
            guard persons >= 0 else { throw ValidationError("--persons must not be negative") }
            guard Self.range(years) != nil else { throw ValidationError("--years must be FIRST-LAST, e.g. 2019-2023, not '\(years)'") }
        }

        static func range(_ text: String) -> ClosedRange<Int>? {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] <= parts[1], parts[1] - parts[0] < 50 else { return nil }
            return parts[0]...parts[1]
        }

        func run() async throws {
            let spec = try SynthMonitoring.generate(areas: areas, persons: persons, years: Self.range(years)!, seed: seed, folder: out)
            print(spec)
        }
    }
}
