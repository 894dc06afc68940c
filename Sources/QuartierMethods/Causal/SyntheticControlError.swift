/// Why a synthetic control cannot be fitted, naming the unit, year or predictor concerned.
public enum SyntheticControlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The panel's shape does not match its unit and year lists (what was found, what was expected).
    case shape(found: String, expected: String)
    /// A unit id occurs twice in the panel.
    case duplicateUnit(String)
    /// The years are not strictly ascending.
    case yearsNotAscending(found: [Int])
    /// The treated unit, or a donor named in the filter, is not in the panel.
    case unknownUnit(String, role: String)
    /// Fewer pre-period years than the method needs (years before the start), with the start.
    case tooFewPreYears(found: Int, required: Int, start: Int)
    /// No year at or after the start.
    case noPostYears(start: Int, lastYear: Int)
    /// No donor is left (the filter is empty or holds only the treated unit).
    case noDonors
    /// An outcome is missing (NaN) or not finite for a unit that takes part, in a year.
    case missingOutcome(unit: String, year: Int, found: Double)
    /// A predictor value is missing (NaN) or not finite for a unit that takes part.
    case missingPredictor(unit: String, predictor: String, found: Double)
    /// The given predictor weights V do not fit the predictors (count, sign or all zero).
    case predictorWeights(found: String, expected: String)
    /// Predictor weights were given or asked to be optimised but the panel has no predictors.
    case noPredictors
    /// A placebo test's parameter is out of range.
    case placeboParameter(found: String, expected: String)

    public var description: String {
        switch self {
        case let .shape(found, expected):
            return "synthetic control panel: found \(found), expected \(expected)"
        case let .duplicateUnit(unit):
            return "synthetic control panel: unit \(unit) occurs twice, expected each unit once"
        case let .yearsNotAscending(years):
            return "synthetic control panel: years \(years.map(String.init).joined(separator: ", ")), expected strictly ascending years"
        case let .unknownUnit(unit, role):
            return "synthetic control: \(role) \(unit) is not a unit of the panel"
        case let .tooFewPreYears(found, required, start):
            return "synthetic control: \(found) pre-period year\(found == 1 ? "" : "s") before the start \(start), expected at least \(required) (the weights are fitted on the years before the start)"
        case let .noPostYears(start, lastYear):
            return "synthetic control: start \(start) is after the last year \(lastYear), expected at least one year at or after the start"
        case .noDonors:
            return "synthetic control: no donor unit left, expected at least one unit besides the treated one"
        case let .missingOutcome(unit, year, found):
            return "synthetic control: outcome of unit \(unit) in \(year) is \(found), expected a finite number (drop the unit from the donors or impute the value first)"
        case let .missingPredictor(unit, predictor, found):
            return "synthetic control: predictor \(predictor) of unit \(unit) is \(found), expected a finite number"
        case let .predictorWeights(found, expected):
            return "synthetic control predictor weights V: found \(found), expected \(expected)"
        case .noPredictors:
            return "synthetic control: predictor weights V given or to be chosen, but the panel has no predictors (without predictors the pre-period outcomes are matched directly)"
        case let .placeboParameter(found, expected):
            return "synthetic control placebo test: found \(found), expected \(expected)"
        }
    }
}
