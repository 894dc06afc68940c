import Foundation

extension ReferenceTool {
    /// The interpreter of the evaluation's reference checks (statsmodels, `differences`, pysyncon): the
    /// venv `scripts/install-deps.sh` makes from `scripts/reference/requirements-evaluation.txt` (pip, pinned).
    public static var evaluationVenvPython: String { TestPaths.packageRoot.appendingPathComponent(".build-evaluation-venv/bin/python").path }

    /// For `.enabled(if:)`: the venv imports the packages (always true under CI, where `requireEvaluationVenv` then fails).
    public static func runsEvaluationVenv(_ modules: [String] = ["statsmodels", "differences"]) -> Bool { isCI || hasEvaluationVenv(modules) }

    /// Throws (a test failure) when the venv is missing or cannot import the packages.
    public static func requireEvaluationVenv(_ modules: [String] = ["statsmodels", "differences"]) throws {
        if !hasEvaluationVenv(modules) {
            throw Missing(what: ["\(modules.joined(separator: ", ")) in \(evaluationVenvPython) (bash scripts/install-deps.sh)"])
        }
    }

    static func hasEvaluationVenv(_ modules: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: evaluationVenvPython) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: evaluationVenvPython)
        process.arguments = ["-c", modules.map { "import \($0)" }.joined(separator: "; ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
