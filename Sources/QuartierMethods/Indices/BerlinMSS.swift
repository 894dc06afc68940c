/// The Berlin "Monitoring Soziale Stadtentwicklung" (MSS) index: status and dynamics indices,
/// their classes and the combined class.
///
/// Source: Senatsverwaltung für Stadtentwicklung und Wohnen Berlin, "Monitoring Soziale
/// Stadtentwicklung 2021", Methodenbericht and Tabelle 3 (and the 2013–2019 editions):
/// 1. only valid areas (≥ 300 inhabitants, no outlier) take part;
/// 2. each indicator is z-standardised over the valid areas (`divisor`; the publisher uses the
///    population SD, `.population`, which alone reproduces the published z-values);
/// 3. Statussumme = Σ z; Status-Index = the Statussumme z-standardised again (same divisor);
///    the same for dynamics;
/// 4. classes on the unrounded index (`BerlinMSS.statusBreaks`, `.dynamicsBreaks`), combined as
///    status class number + dynamics sign (`2-`, `1+/-`, `4+`).
/// Larger indicator values mean more disadvantage, so every indicator enters with direction +1.
public enum BerlinMSS {
    /// Status classes (the publisher's SI_N codes).
    public enum StatusClass: Int, Sendable, Hashable, CaseIterable {
        case hoch = 1, mittel = 2, niedrig = 3, sehrNiedrig = 4

        public var label: String {
            switch self {
            case .hoch: "hoch"
            case .mittel: "mittel"
            case .niedrig: "niedrig"
            case .sehrNiedrig: "sehr niedrig"
            }
        }
    }

    /// Dynamics classes (the publisher's DI_N codes).
    public enum DynamicsClass: Int, Sendable, Hashable, CaseIterable {
        case positiv = 1, stabil = 3, negativ = 5

        public var label: String {
            switch self {
            case .positiv: "positiv"
            case .stabil: "stabil"
            case .negativ: "negativ"
            }
        }

        /// The sign in the combined class: `+`, `+/-`, `-`.
        public var symbol: String {
            switch self {
            case .positiv: "+"
            case .stabil: "+/-"
            case .negativ: "-"
            }
        }
    }

    /// hoch x < −1, mittel −1 ≤ x ≤ 1, niedrig 1 < x ≤ 1.5, sehr niedrig x > 1.5.
    public static let statusBreaks = ClassBreaks([.init(-1, includedBelow: false), .init(1, includedBelow: true), .init(1.5, includedBelow: true)])
    /// positiv x < −1, stabil −1 ≤ x ≤ 1, negativ x > 1.
    public static let dynamicsBreaks = ClassBreaks([.init(-1, includedBelow: false), .init(1, includedBelow: true)])

    /// The combined class text, e.g. `2-`.
    public static func combinedClass(_ status: StatusClass, _ dynamics: DynamicsClass) -> String {
        "\(status.rawValue)\(dynamics.symbol)"
    }

    /// What to do with a valid area that lacks an indicator value.
    public enum MissingIndicatorRule: String, Sendable, Hashable {
        /// Throw `CompositeIndexError.missingValue` naming the area and indicator.
        case fail
        /// Treat the area as invalid (reason `missing value`): no index, marked in the output.
        case markInvalid
    }

    /// The result of one side (status or dynamics).
    public struct Side: Sendable {
        /// z-values per indicator (indicator-major), nil for invalid areas.
        public var z: [[Double?]]
        public var sum: [Double?]
        public var index: [Double?]
        /// The class index 0…k on the breaks (nil for invalid areas).
        public var classIndex: [Int?]
        /// Mean and SD of each indicator over the valid areas.
        public var indicatorMoments: [(mean: Double, sd: Double)]
        /// Mean and SD of the sum over the valid areas.
        public var sumMoments: (mean: Double, sd: Double)
    }

    /// The full result.
    public struct Result: Sendable {
        public var status: Side
        public var dynamics: Side?
        /// Valid after the missing-value rule.
        public var valid: [Bool]
        public var statusClass: [StatusClass?]
        public var dynamicsClass: [DynamicsClass?]
        public var combined: [String?]
    }

