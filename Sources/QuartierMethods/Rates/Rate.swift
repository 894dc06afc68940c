/// The scale a rate is expressed on.
public enum RateScale: String, Sendable, Hashable, CaseIterable {
    /// A share of 1.
    case proportion
    /// Per cent (×100).
    case percent
    /// Per mille (×1,000).
    case perMille
    /// Per 1,000 of the denominator (×1,000), e.g. births per 1,000 women.
    case perThousand
    /// Per 100,000 (×100,000), e.g. mortality.
    case perHundredThousand

    /// The factor a proportion is multiplied by.
    public var factor: Double {
        switch self {
        case .proportion: 1
        case .percent: 100
        case .perMille, .perThousand: 1_000
        case .perHundredThousand: 100_000
        }
    }
}

/// A rate that keeps what it was computed from: numerator, denominator, scale and reference date.
///
/// Counts are summed before dividing (`Rate.aggregate`), never rates averaged (METHODS.md "Counts
/// before rates"). A rate with a zero denominator has no value (`value == nil`), never 0.
///
/// ```swift
/// let rate = Rate(numerator: 12, denominator: 480, scale: .percent, referenceDate: "2020-12-31")
/// rate.value   // 2.5
/// ```
public struct Rate: Sendable, Hashable {
    public var numerator: Double
    public var denominator: Double
    public var scale: RateScale
    /// The date the counts refer to (`Stichtag`), as written in the source, e.g. `2020-12-31`.
    public var referenceDate: String?

    public init(numerator: Double, denominator: Double, scale: RateScale = .percent, referenceDate: String? = nil) {
        self.numerator = numerator
        self.denominator = denominator
        self.scale = scale
        self.referenceDate = referenceDate
    }

    /// The proportion numerator/denominator (nil for a zero denominator).
    public var proportion: Double? { denominator > 0 ? numerator / denominator : nil }

    /// The rate on its scale (nil for a zero denominator).
    public var value: Double? { proportion.map { $0 * scale.factor } }

    /// The rate of the summed counts: Σ numerators / Σ denominators.
    /// - Throws: `RateError.mixedScales` or `.mixedReferenceDates` when the parts do not belong together.
    public static func aggregate(_ rates: some Collection<Rate>) throws -> Rate {
        guard let first = rates.first else { return Rate(numerator: 0, denominator: 0) }
        var numerator = 0.0, denominator = 0.0
        for rate in rates {
            guard rate.scale == first.scale else { throw RateError.mixedScales(first.scale, rate.scale) }
            guard rate.referenceDate == first.referenceDate else {
                throw RateError.mixedReferenceDates(first.referenceDate, rate.referenceDate)
            }
            numerator += rate.numerator
            denominator += rate.denominator
        }
        return Rate(numerator: numerator, denominator: denominator, scale: first.scale, referenceDate: first.referenceDate)
    }

    /// Rates of every parent area from the counts of its children (summed, then divided), e.g.
    /// Planungsraum → Bezirksregion → Bezirk.
    /// - Parameters:
    ///   - rates: the child rates.
    ///   - parent: the parent id of each child (same order).
    /// - Returns: one aggregated rate per parent id.
    public static func aggregate(_ rates: [Rate], by parent: [String]) throws -> [String: Rate] {
        precondition(rates.count == parent.count, "one parent per rate")
        var groups: [String: [Rate]] = [:]
        for (rate, id) in zip(rates, parent) { groups[id, default: []].append(rate) }
        return try groups.mapValues { try aggregate($0) }
    }
}

/// Why rates cannot be combined.
public enum RateError: Error, Hashable, Sendable, CustomStringConvertible {
    case mixedScales(RateScale, RateScale)
    case mixedReferenceDates(String?, String?)

    public var description: String {
        switch self {
        case .mixedScales(let a, let b): "cannot combine rates on scales \(a) and \(b)"
        case .mixedReferenceDates(let a, let b): "cannot combine rates of reference dates \(a ?? "none") and \(b ?? "none")"
        }
    }
}
