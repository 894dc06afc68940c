import QuartierGLPK

/// The mixed-integer programme that protects one sensitive cell in one direction within a set of constraints:
/// find a deviation d of the table (Σ d over each constraint's parts = d of its total, x + d ≥ 0) that moves the
/// sensitive cell by its protection level while every published cell it touches is paid for by suppressing it.
///
/// This is the per-cell "network flow" / cover model of Kelly, Golden & Assad (1992), "Cell suppression:
/// disclosure protection for sensitive tabular data", *Networks* 22, and the attacker-subproblem view of
/// Fischetti & Salazar-González (2000), JASA 95(451): a pattern is safe for the cell in that direction exactly
/// when such a deviation exists with d = 0 on published cells. Deviations are scaled by the protection level,
/// so the sensitive cell moves by 1 and every cell by at most 1 (on ±1 tables a minimal pattern is a flow of
/// that size, which keeps the big-M at 1). Suppressed cells deviate for free; published ones cost their weight.
///
/// One model is built per subtable and reused for all of its sensitive cells (only bounds and costs change).
/// Create, use and drop it on one thread (GLPK's environment is per thread).
final class ProtectionModel {
    enum Direction { case up, down }
    /// In `open` mode (HiTaS subtables) cells may deviate even when they also sit in constraints outside the
    /// set; in `closed` mode such cells stay fixed, so a solution is a deviation of the whole table.
    enum Mode { case open, closed }

    let cells: [Int]
    private var local: [Int: Int] = [:]
    private let program = LinearProgram()
    private let values: [Double]
    private let frozen: [Bool]
    private(set) var mipsSolved = 0
    private(set) var checksSolved = 0

    init(table: DisclosureTable, constraints: [Int], constraintsByCell: [[Int]], mode: Mode) {
        let inSet = Set(constraints)
        var cells: [Int] = []
        for k in constraints {
            let c = table.constraints[k]
            for cell in [c.total] + c.parts where local[cell] == nil {
                local[cell] = cells.count
                cells.append(cell)
            }
        }
        self.cells = cells
        values = cells.map { table.cells[$0].value }
        frozen = cells.map { cell in mode == .closed && !constraintsByCell[cell].allSatisfy(inSet.contains) }
        program.addVariables(3 * cells.count)
        for j in cells.indices {
            program.setKind(variable: 3 * j + 2, .binary)
            if frozen[j] {
                program.setBounds(variable: 3 * j, .fixed(0))
                program.setBounds(variable: 3 * j + 1, .fixed(0))
            }
        }
        let additivityRows = program.addConstraints(constraints.count)
        for (r, k) in zip(additivityRows, constraints) {
            let c = table.constraints[k]
            var coefficients: [Int: Double] = [:]
            coefficients[local[c.total]!, default: 0] += 1
            for part in c.parts { coefficients[local[part]!, default: 0] -= 1 }
            var entries: [(variable: Int, coefficient: Double)] = []
            for (j, a) in coefficients.sorted(by: { $0.key < $1.key }) where a != 0 {
                entries.append((3 * j, a))
                entries.append((3 * j + 1, -a))
            }
            program.setRow(r, entries, .fixed(0))
        }
        let linkRows = program.addConstraints(2 * cells.count)
        for j in cells.indices {
            program.setRow(linkRows.lowerBound + 2 * j, [(3 * j, 1), (3 * j + 2, -1)], .upper(0))
            program.setRow(linkRows.lowerBound + 2 * j + 1, [(3 * j + 1, 1), (3 * j + 2, -1)], .upper(0))
        }
    }

    /// Suppresses cell `i` (of the table) in the model: it may deviate for free.
    /// - Parameters:
    ///   - status: the current pattern.
    ///   - weight: the cost of suppressing each published cell of the table.
    func protect(_ i: Int, _ direction: Direction, amount: Double, status: [CellStatus], weight: (Int) -> Double,
                 timeLimit: Int?) throws -> [Int]? {
        guard let target = local[i], amount > 0 else { return [] }
        // Bounds for this cell and amount: deviations are in units of `amount`.
        for j in cells.indices where !frozen[j] {
            let cell = cells[j]
            let down = min(values[j] / amount, 1)
            program.setBounds(variable: 3 * j, .range(0, 1))
            program.setBounds(variable: 3 * j + 1, .range(0, down))
            if status[cell].isSuppressed {
                program.setBounds(variable: 3 * j + 2, .fixed(1))
                program.setObjective(variable: 3 * j + 2, 0)
            } else {
                program.setBounds(variable: 3 * j + 2, .fixed(0))
                program.setObjective(variable: 3 * j + 2, weight(cell))
            }
        }
        if frozen[target] { return nil }
        program.setBounds(variable: 3 * target, .fixed(direction == .up ? 1 : 0))
        program.setBounds(variable: 3 * target + 1, .fixed(direction == .down ? 1 : 0))
        if direction == .down && values[target] / amount < 1 - 1e-12 { return nil }
        // Already protected? The same model with every published cell fixed (an LP).
        checksSolved += 1
        if try program.solveSimplex(SimplexOptions(method: .dualThenPrimal)) == .optimal { return [] }
        for j in cells.indices where !frozen[j] && !status[cells[j]].isSuppressed {
            program.setBounds(variable: 3 * j + 2, .range(0, 1))
        }
        mipsSolved += 1
        let outcome = try program.solveInteger(IntegerOptions(timeLimit: timeLimit))
        guard outcome == .optimal || outcome == .feasible else { return nil }
        var added: [Int] = []
        for j in cells.indices where !frozen[j] && !status[cells[j]].isSuppressed {
            if program.integerValue(ofVariable: 3 * j) + program.integerValue(ofVariable: 3 * j + 1) > 1e-7 {
                added.append(cells[j])
            }
        }
        return added
    }
}
