import Foundation

/// How the weight of an origin–destination pair falls with its cost (the `f(d)` of the floating
/// catchment literature). Every variant is a pure function of the cost; the catchment limit
/// (`Catchment`) is applied separately, *along with* the decay, as PySAL `access` does.
///
/// Conventions, named because peers differ:
/// - `.steps`: a pair of cost `c` gets the weight of the first step with `c <= upTo` (closed upper
///   bounds, steps sorted by `upTo`), and 0 beyond the last step: PySAL `access` `weights.step_fn`;
///   Luo & Qi (2009) used 0–10, 10–20, 20–30 minutes with weights 1, 0.68, 0.22.
/// - `.gravity(scale:exponent:minimum:)`: `(max(c, minimum) / scale) ^ exponent`; the exponent is
///   not implicitly negative (PySAL `access` `weights.gravity`); `gravity(scale: 1, exponent: -1)` is 1/c.
/// - `.gaussian(sigma:)`: `exp(-c² / (2σ²))`, not normalised, so f(0) = 1 (PySAL `weights.gaussian`).
/// - `.exponential(rate:)`: `exp(-rate · c)` (R `accessibility::decay_exponential`).
public enum DistanceDecay: Sendable, Hashable, CustomStringConvertible {
    /// Weight 1 for every pair in the catchment: the plain 2SFCA of Luo & Wang (2003).
    case none
    /// Step weights, `upTo` ascending (enhanced 2SFCA, Luo & Qi 2009).
    case steps([Step])
    /// `(max(c, minimum) / scale) ^ exponent`.
    case gravity(scale: Double, exponent: Double, minimum: Double)
    /// `exp(-c² / (2σ²))`.
    case gaussian(sigma: Double)
    /// `exp(-rate · c)`.
    case exponential(rate: Double)

    /// One step: costs up to and including `upTo` (and above the previous step's) get `weight`.
    public struct Step: Sendable, Hashable {
        public var upTo: Double
        public var weight: Double
        public init(upTo: Double, weight: Double) {
            self.upTo = upTo
            self.weight = weight
        }
    }

    /// Checks the parameters: steps ascending with non-negative weights, positive scale and sigma,
    /// non-negative rate.
    public func validated() throws(AccessError) -> DistanceDecay {
        switch self {
        case .none: break
        case .steps(let steps):
            guard !steps.isEmpty else { throw AccessError("step weights: found none, expected at least one step") }
            for (k, step) in steps.enumerated() {
                guard step.weight >= 0, step.weight.isFinite else { throw AccessError("step weights: found weight \(step.weight), expected a finite weight >= 0") }
                guard step.upTo.isFinite, k == 0 || step.upTo > steps[k - 1].upTo else {
                    throw AccessError("step weights: found limits \(steps.map(\.upTo)), expected finite limits in ascending order")
                }
            }
        case .gravity(let scale, let exponent, let minimum):
            guard scale > 0, scale.isFinite, exponent.isFinite, minimum >= 0 else {
                throw AccessError("gravity decay: found scale \(scale), exponent \(exponent), minimum \(minimum), expected scale > 0, a finite exponent, minimum >= 0")
            }
        case .gaussian(let sigma):
            guard sigma > 0, sigma.isFinite else { throw AccessError("gaussian decay: found sigma \(sigma), expected sigma > 0") }
        case .exponential(let rate):
            guard rate >= 0, rate.isFinite else { throw AccessError("exponential decay: found rate \(rate), expected rate >= 0") }
        }
        return self
    }

    /// The weight of a pair of cost `c` (c >= 0).
    @inline(__always)
    public func weight(_ c: Double) -> Double {
        switch self {
        case .none: return 1
        case .steps(let steps):
            for step in steps where c <= step.upTo { return step.weight }
            return 0
        case .gravity(let scale, let exponent, let minimum):
            return pow(Swift.max(c, minimum) / scale, exponent)
        case .gaussian(let sigma):
            return exp(-c * c / (2 * sigma * sigma))
        case .exponential(let rate):
            return exp(-rate * c)
        }
    }

    public var description: String {
        switch self {
        case .none: "none (weight 1 within the catchment)"
        case .steps(let steps): "steps " + steps.map { "<=\($0.upTo): \($0.weight)" }.joined(separator: ", ")
        case .gravity(let s, let e, let m): "gravity (max(c, \(m)) / \(s))^\(e)"
        case .gaussian(let sigma): "gaussian exp(-c²/(2·\(sigma)²))"
        case .exponential(let rate): "exponential exp(-\(rate)·c)"
        }
    }
}
