import Foundation

extension ReferenceTool {
    /// The venv of the evaluation's reference checks (statsmodels, `differences`, pysyncon), made by
    /// `scripts/install-deps.sh` from `scripts/reference/requirements-evaluation.txt` (pip, pinned).
    public static let evaluationVenv = ".build-evaluation-venv"

    /// Its interpreter.
    public static var evaluationVenvPython: String { venvPython(evaluationVenv) }

    /// For `.enabled(if:)`: the venv imports the packages (always true under CI, where `requireEvaluationVenv` then fails).
    public static func runsEvaluationVenv(_ modules: [String] = ["statsmodels", "differences"]) -> Bool {
        runsVenv(evaluationVenv, importing: modules)
    }

    /// Throws (a test failure) when the venv is missing or cannot import the packages.
    public static func requireEvaluationVenv(_ modules: [String] = ["statsmodels", "differences"]) throws {
        try requireVenv(evaluationVenv, importing: modules)
    }
}
