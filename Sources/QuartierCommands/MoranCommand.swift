import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMethods

/// `quartier moran AREAS --field F [--local]`: global and local Moran's I.
struct MoranCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moran",
        abstract: "Test whether an indicator clusters in space: global Moran's I and local Moran (LISA).",
        discussion: """
        Weights: contiguity of the areas (--rule, --snap) or a GAL file (--weights), row-standardised by default \
        (--transform r|b). p_norm and p_rand are two-tailed; p_sim = (M+1)/(R+1) from --permutations random \
        permutations with --seed. --json uses esda's names (I, EI, VI_norm, z_norm, p_norm, VI_rand, z_rand, \
        p_rand, p_sim; with --local Is, q, p_sim per area). Areas without a value are left out with --drop-missing.
        Example: quartier moran plr.geojson --id plr_id --field S4 --local --output lisa.csv
        """
    )

    @OptionGroup var areas: SpatialAreaOptions
    @OptionGroup var contiguity: ContiguityOptions

    @Option(help: "The numeric property to test.")
    var field: String

    @Option(help: "Read the neighbours from this GAL file instead of building them from the polygons.")
    var weights: String?

    @Option(help: "Weights: r (row-standardised, esda's default) or b (binary).")
    var transform: WeightsTransform = .rowStandardised

    @Option(help: "The number of random permutations (0 for none).")
    var permutations: Int = 999

    @Option(help: "The seed of the permutations.")
    var seed: UInt64 = 12345

    @Flag(help: "Also compute local Moran (LISA) per area.")
    var local = false

    @Option(help: "With --local: the significance level for the cluster map (applied to the FDR q-value).")
    var alpha: Double = 0.05

    @Option(help: "With --local: write id,value,Is,q,quadrant,p_sim,p_fdr,p_bonferroni,cluster to this CSV file.")
    var output: String?

    @Flag(name: .customLong("drop-missing"), help: "Leave out areas without a value (else they are an error).")
    var dropMissing = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func validate() throws {
        guard permutations >= 0 else { throw ValidationError("--permutations \(permutations): expected 0 or more") }
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha \(alpha): expected a number between 0 and 1") }
    }

    func run() async throws {
        do {
            var timer = PhaseTimer(enabled: timings)
            let set = try areas.load(fields: [field])
            let (kept, values, missing) = try set.requiringNumbers(field: field)
            if !missing.isEmpty && !dropMissing {
                throw InputError(InputLocation(file: areas.file, field: field), found: "\(missing.count) area(s) without a value (\(SpatialOutput.list(missing)))",
                                 expected: "a value for every area, or --drop-missing to leave them out")
            }
            timer.lap("read")
            var w: SpatialWeights
            let weightsSource: String
            if let weights {
                let gal = try SpatialWeights(galText: String(contentsOfFile: weights, encoding: .utf8), source: weights)
                w = try gal.restricted(to: kept.ids, source: weights)
                weightsSource = "GAL file \(weights)"
            } else {
                w = try kept.contiguity(rule: contiguity.rule, snap: contiguity.snap)
                weightsSource = contiguity.description
            }
            w = w.transformed(transform)
            timer.lap("weights")
            let global = try GlobalMoran.compute(values, weights: w, permutations: permutations, seed: seed)
            timer.lap("moran")
            var lisa: LocalMoran?
            if local {
                lisa = try LocalMoran.compute(values, weights: w, permutations: permutations, seed: seed)
                timer.lap("local moran")
            }
            if let output, let lisa {
                var text = SpatialOutput.csvLine(["id", field, "Is", "q", "quadrant", "p_sim", "p_fdr", "p_bonferroni", "cluster"])
                for i in 0..<w.count {
                    text += SpatialOutput.csvLine([w.ids[i], SpatialOutput.number(values[i]), SpatialOutput.number(lisa.Is[i]),
                                                   lisa.q[i].map { String($0.rawValue) } ?? "", lisa.q[i]?.description ?? "no neighbours",
                                                   SpatialOutput.number(lisa.p_sim[i]), SpatialOutput.number(lisa.p_fdr[i]),
                                                   SpatialOutput.number(lisa.p_bonferroni[i]), Self.cluster(lisa, i, alpha)])
                }
                try AtomicFile.write(text, to: output)
            }
            let islands = w.islands.map { w.ids[$0] }
            if json {
                var members: [(String, JSONValue)] = [
                    ("field", .string(field)), ("weights", .string(weightsSource)), ("transform", .string(transform.rawValue)),
                    ("n", .integer(Int64(global.n))), ("I", .number(global.I)), ("EI", .number(global.EI)),
                    ("VI_norm", .number(global.VI_norm)), ("z_norm", .number(global.z_norm)), ("p_norm", .number(global.p_norm)),
                    ("VI_rand", .number(global.VI_rand)), ("z_rand", .number(global.z_rand)), ("p_rand", .number(global.p_rand)),
                    ("two_tailed", .bool(global.tails == .two)),
                    ("permutations", .integer(Int64(permutations))), ("seed", .integer(Int64(bitPattern: seed))),
                    ("p_sim", SpatialOutput.json(global.permutation?.p_sim)), ("EI_sim", SpatialOutput.json(global.permutation?.EI_sim)),
                    ("seI_sim", SpatialOutput.json(global.permutation?.seI_sim)), ("z_sim", SpatialOutput.json(global.permutation?.z_sim)),
                    ("islands", SpatialOutput.json(islands)), ("missing", SpatialOutput.json(missing)),
                ]
                if let lisa {
                    members.append(("local", .object([
                        ("ids", SpatialOutput.json(lisa.ids)),
                        ("Is", .array(lisa.Is.map { .number($0) })),
                        ("q", .array(lisa.q.map { $0.map { .integer(Int64($0.rawValue)) } ?? .null })),
                        ("p_sim", .array(lisa.p_sim.map(SpatialOutput.json))),
                        ("p_fdr", .array(lisa.p_fdr.map(SpatialOutput.json))),
                        ("p_bonferroni", .array(lisa.p_bonferroni.map(SpatialOutput.json))),
                    ])))
                }
                print(JSONValue.object(members).serialized)
            } else {
                var text = "Moran's I of \(field) over \(global.n) areas; weights: \(weightsSource), \(transform == .rowStandardised ? "row-standardised" : "binary")\n"
                text += "I = \(JSONValue.format(global.I)), E[I] = \(JSONValue.format(global.EI))\n"
                text += "normality:     Var = \(JSONValue.format(global.VI_norm)), z = \(JSONValue.format(global.z_norm)), p = \(Self.p(global.p_norm)) (two-tailed)\n"
                text += "randomisation: Var = \(JSONValue.format(global.VI_rand)), z = \(JSONValue.format(global.z_rand)), p = \(Self.p(global.p_rand)) (two-tailed)\n"
                if let p = global.permutation {
                    text += "permutations:  \(p.permutations) (seed \(p.seed)), p_sim = \(JSONValue.format(p.p_sim)), mean \(JSONValue.format(p.EI_sim)), SD \(JSONValue.format(p.seI_sim))\n"
                }
                if !islands.isEmpty { text += "islands (no neighbours, lag 0): \(islands.count) (\(SpatialOutput.list(islands)))\n" }
                if !missing.isEmpty { text += "left out (no value): \(missing.count) (\(SpatialOutput.list(missing)))\n" }
                if let lisa {
                    var counts: [String: Int] = [:]
                    for i in 0..<w.count { counts[Self.cluster(lisa, i, alpha), default: 0] += 1 }
                    text += "local Moran, clusters at FDR q ≤ \(JSONValue.format(alpha)): " + ["HH", "LL", "LH", "HL", "not significant", "no neighbours"].map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ") + "\n"
                }
                if let output { text += "written: \(output)\n" }
                print(text, terminator: "")
            }
            timer.lap("write")
        } catch {
            throw fail(error)
        }
    }

    /// A normal p-value as text; one below the smallest double prints as such instead of 0.
    static func p(_ value: Double) -> String {
        value == 0 ? "< 1e-300 (below Double's range)" : JSONValue.format(value)
    }

    /// The cluster-map label: the quadrant when the FDR q-value is at most alpha.
    static func cluster(_ lisa: LocalMoran, _ i: Int, _ alpha: Double) -> String {
        guard let q = lisa.q[i] else { return "no neighbours" }
        guard let fdr = lisa.p_fdr[i] else { return "not tested" }
        return fdr <= alpha ? q.description : "not significant"
    }
}
