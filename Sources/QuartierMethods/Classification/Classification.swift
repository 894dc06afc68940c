/// A choropleth classification: class upper bounds, counts and goodness-of-fit measures.
///
/// Bins are the upper bounds of right-closed intervals: class 0 is (−∞, bins[0]], class c is
/// (bins[c−1], bins[c]] — mapclassify's `bin1d` convention, so `bins`, `counts` and `gadf` equal
/// mapclassify's attributes of the same names. Arithmetic is in `Double` throughout.
///
/// ```swift
/// let c = try Classification.fisherJenks(values, k: 5)
/// print(c.bins, c.counts, c.gvf)
/// ```
public struct Classification: Hashable, Sendable {
    /// The method and the conventions that produced the bins.
    public var method: ClassificationMethod
    /// Upper bounds of the classes, ascending (mapclassify `bins`).
    public var bins: [Double]
    /// Values per class (mapclassify `counts`).
    public var counts: [Int]
    /// The class of each input value, in input order (0-based; mapclassify `yb`).
    public var classOfValue: [Int]
    /// The smallest value (the lower end of class 0 in legends).
    public var minimum: Double
    /// Goodness of absolute deviation fit, 1 − ADCM/ADAM around medians (mapclassify `gadf`).
    public var gadf: Double
    /// Jenks's goodness of variance fit, 1 − SDCM/SDAM around means (Jenks 1977); 1 for a constant column.
    public var gvf: Double
    /// The classes asked for.
    public var requestedClasses: Int?
    /// Why the classification has fewer classes than asked, or other conventions that applied.
    public var notes: [String]

    /// The number of classes.
    public var k: Int { bins.count }

    /// Interval closure of every classification here.
    public static let closure = "right-closed: (lower, upper], class 0 unbounded below"
}

/// The classification method with the conventions that change its result.
public enum ClassificationMethod: Hashable, Sendable, CustomStringConvertible {
    /// Quantiles by linear interpolation between order statistics (scipy `scoreatpercentile`,
    /// mapclassify `Quantiles`); tied quantile values are merged and the merge is reported.
    case quantiles(k: Int)
    /// k classes of equal width between minimum and maximum (mapclassify `EqualInterval`).
    case equalInterval(k: Int)
    /// Breaks at mean + m·SD for the given multiples, the maximum appended (mapclassify `StdMean`).
    case standardDeviation(multiples: [Double], divisor: StandardDeviationDivisor)
    /// The optimal partition minimising the within-class sum of squares (Fisher 1958, Jenks 1977).
    case fisherJenks(k: Int)
    /// Head/tail breaks at successive means of the head (Jiang 2013).
    case headTail(stop: HeadTailStop)
    /// Breaks given by the user; the maximum is appended when above the last break (mapclassify `UserDefined`).
    case userBreaks([Double])

    /// The name mapclassify gives the classifier.
    public var mapclassifyName: String {
        switch self {
        case .quantiles: "Quantiles"
        case .equalInterval: "EqualInterval"
        case .standardDeviation: "StdMean"
        case .fisherJenks: "FisherJenks"
        case .headTail: "HeadTailBreaks"
        case .userBreaks: "UserDefined"
        }
    }

    public var description: String {
        switch self {
        case .quantiles(let k): "quantiles (k = \(k), linear interpolation, tied quantiles merged)"
        case .equalInterval(let k): "equal interval (k = \(k))"
        case .standardDeviation(let m, let d): "standard deviation (multiples \(m.map { Self.format($0) }.joined(separator: ", ")), SD divisor \(d.rawValue))"
        case .fisherJenks(let k): "Fisher-Jenks (k = \(k), exact dynamic programme, Float64)"
        case .headTail(let stop): "head/tail breaks (stop: \(stop))"
        case .userBreaks(let b): "user breaks (\(b.map { Self.format($0) }.joined(separator: ", ")))"
        }
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// The divisor of a standard deviation.
public enum StandardDeviationDivisor: String, Hashable, Sendable, CaseIterable {
    /// n − 1 (sample SD; numpy `ddof=1`, mapclassify's `StdMean`).
    case sample = "n-1"
    /// n (population SD; numpy's default, the MSS convention).
    case population = "n"
}

/// When head/tail breaks stop splitting the head.
public enum HeadTailStop: Hashable, Sendable, CustomStringConvertible {
    /// Until the head holds a single distinct value (mapclassify `HeadTailBreaks`).
    case singleValue
    /// While the head holds at most this share of the values (Jiang 2013 suggests 0.4).
    case headShare(Double)

    public var description: String {
        switch self {
        case .singleValue: "head has one distinct value (mapclassify)"
        case .headShare(let s): "head share above \(s) (Jiang 2013)"
        }
    }
}

/// A classification that cannot be computed, with the reason.
public struct ClassificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