    /// Computes one side: z-values, sum, index, classes.
    /// - Parameters:
    ///   - indicators: values per indicator (indicator-major), one per area.
    ///   - valid: which areas take part.
    ///   - divisor: the SD divisor (`.population` reproduces the publisher).
    ///   - breaks: the class breaks.
    public static func side(indicators: [[Double]], valid: [Bool], divisor: StandardDeviationDivisor, breaks: ClassBreaks) -> Side {
        let n = valid.count
        let validIndices = valid.indices.filter { valid[$0] }
        var zValues: [[Double?]] = []
        var moments: [(mean: Double, sd: Double)] = []
        var sums = [Double](repeating: 0, count: n)
        for values in indicators {
            precondition(values.count == n, "one value per area")
            let m = Standardization.moments(validIndices.map { values[$0] }, divisor: divisor)
            moments.append(m)
            var z = [Double?](repeating: nil, count: n)
            for index in validIndices {
                let value = (values[index] - m.mean) / m.sd
                z[index] = value
                sums[index] += value
            }
            zValues.append(z)
        }
        let sumMoments = Standardization.moments(validIndices.map { sums[$0] }, divisor: divisor)
        var sum = [Double?](repeating: nil, count: n), index = sum
        var classes = [Int?](repeating: nil, count: n)
        for i in validIndices {
            sum[i] = sums[i]
            let x = (sums[i] - sumMoments.mean) / sumMoments.sd
            index[i] = x
            classes[i] = breaks.classIndex(of: x)
        }
        return Side(z: zValues, sum: sum, index: index, classIndex: classes, indicatorMoments: moments, sumMoments: sumMoments)
    }

    /// The MSS for all areas.
    /// - Parameters:
    ///   - ids: area ids (for messages).
    ///   - status: status indicator values (indicator-major); nil = missing.
    ///   - statusNames: their names (for messages).
    ///   - dynamics: dynamics indicators, or empty for status only.
    ///   - valid: the publisher's validity flag per area.
    ///   - divisor: SD divisor of every standardisation.
    ///   - missing: the rule for a valid area lacking a value.
    ///   - statusBreaks, dynamicsBreaks: the class boundaries (default: the publisher's ±1 and 1.5).
    /// - Throws: `CompositeIndexError` for a missing value under `.fail`, fewer than two valid areas, or an
    ///   indicator that is constant over the valid areas (its SD is 0).
    public static func compute(ids: [String], status: [[Double?]], statusNames: [String],
                               dynamics: [[Double?]] = [], dynamicsNames: [String] = [],
                               valid: [Bool], divisor: StandardDeviationDivisor = .population,
                               missing: MissingIndicatorRule = .fail,
                               statusBreaks: ClassBreaks = BerlinMSS.statusBreaks,
                               dynamicsBreaks: ClassBreaks = BerlinMSS.dynamicsBreaks) throws -> Result {
        precondition(statusBreaks.boundaries.count == 3 && dynamicsBreaks.boundaries.count == 2,
                     "MSS classes: 3 status boundaries (4 classes), 2 dynamics boundaries (3 classes)")
        var valid = valid
        for (values, name) in zip(status + dynamics, statusNames + dynamicsNames) {
            for index in values.indices where valid[index] && (values[index] == nil || values[index]!.isNaN) {
                switch missing {
                case .fail: throw CompositeIndexError.missingValue(area: ids[index], indicator: name)
                case .markInvalid: valid[index] = false
                }
            }
        }
        guard valid.filter({ $0 }).count >= 2 else { throw CompositeIndexError.tooFewAreas(valid.filter { $0 }.count) }
        for (values, name) in zip(status + dynamics, statusNames + dynamicsNames) {
            let present = values.indices.filter { valid[$0] }.map { values[$0]! }
            if present.allSatisfy({ $0 == present[0] }) { throw CompositeIndexError.constantIndicator(name) }
        }
        func complete(_ columns: [[Double?]]) -> [[Double]] { columns.map { $0.map { $0 ?? .nan } } }
        let statusSide = side(indicators: complete(status), valid: valid, divisor: divisor, breaks: statusBreaks)
        let dynamicsSide = dynamics.isEmpty ? nil : side(indicators: complete(dynamics), valid: valid, divisor: divisor, breaks: dynamicsBreaks)
        let statusClass = statusSide.classIndex.map { $0.flatMap { StatusClass(rawValue: $0 + 1) } }
        let dynamicsClass: [DynamicsClass?] = dynamicsSide?.classIndex.map { $0.flatMap { DynamicsClass(rawValue: 2 * $0 + 1) } }
            ?? Array(repeating: nil, count: valid.count)
        let combined = zip(statusClass, dynamicsClass).map { s, d in s.flatMap { s in d.map { combinedClass(s, $0) } } }
        return Result(status: statusSide, dynamics: dynamicsSide, valid: valid, statusClass: statusClass,
                      dynamicsClass: dynamicsClass, combined: combined)
    }
}

/// Why a composite index cannot be computed.
public enum CompositeIndexError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingValue(area: String, indicator: String)
    case tooFewAreas(Int)
    case constantIndicator(String)
    case mismatchedLengths(String)

    public var description: String {
        switch self {
        case .missingValue(let area, let indicator): "area \(area) has no value for indicator \(indicator)"
        case .tooFewAreas(let count): "\(count) valid areas; at least 2 are needed for a standard deviation"
        case .constantIndicator(let name): "indicator \(name) is constant over the valid areas (SD 0)"
        case .mismatchedLengths(let what): "\(what) differ in length"
        }
    }
}
