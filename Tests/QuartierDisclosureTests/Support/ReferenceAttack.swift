import Foundation
import QuartierDisclosure
import QuartierTestSupport

/// Runs scripts/reference/disclosure_attack.py (scipy's linprog, HiGHS) on a protected table.
enum ReferenceAttack {
    struct Outcome { var cells: Int; var exposed: Int; var minimumWidth: Double }

    /// Whether python3 with scipy is available; tests that need it are skipped (and reported as skipped) when not.
    /// Under CI=true always true, and `attack` then fails naming what is missing (ReferenceTool).
    static let available: Bool = ReferenceTool.runs(python: ["scipy.optimize", "numpy"])

    /// Writes `protected` in the TABLE format (area, group, value, status, parent) with the true values and
    /// attacks it. Command: `python3 scripts/reference/disclosure_attack.py FILE --lower L --upper U`.
    static func attack(_ protected: ProtectedTable, links: [AreaLink]) throws -> Outcome {
        try ReferenceTool.require(python: ["scipy.optimize", "numpy"])
        let parent = Dictionary(links.filter { $0.system.isEmpty }.map { ($0.child, $0.parent) }, uniquingKeysWith: { a, _ in a })
        let systems = Array(Set(links.map(\.system).filter { !$0.isEmpty })).sorted()
        var byArea: [String: [String: String]] = [:]
        for link in links where !link.system.isEmpty { byArea[link.child, default: [:]][link.system] = link.parent }
        var text = "area,group,value,status,parent" + systems.map { ",parent_\($0)" }.joined() + "\n"
        for (i, cell) in protected.table.cells.enumerated() {
            text += "\(cell.area),\(cell.group),\(Footnote.formatValue(cell.value)),\(protected.status[i].rawValue),\(parent[cell.area] ?? "")"
            for system in systems { text += ",\(byArea[cell.area]?[system] ?? "")" }
            text += "\n"
        }
        let folder = try TestPaths.temporaryFolder()
        let file = folder.appendingPathComponent("protected.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let levels = protected.rules.protection
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/reference/disclosure_attack.py").path
        // Both attackers: the LP relaxation and the integer one (milp); the worse outcome counts.
        var outcomes: [Outcome] = []
        for integer in [false, true] {
            let result = try run([ReferenceTool.python, script, file.path, "--lower", "\(levels.lower)", "--upper", "\(levels.upper)",
                                  "--relative", "\(levels.relative)"] + (integer ? ["--integer"] : []))
            // A programme that was not solved (exit 2) is a failure, never "not exposed".
            guard result.status == 0, let last = result.output.split(separator: "\n").last else {
                throw AttackFailed(output: result.output)
            }
            var fields: [String: String] = [:]
            for pair in last.split(separator: " ") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
            }
            outcomes.append(Outcome(cells: Int(fields["cells"] ?? "") ?? -1, exposed: Int(fields["exposed"] ?? "") ?? -1,
                                    minimumWidth: Double(fields["min_width"] ?? "") ?? .nan))
        }
        return Outcome(cells: outcomes[0].cells == outcomes[1].cells ? outcomes[0].cells : -1,
                       exposed: outcomes.map(\.exposed).max()!, minimumWidth: outcomes.map(\.minimumWidth).min()!)
    }

    struct AttackFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "the reference attack did not run to the end: \(output)" }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
