import ArgumentParser
import Foundation
import Quartier
import QuartierBase

/// `quartier index --spec FILE [--input FILE] --out FILE.csv`: a composite index from a spec.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Compute a composite index (Berlin MSS, English IMD, weighted z-sum, Townsend, Carstairs) from a TOML spec.",
        discussion: """
            Writes, for every area (invalid ones marked with their reason, not dropped), the id, every \
            intermediate (z-values, sums, transformed domains), the index, its rank (1 = most disadvantaged) \
            and its class. Specs for Berlin MSS 2013-2021 and the English IMD 2019 ship in Data/.
            """)

    @Option(help: "The index spec (TOML).") var spec: String
    @Option(help: "The input table (default: the spec's `input`, relative to the spec file).") var input: String?
    @Option(help: "The output CSV.") var out: String
    @Option(help: ArgumentHelp("Compute this many times (for --timing).", visibility: .hidden)) var `repeat`: Int = 1
    @Flag(help: ArgumentHelp("Print the compute time (median over --repeat runs), excluding reading and writing.", visibility: .hidden))
    var timing = false

    func validate() throws {
        guard self.repeat >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() async throws {
        let indexSpec = try IndexSpec.load(path: spec)
        let (inputs, inputPath) = try IndexInputs.read(spec: indexSpec, specPath: spec, input: input)
        var durations: [Duration] = []
        var computation = try IndexComputation(spec: indexSpec, inputs: inputs)
        for _ in 0..<self.repeat {
            let clock = ContinuousClock()
            let start = clock.now
            computation = try IndexComputation(spec: indexSpec, inputs: inputs)
            durations.append(clock.now - start)
        }
        try computation.write(to: out)
        let valid = computation.rows.filter { $0.count > 1 && $0[1] == .text("yes") }.count
        print("\(indexSpec.method.rawValue): \(inputs.ids.count) areas from \(inputPath)\(indexSpec.validity == nil ? "" : ", \(valid) valid") → \(out)")
        if timing {
            let sorted = durations.sorted()
            let median = sorted[sorted.count / 2]
            let milliseconds = median.inSeconds * 1e3
            print(String(format: "timing: compute %.4f ms (median of %d runs, excluding reading and writing)", milliseconds, self.repeat))
        }
    }
}
