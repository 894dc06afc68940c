import ArgumentParser
import QuartierEvaluation

extension SynthCommand {
    /// `quartier synth evaluation`.
    struct Evaluation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A synthetic panel with a planted effect for quartier evaluate.",
            discussion: """
              Writes OUT/panel.csv (counts per area and year), OUT/foerderung.csv (funded areas and start years) and \
              OUT/evaluation.toml. The funded areas' sgb2_kinder rate falls by --effect percentage points from their \
              start (three start years); every area follows the city trend; other indicators have no effect. Same seed, same bytes.
              """)

        @Option(help: "Number of areas.") var areas: Int = 400
        @Option(help: "Years, FIRST-LAST.") var years: String = "2010-2024"
        @Option(help: "Number of indicators (the first carries the effect).") var indicators: Int = 3
        @Option(help: "The planted effect on sgb2_kinder in percentage points.") var effect: Double = -3
        @Option(help: "Seed of the generator.") var seed: UInt64 = 42
        @Option(help: "Output folder.") var out: String

        func validate() throws {
            guard areas >= 10 else { throw ValidationError("--areas must be at least 10") }
            guard indicators >= 1 else { throw ValidationError("--indicators must be at least 1") }
            let parts = years.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[1] - parts[0] >= 5 else { throw ValidationError("--years takes FIRST-LAST, at least 6 years, not '\(years)'") }
        }

        func run() async throws {
            let parts = years.split(separator: "-").compactMap { Int($0) }
            let options = SyntheticEvaluation.Options(areas: areas, years: parts[0]...parts[1], indicators: indicators, effect: effect, seed: seed)
            for file in try SyntheticEvaluation.write(options, folder: out) { print(file) }
        }
    }
}
