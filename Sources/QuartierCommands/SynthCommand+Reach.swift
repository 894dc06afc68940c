import ArgumentParser
import QuartierReach

extension SynthCommand {
    /// `quartier synth reach`.
    struct Reach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A project register and participant lists for a synthetic monitoring (quartier synth monitoring).",
            discussion: "Writes projekte.toml and teilnehmende.csv beside SPEC; add [reach] projects = \"projekte.toml\" to the spec.")

        @Argument(help: "The synthetic monitoring's spec.") var spec: String
        @Option(help: "Seed of the generator.") var seed: UInt64 = 42

        func run() async throws {
            for file in try ReachDemo.generate(specPath: spec, seed: seed) { print(file) }
        }
    }
}
