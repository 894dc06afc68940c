import Foundation

/// The one gate of every test that needs a tool outside Swift (python3 with numpy/scipy/openpyxl, unzip,
/// GDAL). Locally, a missing tool skips the test visibly (`.enabled(if:)` shows it as skipped); under
/// `CI=true` the test runs anyway and `require` fails it, naming what is missing — so CI never stays
/// green because a reference check was skipped.
///
/// ```swift
/// @Test(.enabled(if: ReferenceTool.runs(python: ["scipy"]), "needs python3 with scipy"))
/// func attack() throws { try ReferenceTool.require(python: ["scipy"]); ... }
/// ```
public enum ReferenceTool {
    /// The interpreter of every reference script: Debian's `/usr/bin/python3`, which the packages of
    /// `scripts/debian-packages.txt` (python3-numpy, -scipy, -openpyxl) install into, rather than
    /// whatever `python3` comes first on `PATH` (a pyenv or venv without them); `python3` elsewhere.
    public static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    /// The venv of the PySAL `access` comparison, made by `scripts/install-deps.sh` from
    /// `scripts/reference/requirements-access.txt` (pip; not a Debian package).
    public static let accessVenv = ".build-access-venv"

    /// Its interpreter.
    public static var accessVenvPython: String { venvPython(accessVenv) }

    /// For `.enabled(if:)`: the venv imports PySAL `access` (always true under CI, where `requireAccessVenv` then fails).
    public static func runsAccessVenv() -> Bool { runsVenv(accessVenv, importing: ["access"]) }

    /// Throws (a test failure) when the venv is missing or cannot import `access`.
    public static func requireAccessVenv() throws { try requireVenv(accessVenv, importing: ["access"]) }

    /// Whether the environment says this is CI (`CI=true`).
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether `python` (see above) imports every module.
    public static func hasPython(_ modules: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", modules.map { "import \($0)" }.joined(separator: "; ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether an executable of this name is on `PATH` (or at this absolute path).
    public static func hasExecutable(_ name: String) -> Bool {
        if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    /// For `.enabled(if:)`: true when the tools are there, and always under CI (where `require` then fails).
    public static func runs(python modules: [String] = [], executables: [String] = []) -> Bool {
        isCI || missing(python: modules, executables: executables).isEmpty
    }

    /// What is missing of the tools, in words ("python3 module scipy", "executable unzip").
    public static func missing(python modules: [String] = [], executables: [String] = []) -> [String] {
        var missing: [String] = []
        for module in modules where !hasPython([module]) { missing.append("python3 module \(module)") }
        for name in executables where !hasExecutable(name) { missing.append("executable \(name)") }
        return missing
    }

    public struct Missing: Error, CustomStringConvertible {
        public var what: [String]
        public var description: String {
            "reference check cannot run, missing: \(what.joined(separator: ", ")) (install scripts/debian-packages.txt: bash scripts/install-deps.sh)"
        }
    }

    /// Throws (a test failure) naming what is missing.
    public static func require(python modules: [String] = [], executables: [String] = []) throws {
        let missing = missing(python: modules, executables: executables)
        if !missing.isEmpty { throw Missing(what: missing) }
    }
}
