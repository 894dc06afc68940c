import QuartierGLPK

/// What secondary suppression did.
public struct SecondarySuppressionResult: Sendable {
    /// The final pattern.
    public var status: [CellStatus]
    /// Cells suppressed by this step.
    public var secondaryCount: Int { status.filter { $0 == .secondary }.count }
    /// Passes over the subtables until none added a cell (HiTaS backtracking).
    public var passes: Int
    /// Cells that the whole-table repair protected after the modular passes.
    public var repairs: Int
    /// Secondary cells published again by the cleanup because the pattern was safe without them.
    public var removedByCleanup: Int
    /// Sensitive cells that no pattern of this table can protect (e.g. a total with a single part that is
    /// itself fixed by another published total); the audit reports them as exposed.
    public var unprotectable: [Int]
    /// Mixed-integer programmes solved, and LP checks that made one unnecessary.
    public var mipsSolved: Int
    public var checksSolved: Int
}

/// Secondary cell suppression: chooses further cells to suppress so that every primary cell keeps an
/// attacker interval reaching its protection levels, at least information loss (a named ``SuppressionCost``).
///
/// Method: the modular approach of HiTaS (de Wolf 2002, "HiTaS: a heuristic approach to cell suppression in
/// hierarchical tables", in *Inference Control in Statistical Databases*, LNCS 2316; tau-Argus "Modular"):
/// the table is cut into subtables (one parent area and its children × all groups), processed from the top of
/// the hierarchy down; in each, every sensitive cell (primary, or suppressed in a higher subtable) is
/// protected in both directions by the cheapest set of cells, found by a small MIP per cell and direction
/// (``ProtectionModel``: Kelly, Golden & Assad 1992; Fischetti & Salazar-González 2000) solved with GLPK.
/// Cells already decided in a higher subtable are discouraged (×1000 cost); a subtable is visited again when
/// a later one suppressed one of its cells, until no subtable changes. Because subtables ignore the rest of
/// the table, the pattern is then audited on the whole table (``AttackerAudit``), and any exposed cell is
/// repaired by the same MIP on a closed, growing neighbourhood (every cell that may deviate has all its
/// constraints in the model, so the repair is exact). Last, a cleanup publishes again each secondary cell,
/// costliest first, whose removal leaves every primary cell of its component protected (the redundancy elimination of Kelly, Golden & Assad 1992 and tau-Argus).
///
/// GLPK was chosen because Debian ships it as a C library with a stable API, its simplex warm-starts from
/// the previous basis (the audit's 2·n LPs), and its branch-and-cut solves the small per-cell MIPs in
/// milliseconds; COIN-OR CBC would add a C++ dependency for no gain at this size.
public enum SecondarySuppression {
    /// Runs secondary suppression on `status` (primary cells marked `.primary`; cells already marked
    /// `.secondary`, e.g. a baseline pattern, are kept as a start and may be removed by the cleanup).
    ///
    /// - Complexity: one small MIP per sensitive cell and direction that its subtable does not already protect,
    ///   one LP check per sensitive cell and direction per pass, then one restricted audit per secondary cell.
    /// - Parameters:
    ///   - marginPenalty: factor on the cost of cells already fixed by a higher subtable.
    ///   - timeLimit: per-MIP time limit in milliseconds for the subtables; `nil` (default) = none, so that the
    ///     pattern never depends on the machine's speed (same input, same bytes out).
    ///   - repairTimeLimit: per-MIP limit of the whole-table repair, whose neighbourhoods can grow to the whole
    ///     table; the best pattern found is kept, and when none is found the neighbourhood grows. Only a repair
    ///     that reaches this limit can make the result depend on timing.
    public static func apply(
        to table: DisclosureTable, status primary: [CellStatus], rules: DisclosureRules,
        marginPenalty: Double = 1000, timeLimit: Int? = nil, repairTimeLimit: Int = 10_000, maximumPasses: Int = 20,
        cleanup: Bool = true
    ) throws -> SecondarySuppressionResult {
        var status = primary
        let byCell = table.constraintsByCell()
        var firstSubtable = [Int](repeating: Int.max, count: table.cells.count)
        for (s, subtable) in table.subtables.enumerated() {
            for k in subtable {
                let c = table.constraints[k]
                for cell in [c.total] + c.parts { firstSubtable[cell] = min(firstSubtable[cell], s) }
            }
        }
        let levels = rules.protection
        var mips = 0, checks = 0, passes = 0
        // Which subtables hold each cell: a new suppression only sends those back for another look.
        var subtablesOfCell = [[Int]](repeating: [], count: table.cells.count)
        for (s, subtable) in table.subtables.enumerated() {
            var seen = Set<Int>()
            for k in subtable {
                let c = table.constraints[k]
                for cell in [c.total] + c.parts where seen.insert(cell).inserted { subtablesOfCell[cell].append(s) }
            }
        }
        var pending = [Bool](repeating: true, count: table.subtables.count)
        while pending.contains(true) && passes < maximumPasses {
            passes += 1
            var next = [Bool](repeating: false, count: table.subtables.count)
            for (s, subtable) in table.subtables.enumerated() where pending[s] {
                let model = ProtectionModel(table: table, constraints: subtable, constraintsByCell: byCell, mode: .open)
                defer { mips += model.mipsSolved; checks += model.checksSolved }
                let weight: (Int) -> Double = { cell in
                    let w = table.cells[cell].cost(rules)
                    return firstSubtable[cell] < s ? w * marginPenalty : w
                }
                // HiTaS: primary cells, and cells suppressed in a higher subtable (this subtable's margins).
                var sensitive = model.cells.filter { status[$0] == .primary || (status[$0] == .secondary && firstSubtable[$0] < s) }
                sensitive.sort { (-levels.upperAmount(for: table.cells[$0].value), $0) < (-levels.upperAmount(for: table.cells[$1].value), $1) }
                for i in sensitive {
                    let x = table.cells[i].value
                    for (direction, amount) in [(ProtectionModel.Direction.up, levels.upperAmount(for: x)),
                                                (.down, levels.lowerAmount(for: x))] {
                        guard let added = try model.protect(i, direction, amount: amount, status: status,
                                                            weight: weight, timeLimit: timeLimit) else { continue }
                        for cell in added where !status[cell].isSuppressed {
                            status[cell] = .secondary
                            // Later subtables see it in this pass; this and earlier ones in the next (HiTaS backtracking).
                            for t in subtablesOfCell[cell] {
                                if t > s { pending[t] = true } else { next[t] = true }
                            }
                        }
                    }
                }
            }
            pending = next
        }
        // Whole-table audit and exact repair.
        var repairs = 0
        var unprotectable: [Int] = []
        var given = Set<Int>()
        for _ in 0..<maximumPasses {
            let report = try AttackerAudit.audit(table, status: status, protection: levels)
            let exposed = report.exposed.filter { !given.contains($0.cell) }
            if exposed.isEmpty { break }
            for interval in exposed {
                let i = interval.cell
                let x = table.cells[i].value
                var needs: [(ProtectionModel.Direction, Double)] = []
                if interval.upper < interval.requiredUpper! - 1e-6 { needs.append((.up, levels.upperAmount(for: x))) }
                if interval.lower > interval.requiredLower! + 1e-6 { needs.append((.down, levels.lowerAmount(for: x))) }
                var protected = true
                for (direction, amount) in needs {
                    if let added = try repair(i, direction, amount: amount, table: table, byCell: byCell,
                                              status: status, rules: rules, timeLimit: repairTimeLimit, mips: &mips, checks: &checks) {
                        for cell in added { status[cell] = .secondary }
                    } else {
                        protected = false
                    }
                }
                if protected { repairs += 1 } else { unprotectable.append(i); given.insert(i) }
            }
        }
        // Cleanup: publish again every secondary cell the pattern does not need.
        var removed = 0
        if cleanup {
            let unsafe = Set(unprotectable)
            let order = table.cells.indices.filter { status[$0] == .secondary }
                .sorted { (table.cells[$0].cost(rules), $0) > (table.cells[$1].cost(rules), $1) }
            for s in order {
                status[s] = .published
                var neighbours = Set<Int>()
                for k in byCell[s] {
                    let c = table.constraints[k]
                    for cell in [c.total] + c.parts where status[cell].isSuppressed { neighbours.insert(cell) }
                }
                let report = try AttackerAudit.audit(table, status: status, protection: levels, restrictedTo: neighbours,
                                                      constraintsByCell: byCell)
                if report.intervals.contains(where: { $0.exposed && !unsafe.contains($0.cell) }) {
                    status[s] = .secondary
                } else {
                    removed += 1
                }
            }
        }
        return SecondarySuppressionResult(status: status, passes: passes, repairs: repairs, removedByCleanup: removed,
                                          unprotectable: unprotectable.sorted(), mipsSolved: mips, checksSolved: checks)
    }

