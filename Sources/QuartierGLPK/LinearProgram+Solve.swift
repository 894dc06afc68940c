import CGLPK

/// The status of a solution, as `glp_get_status` / `glp_mip_status` report it.
public enum SolutionStatus: Sendable, Hashable {
    case optimal, feasible, infeasible, unbounded, undefined
}

/// Parameters of the simplex method (a subset of `glp_smcp`).
public struct SimplexOptions: Sendable {
    /// Which simplex variant to use.
    public enum Method: Sendable { case primal, dual, dualThenPrimal }
    public var method: Method = .primal
    /// GLPK's LP presolver; off by default so that the basis of the previous solve is reused (warm start).
    public var presolve = false
    /// Time limit in milliseconds; `nil` = none.
    public var timeLimit: Int? = nil
    public init(method: Method = .primal, presolve: Bool = false, timeLimit: Int? = nil) {
        self.method = method
        self.presolve = presolve
        self.timeLimit = timeLimit
    }
}

/// Parameters of the branch-and-cut solver (a subset of `glp_iocp`).
public struct IntegerOptions: Sendable {
    /// Relative MIP gap at which the search stops (0 = prove optimality).
    public var relativeGap = 0.0
    /// Time limit in milliseconds; `nil` = none. Reaching it keeps the best solution found, if any.
    public var timeLimit: Int? = nil
    /// Mixed-integer rounding, Gomory and cover cuts.
    public var cuts = false
    public init(relativeGap: Double = 0, timeLimit: Int? = nil, cuts: Bool = false) {
        self.relativeGap = relativeGap
        self.timeLimit = timeLimit
        self.cuts = cuts
    }
}

extension LinearProgram {
    /// Solves the LP relaxation with GLPK's simplex method (`glp_simplex`), warm-started from the current basis.
    ///
    /// - Returns: the status of the basic solution: `.optimal`, `.infeasible` (no feasible point) or `.unbounded`.
    /// - Throws: ``GLPKError`` when GLPK fails (singular basis, iteration or time limit).
    @discardableResult
    public func solveSimplex(_ options: SimplexOptions = SimplexOptions()) throws -> SolutionStatus {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = options.presolve ? GLP_ON : GLP_OFF
        parm.meth = switch options.method {
        case .primal: GLP_PRIMAL
        case .dual: GLP_DUAL
        case .dualThenPrimal: GLP_DUALP
        }
        if let limit = options.timeLimit { parm.tm_lim = Int32(limit) }
        if let status = try Self.check(glp_simplex(problem, &parm), "simplex") { return status }
        return Self.status(glp_get_status(problem))
    }

    /// Solves the mixed-integer programme with GLPK's branch-and-cut (`glp_intopt`, with its MIP presolver so
    /// that no optimal LP basis is needed beforehand).
    ///
    /// - Returns: `.optimal`, `.feasible` (a time limit or gap stopped the search with a solution) or
    ///   `.infeasible`.
    /// - Throws: ``GLPKError`` when GLPK fails.
    @discardableResult
    public func solveInteger(_ options: IntegerOptions = IntegerOptions()) throws -> SolutionStatus {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_ON
        parm.mip_gap = options.relativeGap
        if options.cuts {
            parm.mir_cuts = GLP_ON
            parm.gmi_cuts = GLP_ON
            parm.cov_cuts = GLP_ON
        }
        if let limit = options.timeLimit { parm.tm_lim = Int32(limit) }
        let code = glp_intopt(problem, &parm)
        if code == GLP_ETMLIM || code == GLP_EMIPGAP {
            let status = Self.status(glp_mip_status(problem))
            return status == .optimal ? .feasible : status
        }
        if let status = try Self.check(code, "intopt") { return status }
        return Self.status(glp_mip_status(problem))
    }

    /// The objective value of the last simplex solution.
    public var objectiveValue: Double { glp_get_obj_val(problem) }

    /// Variable `j`'s value in the last simplex solution.
    public func value(ofVariable j: Int) -> Double {
        precondition(0 <= j && j < variableCount)
        return glp_get_col_prim(problem, Int32(j + 1))
    }

    /// The objective value of the last integer solution.
    public var integerObjectiveValue: Double { glp_mip_obj_val(problem) }

    /// Variable `j`'s value in the last integer solution.
    public func integerValue(ofVariable j: Int) -> Double {
        precondition(0 <= j && j < variableCount)
        return glp_mip_col_val(problem, Int32(j + 1))
    }

    static func status(_ code: Int32) -> SolutionStatus {
        switch code {
        case GLP_OPT: return .optimal
        case GLP_FEAS: return .feasible
        case GLP_INFEAS, GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return .undefined
        }
    }
}
