import QuartierMethods

/// A composite index described in a TOML file: method, id column, indicators with direction and
/// weight, validity filter, class thresholds, sentinels.
///
/// ```toml
/// method = "berlin-mss"
/// source = "SenStadt Berlin, Monitoring Soziale Stadtentwicklung 2021, Methodenbericht"
/// input = "mss2021_index_indikatoren_plr.csv"   # relative to the spec file
/// id = "PLR_ID"
/// sd_divisor = "population"
/// missing = "fail"
/// sentinels = [-9999]
/// [validity]
/// column = "KOM"
/// valid = ["gültig"]
/// [[indicators]]
/// column = "S1"
/// group = "status"
/// ```
/// Methods: `berlin-mss` (groups `status`/`dynamics`), `english-imd` (indicators are domain ranks with
/// weights), `weighted-z-sum` (direction `more`/`less`, weights summing to 1), `townsend` (groups
/// `unemployment`, `overcrowding`, `no-car`, `not-owner-occupied`), `carstairs` (population column),
/// `gisd` (group = dimension; the first indicator with direction `more` of each dimension fixes the sign).
public struct IndexSpec: Sendable, Hashable, Decodable {
    public enum Method: String, Sendable, Hashable, Decodable, CaseIterable {
        case berlinMSS = "berlin-mss"
        case englishIMD = "english-imd"
        case weightedZSum = "weighted-z-sum"
        case townsend
        case carstairs
        case gisd
    }

    /// Which rows take part: those whose `column` holds one of `valid`.
    public struct Validity: Sendable, Hashable, Decodable {
        public var column: String
        public var valid: [String]
    }

    public struct Indicator: Sendable, Hashable, Decodable {
        public var column: String
        /// `status`/`dynamics` (MSS), the Townsend role, or a free label.
        public var group: String?
        /// `more` (larger = more disadvantage, default) or `less`.
        public var direction: String?
        public var weight: Double?

        enum CodingKeys: String, CodingKey { case column, group, direction, weight }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            column = try c.decode(String.self, forKey: .column)
            group = try c.decodeIfPresent(String.self, forKey: .group)
            direction = try c.decodeIfPresent(String.self, forKey: .direction)
            weight = try c.decodeIfPresent(TOMLNumber.self, forKey: .weight)?.value
        }
    }

    /// Class boundaries of one index; `included_below[i]` says whether a value equal to `breaks[i]`
    /// belongs to the class below it.
    public struct Classes: Sendable, Hashable, Decodable {
        public var breaks: [Double]
        public var includedBelow: [Bool]
        public var labels: [String]?

        enum CodingKeys: String, CodingKey {
            case breaks, labels
            case includedBelow = "included_below"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            breaks = try c.decode([TOMLNumber].self, forKey: .breaks).map(\.value)
            includedBelow = try c.decode([Bool].self, forKey: .includedBelow)
            labels = try c.decodeIfPresent([String].self, forKey: .labels)
        }

        public var classBreaks: ClassBreaks {
            ClassBreaks(zip(breaks, includedBelow).map { ClassBreaks.Boundary($0, includedBelow: $1) })
        }
    }

    /// Ranking of the final index: tie rule and groups (deciles by default).
    public struct RankingSpec: Sendable, Hashable, Decodable {
        public var ties: String?
        public var groups: Int?
        public var groupRule: String?

        enum CodingKeys: String, CodingKey {
            case ties, groups
            case groupRule = "group_rule"
        }
    }

    public var method: Method
    public var title: String?
    /// The publication the method follows (written into the output's provenance).
    public var source: String?
    /// The input table, relative to the spec file (overridable on the command line).
    public var input: String?
    /// The area id column.
    public var id: String
    /// `population` (divisor n) or `sample` (n − 1).
    public var sdDivisor: String?
    /// `fail` or `mark-invalid` for a valid area without a value.
    public var missing: String?
    /// Values meaning "no value" in every column (e.g. -9999).
    public var sentinels: [Double]?
    public var validity: Validity?
    /// The population column (Carstairs weights).
    public var population: String?
    public var indicators: [Indicator]
    /// Per index name (`status`, `dynamics`, `index`).
    public var classes: [String: Classes]?
    public var ranking: RankingSpec?

    enum CodingKeys: String, CodingKey {
        case method, title, source, input, id, missing, sentinels, validity, population, indicators, classes, ranking
        case sdDivisor = "sd_divisor"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decode(Method.self, forKey: .method)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        input = try c.decodeIfPresent(String.self, forKey: .input)
        id = try c.decode(String.self, forKey: .id)
        sdDivisor = try c.decodeIfPresent(String.self, forKey: .sdDivisor)
        missing = try c.decodeIfPresent(String.self, forKey: .missing)
        sentinels = try c.decodeIfPresent([TOMLNumber].self, forKey: .sentinels)?.map(\.value)
        validity = try c.decodeIfPresent(Validity.self, forKey: .validity)
        population = try c.decodeIfPresent(String.self, forKey: .population)
        indicators = try c.decode([Indicator].self, forKey: .indicators)
        classes = try c.decodeIfPresent([String: Classes].self, forKey: .classes)
        ranking = try c.decodeIfPresent(RankingSpec.self, forKey: .ranking)
    }
}

/// A TOML number written either as an integer (`-9999`, `1`) or as a float (`0.225`).
struct TOMLNumber: Decodable {
    var value: Double

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let double = try? c.decode(Double.self) { value = double } else { value = Double(try c.decode(Int.self)) }
    }
}
