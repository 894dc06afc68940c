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

    /// Runs `scripts/reference/SCRIPT` with `python` and `arguments`; its standard output. A script that
    /// fails throws, with its standard error in the message.
    public static func runScript(_ script: String, python: String, arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [TestPaths.packageRoot.appendingPathComponent("scripts/reference/\(script)").path] + arguments
        // Standard error into a file, so that neither stream can fill its pipe and stall the script.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("quartier-reference-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw ScriptFailure(script: script, message: "cannot create \(errors.path) for its standard error")
        }
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw ScriptFailure(script: script, message: message) }
        return data
    }

    /// A reference script that exited with an error.
    public struct ScriptFailure: Error, CustomStringConvertible {
        public var script: String
        public var message: String
        public var description: String { "reference script \(script) failed: \(message)" }
    }
}
