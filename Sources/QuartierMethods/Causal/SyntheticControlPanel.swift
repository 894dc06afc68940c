/// A balanced panel for the synthetic control method: one outcome per year and unit, and optional
/// predictors (one value per unit each, e.g. pre-period means of other indicators).
///
/// Plain values only: the caller (the evaluation) reads them from the monitoring. Missing values may be
/// NaN here; a fit refuses them only for the units that take part, naming the unit and year.
public struct SyntheticControlPanel: Hashable, Sendable {
    /// One predictor: a name and one value per unit, in the panel's unit order.
    public struct Predictor: Hashable, Sendable {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Unit ids (areas), each once.
    public var units: [String]
    /// Years, strictly ascending.
    public var years: [Int]
    /// The outcome, years × units: `outcomes[yearIndex][unitIndex]`.
    public var outcomes: [[Double]]
    /// The predictors (k × units); empty when the fit matches the pre-period outcomes directly.
    public var predictors: [Predictor]

    /// Checks the shape: one row of `units.count` outcomes per year, unique units, ascending years, one
    /// value per unit in each predictor.
    public init(units: [String], years: [Int], outcomes: [[Double]], predictors: [Predictor] = []) throws(SyntheticControlError) {
        guard !units.isEmpty, !years.isEmpty else {
            throw .shape(found: "\(units.count) units and \(years.count) years", expected: "at least one unit and one year")
        }
        guard outcomes.count == years.count else {
            throw .shape(found: "\(outcomes.count) outcome rows", expected: "one row per year (\(years.count))")
        }
        for (row, year) in zip(outcomes, years) where row.count != units.count {
            throw .shape(found: "\(row.count) outcomes in year \(year)", expected: "one per unit (\(units.count))")
        }
        var seen = Set<String>()
        for unit in units where !seen.insert(unit).inserted { throw .duplicateUnit(unit) }
        for i in years.indices.dropFirst() where years[i] <= years[i - 1] { throw .yearsNotAscending(found: years) }
        for predictor in predictors where predictor.values.count != units.count {
            throw .shape(found: "\(predictor.values.count) values of predictor \(predictor.name)", expected: "one per unit (\(units.count))")
        }
        self.units = units
        self.years = years
        self.outcomes = outcomes
        self.predictors = predictors
    }
}
