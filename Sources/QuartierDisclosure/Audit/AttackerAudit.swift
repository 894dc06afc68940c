import QuartierGLPK

/// The interval an attacker can derive for one suppressed cell from the published cells and the table's
/// constraints, and what protection required.
public struct CellInterval: Sendable, Hashable {
    public var cell: Int
    /// The attacker's smallest feasible value.
    public var lower: Double
    /// The attacker's largest feasible value (`.infinity` when unbounded).
    public var upper: Double
    /// The bound the attacker's lower bound had to reach (x − lower level), `nil` when true values are unknown.
    public var requiredLower: Double?
    /// The bound the attacker's upper bound had to reach (x + upper level), `nil` when true values are unknown.
    public var requiredUpper: Double?
    public var exposed: Bool

    public var width: Double { upper - lower }
}

/// The result of an audit: every suppressed cell's interval, in cell order.
public struct AuditReport: Sendable {
    public var intervals: [CellInterval]
    public var exposed: [CellInterval] { intervals.filter(\.exposed) }
    /// Number of linear programmes solved.
    public var linearProgramsSolved: Int
}

/// The attacker's audit: for every suppressed cell, the minimum and the maximum of its value subject to every
/// published value, every additivity constraint and non-negativity (two LPs per cell).
///
/// Source: Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley, §4.3.1 ("the feasibility
/// interval … computed by solving two linear programming problems"); Fischetti & Salazar-González (2000),
/// "Models and algorithms for optimizing cell suppression in tabular data with linear constraints",
/// JASA 95(451), attacker subproblems. Published cells are substituted as constants; the suppressed cells
/// fall into independent components (union-find over shared constraints); each component is one GLPK problem,
/// and its 2·n solves differ only in the objective, so the primal simplex restarts from the previous optimal
/// basis (warm start). Linked tables need no special case: both systems' constraints are in one model, so
/// differencing the two is exactly what the LP does.
public enum AttackerAudit {
    /// How a cell counts as exposed.
    public enum Knowledge: Sendable {
        /// The auditor knows the true values and the status: a primary cell is exposed when its interval does not
        /// reach x − lower or x + upper. Secondary cells are publishable values; their intervals are reported
        /// but never exposed.
        case trueValues
        /// Only the publication is known (every suppressed cell looks alike): a cell is exposed when its interval
        /// is narrower than the upper protection level (which covers exact disclosure, width 0).
        case publicationOnly
    }

