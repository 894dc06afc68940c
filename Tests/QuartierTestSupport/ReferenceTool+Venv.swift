import Foundation

extension ReferenceTool {
    /// The interpreter of a pip venv that `scripts/install-deps.sh` makes beside Package.swift
    /// (`.build-evaluation-venv` for statsmodels, differences and pysyncon).
    public static func venvPython(_ venv: String) -> String {
        TestPaths.packageRoot.appendingPathComponent("\(venv)/bin/python").path
    }

    /// For `.enabled(if:)`: the venv imports every module (always true under CI, where `requireVenv` fails).
    public static func runsVenv(_ venv: String, importing modules: [String]) -> Bool {
        isCI || venvImports(venv, modules)
    }

    /// Throws (a test failure) when the venv is missing or cannot import a module, naming both.
    public static func requireVenv(_ venv: String, importing modules: [String]) throws {
        if !venvImports(venv, modules) {
            throw Missing(what: ["\(modules.joined(separator: ", ")) in \(venvPython(venv)) (bash scripts/install-deps.sh)"])
        }
    }

    static func venvImports(_ venv: String, _ modules: [String]) -> Bool {
        let python = venvPython(venv)
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", modules.map { "import \($0)" }.joined(separator: "; ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
