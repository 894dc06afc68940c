import CGLPK

/// A linear or mixed-integer programme held by GLPK: the one owner of a `glp_prob`.
///
/// Variables (GLPK's columns) and constraints (rows) are numbered from 0 here; the wrapper adds GLPK's 1.
///
/// ```swift
/// let lp = LinearProgram(direction: .maximize)
/// let x = lp.addVariables(2)                       // 0..<2, both ≥ 0
/// lp.setObjective([3, 2])
/// let c = lp.addConstraints(1).lowerBound
/// lp.setRow(c, [(x.lowerBound, 1), (x.lowerBound + 1, 1)], .upper(4))
/// try lp.solveSimplex()                            // objective 12 at x = (4, 0)
/// ```
///
/// **Threading.** GLPK keeps one global environment per thread (thread-local storage in the Debian build:
/// memory pool, terminal hook); a problem object belongs to the environment of the thread that created it.
/// Create, change, solve and drop a `LinearProgram` on one thread, synchronously, with no `await` in between
/// (an async task can resume on another thread). The type is therefore not `Sendable`. Different threads may
/// each use their own programmes at the same time. `glp_free_env` would free every object of the calling
/// thread, live ones included, so the wrapper never calls it; see ``GLPK/releaseThreadEnvironment()``.
public final class LinearProgram {
    /// Whether the objective is minimised or maximised.
    public enum Direction: Sendable { case minimize, maximize }

    /// The bounds of a variable or of a constraint's row activity.
    public enum Bounds: Hashable, Sendable {
        case free
        case lower(Double)
        case upper(Double)
        case range(Double, Double)
        case fixed(Double)
    }

    /// The domain of a variable.
    public enum Kind: Sendable { case continuous, integer, binary }

    let problem: OpaquePointer
    private(set) var variableCount = 0
    private(set) var constraintCount = 0

    /// Creates an empty programme and silences GLPK's terminal output for this thread.
    public init(direction: Direction = .minimize) {
        glp_term_out(GLP_OFF)
        problem = glp_create_prob()
        self.direction = direction
        glp_set_obj_dir(problem, direction == .minimize ? GLP_MIN : GLP_MAX)
    }

    deinit { glp_delete_prob(problem) }

    /// The objective direction.
    public var direction: Direction {
        didSet { glp_set_obj_dir(problem, direction == .minimize ? GLP_MIN : GLP_MAX) }
    }

    /// Adds `count` continuous variables bounded below by 0 (GLPK's default is fixed at 0; this is the
    /// common case) with objective coefficient 0, and returns their indices.
    @discardableResult
    public func addVariables(_ count: Int) -> Range<Int> {
        precondition(count >= 0)
        let first = variableCount
        guard count > 0 else { return first..<first }
        glp_add_cols(problem, Int32(count))
        variableCount += count
        for j in first..<variableCount { glp_set_col_bnds(problem, Int32(j + 1), GLP_LO, 0, 0) }
        return first..<variableCount
    }

    /// Adds `count` free constraints (rows) and returns their indices.
    @discardableResult
    public func addConstraints(_ count: Int) -> Range<Int> {
        precondition(count >= 0)
        let first = constraintCount
        guard count > 0 else { return first..<first }
        glp_add_rows(problem, Int32(count))
        constraintCount += count
        return first..<constraintCount
    }

    /// Sets the bounds of variable `j`.
    public func setBounds(variable j: Int, _ bounds: Bounds) {
        precondition(0 <= j && j < variableCount, "variable \(j) out of range")
        let (type, lower, upper) = Self.glpkBounds(bounds)
        glp_set_col_bnds(problem, Int32(j + 1), type, lower, upper)
    }

    /// Sets the bounds of constraint `i`'s activity.
    public func setBounds(constraint i: Int, _ bounds: Bounds) {
        precondition(0 <= i && i < constraintCount, "constraint \(i) out of range")
        let (type, lower, upper) = Self.glpkBounds(bounds)
        glp_set_row_bnds(problem, Int32(i + 1), type, lower, upper)
    }

    /// Sets variable `j`'s kind (continuous, integer, binary).
    public func setKind(variable j: Int, _ kind: Kind) {
        precondition(0 <= j && j < variableCount, "variable \(j) out of range")
        let value: Int32 = switch kind {
        case .continuous: GLP_CV
        case .integer: GLP_IV
        case .binary: GLP_BV
        }
        glp_set_col_kind(problem, Int32(j + 1), value)
    }

    /// Sets the objective coefficient of variable `j`.
    public func setObjective(variable j: Int, _ coefficient: Double) {
        precondition(0 <= j && j < variableCount, "variable \(j) out of range")
        glp_set_obj_coef(problem, Int32(j + 1), coefficient)
    }

    /// Sets the objective coefficients of the first `coefficients.count` variables.
    public func setObjective(_ coefficients: [Double]) {
        for (j, c) in coefficients.enumerated() { setObjective(variable: j, c) }
    }

    /// Replaces row `i` by `entries` (variable, coefficient) and sets its bounds.
    /// - Precondition: each variable appears at most once (GLPK aborts on duplicates).
    public func setRow(_ i: Int, _ entries: [(variable: Int, coefficient: Double)], _ bounds: Bounds) {
        precondition(0 <= i && i < constraintCount, "constraint \(i) out of range")
        var indices = [Int32](repeating: 0, count: entries.count + 1)
        var values = [Double](repeating: 0, count: entries.count + 1)
        var seen = Set<Int>()
        for (k, entry) in entries.enumerated() {
            precondition(0 <= entry.variable && entry.variable < variableCount, "variable \(entry.variable) out of range")
            precondition(seen.insert(entry.variable).inserted, "variable \(entry.variable) twice in row \(i)")
            indices[k + 1] = Int32(entry.variable + 1)
            values[k + 1] = entry.coefficient
        }
        glp_set_mat_row(problem, Int32(i + 1), Int32(entries.count), indices, values)
        setBounds(constraint: i, bounds)
    }

    static func glpkBounds(_ bounds: Bounds) -> (Int32, Double, Double) {
        switch bounds {
        case .free: return (GLP_FR, 0, 0)
        case .lower(let l): return (GLP_LO, l, 0)
        case .upper(let u): return (GLP_UP, 0, u)
        case .range(let l, let u):
            precondition(l <= u, "empty range \(l)…\(u)")
            return l == u ? (GLP_FX, l, u) : (GLP_DB, l, u)
        case .fixed(let v): return (GLP_FX, v, v)
        }
    }
}

/// The handle belongs to one thread's GLPK environment (see ``LinearProgram``).
@available(*, unavailable)
extension LinearProgram: Sendable {}

/// Facts about the linked GLPK library.
public enum GLPK {
    /// GLPK's version string, e.g. `"5.0"`.
    public static var version: String { String(cString: glp_version()) }

    /// Frees the calling thread's GLPK environment (`glp_free_env`).
    ///
    /// Only call this when no ``LinearProgram`` created on this thread is still alive: GLPK frees all of the
    /// thread's objects with it. Useful at the end of a worker thread that is about to exit.
    public static func releaseThreadEnvironment() { _ = glp_free_env() }
}
