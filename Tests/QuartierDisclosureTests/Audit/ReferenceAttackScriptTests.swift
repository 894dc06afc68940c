import Foundation
import QuartierTestSupport
import Testing

/// The independent attacker (scripts/reference/disclosure_attack.py) must fail loudly, never report "not
/// exposed", when it cannot do its job: a table that does not add up, or a programme that is not solved to
/// optimality (here: published cells that no non-negative suppressed values can complete). And it must find an
/// exposure that is there, and bound a cell whose total is suppressed too (no unbounded programme).
@Suite(.enabled(if: ReferenceAttack.available, "needs python3 with scipy"))
struct ReferenceAttackScriptTests {
    static func attack(_ table: String, _ extra: [String] = []) throws -> (status: Int32, output: String) {
        try ReferenceTool.require(python: ["scipy.optimize", "numpy"])
        let file = try TestPaths.temporaryFolder().appendingPathComponent("t.csv")
        try table.write(to: file, atomically: true, encoding: .utf8)
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/reference/disclosure_attack.py").path
        return try ReferenceAttack.run([ReferenceTool.python, script, file.path] + extra)
    }

    /// Total T = a + b + c; a (= 1) suppressed with b (= 4): protected (each can move by 1).
    static let safe = "area,group,value,status,parent\nT,,10,published,\na,,1,primary,T\nb,,4,secondary,T\nc,,5,published,T\n"

    @Test(arguments: [false, true])
    func aProtectedTableRunsAndIsNotExposed(integer: Bool) throws {
        let result = try Self.attack(Self.safe, integer ? ["--integer"] : [])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("cells=2 exposed=0"))
    }

    @Test func aSingleSuppressedPartIsExposed() throws {
        let table = "area,group,value,status,parent\nT,,10,published,\na,,1,primary,T\nb,,4,published,T\nc,,5,published,T\n"
        let result = try Self.attack(table)
        #expect(result.status == 0)
        #expect(result.output.contains("EXPOSED a,,1,1,1"))
        #expect(result.output.contains("exposed=1"))
    }

    @Test func aTableThatDoesNotAddUpFails() throws {
        let table = Self.safe.replacingOccurrences(of: "T,,10,", with: "T,,11,")
        let result = try Self.attack(table)
        #expect(result.status == 2)
        #expect(result.output.contains("does not add up"))
        #expect(!result.output.contains("exposed=0"))
    }

    /// Adds up (−3 + 2 + 2 = 1), but the suppressed a + b = −1 has no solution in counts ≥ 0: the programme is
    /// infeasible — a failure, never "not exposed".
    @Test(arguments: [false, true])
    func anUnsolvedProgrammeFails(integer: Bool) throws {
        let table = "area,group,value,status,parent\nT,,1,published,\na,,-3,primary,T\nb,,2,secondary,T\nc,,2,published,T\n"
        let result = try Self.attack(table, integer ? ["--integer"] : [])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("FAILED"))
        #expect(!result.output.contains("exposed="))
    }

    /// The top total suppressed too: the attacker's cap bounds every cell, and the pattern stays protected.
    @Test func aSuppressedTopTotalIsBounded() throws {
        let table = Self.safe.replacingOccurrences(of: "T,,10,published", with: "T,,10,secondary")
        let result = try Self.attack(table)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("cells=3 exposed=0"))
    }
}
