import CGLPK

/// A GLPK call failed: which operation, GLPK's return code and its meaning from `glpk.h`.
public struct GLPKError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done (`"simplex"`, `"intopt"`).
    public var operation: String
    /// GLPK's return code (`GLP_EBADB` … `GLP_ERANGE`).
    public var code: Int32
    /// GLPK's meaning of the code, as its header documents it.
    public var message: String

    public var description: String { "GLPK error \(code) in \(operation): \(message)" }

    /// The texts of `glpk.h` for the return codes of `glp_simplex` and `glp_intopt`.
    static func message(for code: Int32) -> String {
        switch code {
        case GLP_EBADB: return "invalid basis"
        case GLP_ESING: return "singular matrix"
        case GLP_ECOND: return "ill-conditioned matrix"
        case GLP_EBOUND: return "invalid bounds"
        case GLP_EFAIL: return "solver failed"
        case GLP_EOBJLL: return "objective lower limit reached"
        case GLP_EOBJUL: return "objective upper limit reached"
        case GLP_EITLIM: return "iteration limit exceeded"
        case GLP_ETMLIM: return "time limit exceeded"
        case GLP_ENOPFS: return "no primal feasible solution"
        case GLP_ENODFS: return "no dual feasible solution"
        case GLP_EROOT: return "root LP optimum not provided"
        case GLP_ESTOP: return "search terminated by application"
        case GLP_EMIPGAP: return "relative mip gap tolerance reached"
        default: return "unknown return code"
        }
    }
}

extension LinearProgram {
    /// The one place where a solver's return code is checked.
    ///
    /// `0` is success. The presolver's "no primal/dual feasible solution" (`GLP_ENOPFS`, `GLP_ENODFS`) is an
    /// answer about the problem, not a failure, and comes back as a status; every other code throws.
    static func check(_ code: Int32, _ operation: String) throws -> SolutionStatus? {
        switch code {
        case 0: return nil
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: throw GLPKError(operation: operation, code: code, message: GLPKError.message(for: code))
        }
    }
}
