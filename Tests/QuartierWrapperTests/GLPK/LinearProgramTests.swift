import Testing
@testable import QuartierGLPK

@Suite struct LinearProgramTests {
    /// max 3x + 2y  s.t.  x + y ≤ 4,  x + 3y ≤ 6,  0 ≤ x ≤ 3,  y ≥ 0.
    /// Worked by hand: the vertices are (0,0), (3,0), (3,1), (1.5,1.5), (0,2); the best is (3,1) with 11.
    func textbookLP() -> LinearProgram {
        let lp = LinearProgram(direction: .maximize)
        lp.addVariables(2)
        lp.setBounds(variable: 0, .range(0, 3))
        lp.setObjective([3, 2])
        lp.addConstraints(2)
        lp.setRow(0, [(0, 1), (1, 1)], .upper(4))
        lp.setRow(1, [(0, 1), (1, 3)], .upper(6))
        return lp
    }

    @Test func simplexFindsTheKnownOptimum() throws {
        let lp = textbookLP()
        #expect(try lp.solveSimplex() == .optimal)
        #expect(abs(lp.objectiveValue - 11) < 1e-9)
        #expect(abs(lp.value(ofVariable: 0) - 3) < 1e-9)
        #expect(abs(lp.value(ofVariable: 1) - 1) < 1e-9)
    }

    @Test func changingTheObjectiveReSolvesFromTheBasis() throws {
        let lp = textbookLP()
        try lp.solveSimplex()
        lp.setObjective([0, 1])           // max y: (0, 2)
        #expect(try lp.solveSimplex() == .optimal)
        #expect(abs(lp.objectiveValue - 2) < 1e-9)
        lp.direction = .minimize          // min y: 0
        try lp.solveSimplex()
        #expect(abs(lp.objectiveValue) < 1e-9)
    }

    @Test(arguments: [SimplexOptions(), SimplexOptions(method: .dualThenPrimal), SimplexOptions(presolve: true)])
    func infeasibleIsAStatusNotAnError(options: SimplexOptions) throws {
        let lp = LinearProgram()
        lp.addVariables(1)
        lp.addConstraints(2)
        lp.setRow(0, [(0, 1)], .lower(5))
        lp.setRow(1, [(0, 1)], .upper(3))
        #expect(try lp.solveSimplex(options) == .infeasible)
    }

    @Test func unboundedIsReported() throws {
        let lp = LinearProgram(direction: .maximize)
        lp.addVariables(2)
        lp.setObjective([1, 0])
        lp.addConstraints(1)
        lp.setRow(0, [(0, 1), (1, -1)], .fixed(0))
        #expect(try lp.solveSimplex() == .unbounded)
    }

    /// max 5a + 4b + 3c  s.t.  2a + 3b + c ≤ 5,  4a + b + 2c ≤ 11,  3a + 4b + 2c ≤ 8, integers ≥ 0
    /// (Chvátal's first example as an integer programme). Enumerated by hand: a = 2, b = 0, c = 1, value 13.
    @Test func branchAndCutFindsTheIntegerOptimum() throws {
        let lp = LinearProgram(direction: .maximize)
        lp.addVariables(3)
        for j in 0..<3 { lp.setKind(variable: j, .integer) }
        lp.setObjective([5, 4, 3])
        lp.addConstraints(3)
        lp.setRow(0, [(0, 2), (1, 3), (2, 1)], .upper(5))
        lp.setRow(1, [(0, 4), (1, 1), (2, 2)], .upper(11))
        lp.setRow(2, [(0, 3), (1, 4), (2, 2)], .upper(8))
        #expect(try lp.solveInteger() == .optimal)
        #expect(abs(lp.integerObjectiveValue - 13) < 1e-9)
        #expect(abs(lp.integerValue(ofVariable: 0) - 2) < 1e-9)
        #expect(abs(lp.integerValue(ofVariable: 2) - 1) < 1e-9)
    }

    @Test func infeasibleIntegerProgramme() throws {
        let lp = LinearProgram()
        lp.addVariables(1)
        lp.setKind(variable: 0, .integer)
        lp.addConstraints(1)
        lp.setRow(0, [(0, 2)], .fixed(3))   // 2x = 3 has no integer solution
        #expect(try lp.solveInteger() == .infeasible)
    }

    @Test func errorsCarryGLPKsMessage() {
        let error = GLPKError(operation: "simplex", code: 2, message: GLPKError.message(for: 2))
        #expect(error.description == "GLPK error 2 in simplex: singular matrix")
        #expect(!GLPK.version.isEmpty)
    }
}
