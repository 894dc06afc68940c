/// The panel unit-major (unit u's series at u·T, its predictors at u·k), checked for one treated unit and
/// its donors; every fit of a placebo test reads it concurrently.
struct SyntheticControlData: Sendable {
    let units: [String], years: [Int]
    let start: Int, t0: Int
    let matching: SyntheticControl.Matching
    let predictorNames: [String]
    let series: [Double]
    let predictors: [Double]
    let treated: Int
    let donors: [Int]

    var yearCount: Int { years.count }
    var k: Int { predictorNames.count }

    init(_ panel: SyntheticControlPanel, treated treatedID: String, start: Int, donors donorIDs: [String]?,
         matching: SyntheticControl.Matching) throws(SyntheticControlError) {
        var index: [String: Int] = [:]
        for (u, unit) in panel.units.enumerated() { index[unit] = u }
        guard let treated = index[treatedID] else { throw .unknownUnit(treatedID, role: "treated unit") }
        var isDonor = [Bool](repeating: donorIDs == nil, count: panel.units.count)
        for id in donorIDs ?? [] {
            guard let u = index[id] else { throw .unknownUnit(id, role: "donor") }
            isDonor[u] = true
        }
        isDonor[treated] = false
        let donors = isDonor.indices.filter { isDonor[$0] }
        guard !donors.isEmpty else { throw .noDonors }
        let t0 = panel.years.firstIndex { $0 >= start } ?? panel.years.count
        guard t0 >= SyntheticControl.minimumPreYears else {
            throw .tooFewPreYears(found: t0, required: SyntheticControl.minimumPreYears, start: start)
        }
        guard t0 < panel.years.count else { throw .noPostYears(start: start, lastYear: panel.years.last!) }

        let participants = [treated] + donors
        for u in participants {
            for (t, year) in panel.years.enumerated() where !panel.outcomes[t][u].isFinite {
                throw .missingOutcome(unit: panel.units[u], year: year, found: panel.outcomes[t][u])
            }
        }
        switch matching {
        case .preperiodOutcomes:
            predictorNames = panel.years.prefix(t0).map { "outcome \($0)" }
        case let .predictors(weighting):
            guard !panel.predictors.isEmpty else { throw .noPredictors }
            predictorNames = panel.predictors.map(\.name)
            for predictor in panel.predictors {
                for u in participants where !predictor.values[u].isFinite {
                    throw .missingPredictor(unit: panel.units[u], predictor: predictor.name, found: predictor.values[u])
                }
            }
            if case let .given(v) = weighting {
                guard v.count == panel.predictors.count else {
                    throw .predictorWeights(found: "\(v.count) weights", expected: "one per predictor (\(panel.predictors.count))")
                }
                if let bad = v.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                    throw .predictorWeights(found: "\(v[bad]) for predictor \(panel.predictors[bad].name)", expected: "a finite number ≥ 0")
                }
                guard v.contains(where: { $0 > 0 }) else { throw .predictorWeights(found: "all weights 0", expected: "at least one positive weight") }
            }
        }
        let years = panel.years.count, units = panel.units.count
        var series = [Double](repeating: .nan, count: years * units)
        for t in 0..<years { for u in 0..<units { series[u * years + t] = panel.outcomes[t][u] } }
        var predictors: [Double] = []
        if case .predictors = matching {
            let k = panel.predictors.count
            predictors = [Double](repeating: .nan, count: k * units)
            for (i, predictor) in panel.predictors.enumerated() { for u in 0..<units { predictors[u * k + i] = predictor.values[u] } }
        }
        self.units = panel.units
        self.years = panel.years
        self.start = start
        self.t0 = t0
        self.matching = matching
        self.series = series
        self.predictors = predictors
        self.treated = treated
        self.donors = donors
    }

    /// Unit u's predictor i (for `.preperiodOutcomes` its outcome in pre-period year i).
    @inline(__always)
    func predictor(_ u: Int, _ i: Int) -> Double {
        if case .preperiodOutcomes = matching { return series[u * yearCount + i] }
        return predictors[u * k + i]
    }

    /// The problem for one treated unit and its donors: predictors scaled by their SD (n − 1) over these
    /// units (unscaled for `.preperiodOutcomes` and for a constant predictor).
    func problem(treated: Int, donors: [Int]) -> SyntheticControlProblem {
        let k = self.k, j = donors.count
        var scale = [Double](repeating: 1, count: k)
        if case .predictors = matching {
            let n = Double(j + 1)
            for i in 0..<k {
                var mean = predictor(treated, i)
                for d in donors { mean += predictor(d, i) }
                mean /= n
                var sum = (predictor(treated, i) - mean) * (predictor(treated, i) - mean)
                for d in donors { sum += (predictor(d, i) - mean) * (predictor(d, i) - mean) }
                let sd = j > 0 ? (sum / (n - 1)).squareRoot() : 0
                if sd > 0 { scale[i] = sd }
            }
        }
        var x0 = [Double](repeating: 0, count: k * j), z0 = [Double](repeating: 0, count: t0 * j)
        for (c, d) in donors.enumerated() {
            for i in 0..<k { x0[c * k + i] = predictor(d, i) / scale[i] }
            for t in 0..<t0 { z0[c * t0 + t] = series[d * yearCount + t] }
        }
        return SyntheticControlProblem(k: k, donors: j, t0: t0,
                                       x1: (0..<k).map { predictor(treated, $0) / scale[$0] }, x0: x0,
                                       z1: (0..<t0).map { series[treated * yearCount + $0] }, z0: z0)
    }
}