    /// Protects cell `i` in one direction on growing closed neighbourhoods: the constraints of `i`, then of
    /// every cell in them, and so on up to the whole table.
    static func repair(_ i: Int, _ direction: ProtectionModel.Direction, amount: Double, table: DisclosureTable,
                       byCell: [[Int]], status: [CellStatus], rules: DisclosureRules, timeLimit: Int,
                       mips: inout Int, checks: inout Int) throws -> [Int]? {
        var constraints = Set(byCell[i])
        var seenCells: Set<Int> = [i]
        while true {
            let model = ProtectionModel(table: table, constraints: constraints.sorted(), constraintsByCell: byCell, mode: .closed)
            let added = try model.protect(i, direction, amount: amount, status: status,
                                          weight: { table.cells[$0].cost(rules) }, timeLimit: timeLimit)
            mips += model.mipsSolved
            checks += model.checksSolved
            // A pattern that needs a must-publish cell is kept only when the whole table offers no other:
            // a wider neighbourhood may protect the cell through cells further away.
            var fallback: [Int]?
            if let added {
                if !added.contains(where: { table.cells[$0].mustPublish }) { return added }
                fallback = added
            }
            // Grow by one ring.
            var next: [Int] = []
            for k in constraints {
                let c = table.constraints[k]
                for cell in [c.total] + c.parts where seenCells.insert(cell).inserted { next.append(cell) }
            }
            let before = constraints.count
            for cell in next { constraints.formUnion(byCell[cell]) }
            if constraints.count == before { return fallback }
        }
    }
}

extension DisclosureCell {
    /// The cost of suppressing this cell under `rules`; a cell that must be published (a total published
    /// elsewhere, such as the city's) costs 10⁶ times as much, so it is chosen only when nothing else protects.
    func cost(_ rules: DisclosureRules) -> Double {
        let w = rules.cost.weight(of: value)
        return mustPublish ? w * 1e3 : w
    }
}
