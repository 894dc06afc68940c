import ArgumentParser
import Foundation
import QuartierEvaluation
import QuartierEvaluationReport

/// `quartier evaluate`: did the funded Quartiere develop differently from comparable ones?
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Funded areas against comparable ones: 2 × 2 DiD, Callaway & Sant'Anna with event study, two-way FE, matched and comparable areas, synthetic control.",
        discussion: """
          Reads the evaluation SPEC (TOML: a monitoring spec and level, or a panel CSV of counts; the
          indicators; the funded areas from the project register or [[funded]]; pre/post windows; methods).
          Prints every estimate with its 95 % interval and what it can and cannot show; writes into OUT
          evaluation.txt, evaluation.html (the report section: estimates, event-study chart, balance,
          statements), estimates.csv, balance.csv and matches.csv (and synthetic_control.csv with
          --synthetic-control AREA). Only estimates, intervals and area ids
          are printed, never an area's count.
          """)

    @Argument(help: "The evaluation spec (TOML).") var spec: String
    @Option(help: "Output folder (default: 'evaluation' beside the spec).") var out: String?
    @Option(name: .customLong("synthetic-control"), help: "A funded area to compare with its synthetic control (ADH 2010), with in-space placebos.")
    var syntheticControl: String?
    @Option(name: .customLong("donor-pool"), help: "How many never-funded areas, the closest before the start, form the synthetic control's donor pool (default 50).")
    var donorPool = 50
    @Option(name: .customLong("placebo-fit-limit"), help: "Leave out placebos whose pre-period RMSPE exceeds this multiple of the funded area's (default: keep all).")
    var placeboFitLimit: Double?

    func run() async throws {
        let evaluationSpec = try EvaluationSpec(path: spec)
        let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let (panel, warnings) = try EvaluationPanel.load(evaluationSpec, log: log)
        var evaluation = Evaluation(panel: panel, options: Evaluation.Options(
            pre: evaluationSpec.pre, post: evaluationSpec.post, methods: evaluationSpec.methods, neighbours: evaluationSpec.neighbours,
            caliper: evaluationSpec.caliper, tolerance: evaluationSpec.tolerance), warnings: warnings)
        if let syntheticControl {
            try evaluation.addSyntheticControl(area: syntheticControl, donorPool: donorPool, maximumPreRMSPEMultiple: placeboFitLimit, source: spec)
        }
        let folder = out ?? URL(fileURLWithPath: spec).deletingLastPathComponent().appendingPathComponent("evaluation").path
        var files = try evaluation.write(folder: folder)
        files.append(try EvaluationReport.write(evaluation, title: URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent, folder: folder))
        print(evaluation.text(), terminator: "")
        for file in files { FileHandle.standardError.write(Data("wrote \(file)\n".utf8)) }
    }
}
