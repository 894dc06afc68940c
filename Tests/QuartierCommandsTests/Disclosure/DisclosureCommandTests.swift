import ArgumentParser
import Foundation
import Testing
import QuartierBase
import QuartierTestSupport
@testable import QuartierCommands

@Suite struct DisclosureCommandTests {
    /// Flensburg `arbeitslose_18_65` 2018–2022 per Stadtteil and year with the city rows, as a TABLE file,
    /// with a rate column (per 1,000 inhabitants) that must be suppressed with its count.
    static func flensburgTable(in folder: URL) throws -> String {
        let text = try String(contentsOf: TestPaths.shared("flensburg-2022/flensburg_stadtteile_kennzahlen.csv"), encoding: .utf8)
        var rows: [String] = []
        var city: [String: (Int, Int)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let year = Int(f[0]), (2018...2022).contains(year), let population = Int(f[2]), let count = Int(f[3]) else { continue }
            rows.append("st\(f[1]),\(year),\(count),\(population),Flensburg,\(String(format: "%.1f", 1000 * Double(count) / Double(population))),\"\(f[5])\"")
            city[String(year), default: (0, 0)].0 += count
            city[String(year), default: (0, 0)].1 += population
        }
        for (year, (count, population)) in city.sorted(by: { $0.key < $1.key }) {
            rows.append("Flensburg,\(year),\(count),\(population),,\(String(format: "%.1f", 1000 * Double(count) / Double(population))),Flensburg")
        }
        let path = folder.appendingPathComponent("flensburg.csv").path
        try ("area,group,value,population,parent,rate,name\n" + rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func rules(in folder: URL, _ text: String) throws -> String {
        let path = folder.appendingPathComponent("rules.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Raised thresholds (all Flensburg Stadtteile have > 3,000 inhabitants): population 4,000 catches Altstadt,
    /// counts up to 60 catch Tarup.
    static let flensburgRules = """
    [primary]
    minimum_population = 4000
    small_count_limit = 60
    [output]
    suppress_with = ["rate"]
    """

    @Test func applyThenAuditOnFlensburg() async throws {
        let folder = try TestPaths.temporaryFolder()
        let table = try Self.flensburgTable(in: folder)
        let rules = try Self.rules(in: folder, Self.flensburgRules)
        let out = folder.appendingPathComponent("published.csv").path
        let protected = folder.appendingPathComponent("protected.csv").path
        let footnote = folder.appendingPathComponent("footnote.txt").path
        try await InProcessCLI.run(["disclosure", "apply", "--rules", rules, table, "--out", out, "--protected", protected, "--footnote", footnote])

        let published = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(published[0] == ["area", "group", "value", "population", "parent", "rate", "name"])
        let altstadt = published.filter { $0[0] == "st1" }
        #expect(altstadt.count == 5)
        for row in altstadt { #expect(row[2] == "." && row[5] == ".") }     // population rule, rate with it
        let suppressed = published.dropFirst().filter { $0[2] == "." }
        #expect(suppressed.count > altstadt.count)                          // secondary cells too
        for row in published.dropFirst() { #expect(!row[2].isEmpty && (row[2] == "." || Double(row[2]) != nil)) }

        try await InProcessCLI.run(["disclosure", "audit", "--rules", rules, protected, "--intervals", folder.appendingPathComponent("i.csv").path])
        try await InProcessCLI.run(["disclosure", "audit", "--rules", rules, out])
        let intervals = try String(contentsOfFile: folder.appendingPathComponent("i.csv").path, encoding: .utf8)
        #expect(intervals.hasPrefix("area,group,status,value,lower,upper,required_lower,required_upper,exposed\n"))
        #expect(!intervals.contains(",yes\n"))
        #expect(try String(contentsOfFile: footnote, encoding: .utf8).contains("weniger als 4000 Einwohnerinnen"))

    }

    /// Whether the attack can run; always under CI=true, where the test then fails naming what is missing.
    static let scipy: Bool = ReferenceTool.runs(python: ["scipy.optimize", "numpy"])

    /// The protected file of `apply` attacked by scripts/reference/disclosure_attack.py (scipy's linprog):
    /// `python3 scripts/reference/disclosure_attack.py protected.csv`.
    @Test(.enabled(if: scipy, "needs python3 with scipy"))
    func anIndependentAttackOnTheProtectedFile() async throws {
        try ReferenceTool.require(python: ["scipy.optimize", "numpy"])
        let folder = try TestPaths.temporaryFolder()
        let rules = try Self.rules(in: folder, Self.flensburgRules)
        let out = folder.appendingPathComponent("published.csv").path
        let protected = folder.appendingPathComponent("protected.csv").path
        try await InProcessCLI.run(["disclosure", "apply", "--rules", rules, try Self.flensburgTable(in: folder), "--out", out, "--protected", protected])
        let suppressed = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").filter { $0.split(separator: ",")[2] == "." }.count
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/reference/disclosure_attack.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ReferenceTool.python, script, protected]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("cells=\(suppressed) exposed=0 "))
    }

    @Test func sameInputSameBytes() async throws {
        let folder = try TestPaths.temporaryFolder()
        let table = try Self.flensburgTable(in: folder)
        let rules = try Self.rules(in: folder, Self.flensburgRules + "\nrounding = 5\n")
        var outputs: [Data] = []
        for k in 0..<2 {
            let out = folder.appendingPathComponent("p\(k).csv").path
            try await InProcessCLI.run(["disclosure", "apply", "--rules", rules, table, "--out", out])
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1])
        let rows = String(decoding: outputs[0], as: UTF8.self).split(separator: "\n").dropFirst()
        for row in rows {
            let value = row.split(separator: ",")[2]
            #expect(value == "." || Int(value)! % 5 == 0)
        }
    }

    /// A table whose cells do not add up is refused at the first total that does not (line 4 here: the city's
    /// 2021 row, before the 2022 row which is wrong too).
    @Test func aTableThatDoesNotAddUpIsRefused() async throws {
        let folder = try TestPaths.temporaryFolder()
        let table = folder.appendingPathComponent("bad.csv").path
        try """
        area,group,value,parent
        A,2021,3,city
        B,2021,4,city
        city,2021,8,
        A,2022,1,city
        B,2022,1,city
        city,2022,3,
        """.write(toFile: table, atomically: true, encoding: .utf8)
        let rules = try Self.rules(in: folder, "")
        let error = await #expect(throws: InputError.self) {
            try await InProcessCLI.run(["disclosure", "apply", "--rules", rules, table, "--out", folder.appendingPathComponent("o.csv").path])
        }
        #expect(error?.location.line == 4)
        #expect(error?.location.field == "value")
        #expect(error?.description.contains("the sum of its parts, 7 (lines 2, 3)") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("o.csv").path))
    }

    @Test(arguments: [
        ("[primary]\nsmall_count_limt = 3\n", "primary.small_count_limt"),
        ("[secondary]\ncost = \"money\"\n", "secondary.cost"),
        ("[output]\nmarker = \"0\"\n", "output.marker"),
        ("[protection]\nlower = -1\n", "protection.lower"),
        ("[rounding]\nbase = 5\n", "rounding"),
    ])
    func badRulesAreRefusedByKey(text: String, field: String) async throws {
        let folder = try TestPaths.temporaryFolder()
        let rules = try Self.rules(in: folder, text)
        let error = await #expect(throws: InputError.self) {
            try await InProcessCLI.run(["disclosure", "audit", "--rules", rules, try Self.flensburgTable(in: folder)])
        }
        #expect(error?.location.field == field)
    }

    @Test func auditFailsOnAnExposedCell() async throws {
        let folder = try TestPaths.temporaryFolder()
        let table = folder.appendingPathComponent("exposed.csv").path
        try """
        area,group,value,parent,status
        A,x,1,city,primary
        B,x,9,city,published
        city,x,10,,published
        """.write(toFile: table, atomically: true, encoding: .utf8)
        await #expect(throws: ExitCode(1)) {
            try await InProcessCLI.run(["disclosure", "audit", table])
        }
    }
}