    /// Audits `status` on `table`.
    /// - Parameters:
    ///   - tolerance: slack for floating-point LP results.
    ///   - restrictedTo: when given, only the components holding one of these cells are solved (the report then
    ///     lists only their cells).
    ///   - constraintsByCell: ``DisclosureTable/constraintsByCell()``, precomputed; with `restrictedTo` it lets
    ///     the audit search only the affected components instead of the whole table.
    /// - Throws: ``GLPKError`` when GLPK fails.
    public static func audit(
        _ table: DisclosureTable, status: [CellStatus], protection: ProtectionLevels,
        knowledge: Knowledge = .trueValues, tolerance: Double = 1e-6, restrictedTo: Set<Int>? = nil,
        constraintsByCell: [[Int]]? = nil
    ) throws -> AuditReport {
        precondition(status.count == table.cells.count)
        let suppressed = table.cells.indices.filter { status[$0].isSuppressed }
        var column = [Int](repeating: -1, count: table.cells.count)
        for (k, i) in suppressed.enumerated() { column[i] = k }
        var componentCells: [Int: [Int]] = [:]
        var componentConstraints: [Int: [Int]] = [:]
        var roots: [Int]
        if let restrictedTo, let constraintsByCell {
            // Only the cells reachable from `restrictedTo` through constraints with suppressed cells: a breadth-
            // first search, so the cost follows the component, not the table.
            var seen = Set<Int>(), seenConstraints = Set<Int>()
            var queue = restrictedTo.filter { status[$0].isSuppressed }.sorted()
            seen.formUnion(queue)
            var head = 0
            while head < queue.count {
                let cell = queue[head]
                head += 1
                for k in constraintsByCell[cell] where seenConstraints.insert(k).inserted {
                    let c = table.constraints[k]
                    for m in [c.total] + c.parts where status[m].isSuppressed && seen.insert(m).inserted { queue.append(m) }
                }
            }
            componentCells[0] = queue.sorted().map { column[$0] }
            componentConstraints[0] = seenConstraints.sorted()
            roots = queue.isEmpty ? [] : [0]
        } else {
            // Components of suppressed cells linked by a constraint (union-find).
            var parent = Array(suppressed.indices)
            func find(_ a: Int) -> Int {
                var a = a
                while parent[a] != a { parent[a] = parent[parent[a]]; a = parent[a] }
                return a
            }
            var relevant: [Int] = []
            for (k, constraint) in table.constraints.enumerated() {
                let members = ([constraint.total] + constraint.parts).compactMap { column[$0] >= 0 ? column[$0] : nil }
                guard let first = members.first else { continue }
                relevant.append(k)
                for m in members.dropFirst() { parent[find(m)] = find(first) }
            }
            for k in suppressed.indices { componentCells[find(k), default: []].append(k) }
            for k in relevant {
                let c = table.constraints[k]
                let first = ([c.total] + c.parts).first { column[$0] >= 0 }!
                componentConstraints[find(column[first]), default: []].append(k)
            }
            roots = componentCells.keys.sorted()
            if let restrictedTo {
                let wanted = Set(restrictedTo.compactMap { column[$0] >= 0 ? find(column[$0]) : nil })
                roots = roots.filter(wanted.contains)
            }
        }

        var intervals = [CellInterval?](repeating: nil, count: suppressed.count)
        var solved = 0
        for root in roots {
            let members = componentCells[root]!
            var local = [Int: Int]()
            for (v, k) in members.enumerated() { local[k] = v }
            let lp = LinearProgram()
            lp.addVariables(members.count)
            let rows = componentConstraints[root] ?? []
            lp.addConstraints(rows.count)
            for (r, k) in rows.enumerated() {
                let c = table.constraints[k]
                var coefficients: [Int: Double] = [:]
                var rhs = 0.0
                for (cell, sign) in [(c.total, 1.0)] + c.parts.map({ ($0, -1.0) }) {
                    if column[cell] >= 0 { coefficients[local[column[cell]]!, default: 0] += sign }
                    else { rhs -= sign * table.cells[cell].value }
                }
                lp.setRow(r, coefficients.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, .fixed(rhs))
            }
            var previous: Int?
            for (v, k) in members.enumerated() {
                if let previous { lp.setObjective(variable: previous, 0) }
                lp.setObjective(variable: v, 1)
                previous = v
                lp.direction = .minimize
                let low = try solve(lp, &solved)
                lp.direction = .maximize
                let high = try solve(lp, &solved)
                let i = suppressed[k]
                intervals[k] = judge(cell: i, lower: low, upper: high, table: table, protection: protection,
                                     knowledge: knowledge, tolerance: tolerance, sensitive: status[i] != .secondary)
            }
        }
        return AuditReport(intervals: intervals.compactMap { $0 }, linearProgramsSolved: solved)
    }

    private static func solve(_ lp: LinearProgram, _ solved: inout Int) throws -> Double {
        solved += 1
        var status = try lp.solveSimplex()
        if status == .undefined || status == .feasible { status = try lp.solveSimplex(SimplexOptions(presolve: true)) }
        switch status {
        case .optimal: return lp.objectiveValue
        case .unbounded: return lp.direction == .maximize ? .infinity : -.infinity
        default:
            // The published table itself is the attacker's feasible point, so this means inconsistent input.
            throw DisclosureError.inconsistentPublication
        }
    }

    static func judge(cell i: Int, lower: Double, upper: Double, table: DisclosureTable, protection: ProtectionLevels,
                      knowledge: Knowledge, tolerance: Double, sensitive: Bool) -> CellInterval {
        switch knowledge {
        case .trueValues:
            let x = table.cells[i].value
            let needLow = x - protection.lowerAmount(for: x)
            let needHigh = x + protection.upperAmount(for: x)
            let exposed = sensitive && (lower > needLow + tolerance || upper < needHigh - tolerance)
            return CellInterval(cell: i, lower: lower, upper: upper, requiredLower: needLow, requiredUpper: needHigh, exposed: exposed)
        case .publicationOnly:
            let exposed = upper - lower < protection.upper - tolerance
            return CellInterval(cell: i, lower: lower, upper: upper, requiredLower: nil, requiredUpper: nil, exposed: exposed)
        }
    }
}
