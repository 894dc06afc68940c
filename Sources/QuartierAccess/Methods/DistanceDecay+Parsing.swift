extension DistanceDecay {
    /// Parses the text form shared by `quartier access --decay` and `[[offers]] decay`: `none`,
    /// `steps:COST=WEIGHT,COST=WEIGHT,…` (E2SFCA, Luo & Qi 2009), `gravity:EXPONENT` (scale 1, minimum
    /// cost 1), `gaussian:SIGMA` or `exponential:RATE`; the result is `validated()`.
    /// - Throws: `AccessError` naming the text and what was expected.
    public init(parsing text: String) throws(AccessError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        func number(_ s: String) throws(AccessError) -> Double {
            guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw AccessError("decay \"\(text)\": found \"\(s)\", expected a number")
            }
            return v
        }
        let decay: DistanceDecay
        switch parts.first ?? "" {
        case "none" where parts.count == 1: decay = .none
        case "steps" where parts.count == 2:
            var steps: [Step] = []
            for step in parts[1].split(separator: ",") {
                let kv = step.split(separator: "=").map(String.init)
                guard kv.count == 2 else { throw AccessError("decay \"\(text)\": found \"\(step)\", expected steps:COST=WEIGHT,COST=WEIGHT") }
                steps.append(Step(upTo: try number(kv[0]), weight: try number(kv[1])))
            }
            decay = .steps(steps)
        case "gravity" where parts.count == 2: decay = .gravity(scale: 1, exponent: try number(parts[1]), minimum: 1)
        case "gaussian" where parts.count == 2: decay = .gaussian(sigma: try number(parts[1]))
        case "exponential" where parts.count == 2: decay = .exponential(rate: try number(parts[1]))
        default: throw AccessError("decay \"\(text)\": expected none, steps:C=W,..., gravity:EXPONENT, gaussian:SIGMA or exponential:RATE")
        }
        self = try decay.validated()
    }
}
