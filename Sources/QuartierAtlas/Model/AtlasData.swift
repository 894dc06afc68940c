import Foundation

/// Everything the atlas page shows, as plain values: embedded as JSON in the HTML file and read by the
/// atlas script. Built only from a monitoring's published results (`PublishedResults`), so a suppressed
/// figure enters as `.suppressed` (no number) and cannot reach the file.
public struct AtlasData: Sendable, Encodable {
    public var title: String
    /// The language the page opens in ("de" or "en"); both are embedded.
    public var language: String
    /// Interface texts per language.
    public var strings: [String: [String: String]]
    /// The disclosure footnote per language (every rule applied).
    public var footnote: [String: String]
    /// The marker of a suppressed figure (`.`).
    public var marker: String
    public var crs: String
    /// The geometry of every level, borders stored once.
    public var topology: AtlasTopology
    /// Levels, finest first; each area's geometry is `topology.geometries[first + i]`.
    public var levels: [Level]
    public var years: [Int]
    public var indicators: [Indicator]
    /// The number of simulated rankings behind the rank intervals (0: none), their seed (as text: a
    /// 64-bit seed is not exact in a JavaScript number) and the interval's coverage.
    public var rankDraws: Int = 0
    public var rankSeed: String = ""
    public var rankLevel: Double = 0

    public struct Level: Sendable, Encodable {
        public var id: String
        public var label: String
        public var ids: [String]
        public var names: [String]
        /// The parent's position in the next level's `ids` (nil: none or top level).
        public var parents: [Int?]
        /// Offset of this level's geometries in `topology.geometries`.
        public var first: Int
    }

    public struct Indicator: Sendable, Encodable {
        public var id: String
        public var label: String
        /// Unit text after a number: "%", "‰", "Pp.", "" (score).
        public var unit: String
        public var decimals: Int
        public var higherIsWorse: Bool
        /// "rate", "value" or "index".
        public var kind: String
        public var definition: String
        public var numerator: String
        public var denominator: String
        public var sources: String
        /// Reference date per year.
        public var referenceDates: [String: String]
        /// Per level id, per year: the series.
        public var series: [String: [String: Series]]
        /// The city value per year (from the summed counts; absent where suppressed).
        public var city: [String: Double]
    }

    public struct Series: Sendable, Encodable {
        /// Per area of the level (in `Level.ids` order).
        public var values: [Cell]
        /// Classifications by method key ("monitoring", "quantiles", "jenks").
        public var classes: [String: ClassSet]
        /// Index only: rank (1 = most disadvantaged), nil where absent.
        public var ranks: [Int?]?
        /// Index only: the simulated rank interval and the probability of the most deprived class.
        public var rankLow: [Int?]?
        public var rankHigh: [Int?]?
        public var probabilityTop: [Double?]?
        /// Index only: whether the most deprived class is uncertain (`IndexRankUncertainty.Summary.isUncertain`).
        public var uncertain: [Bool?]?
    }

    /// One figure: a number, suppressed (no number), or missing with a reason key.
    public enum Cell: Sendable, Hashable, Encodable {
        case value(Double)
        case suppressed
        case missing(String)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .value(let x): try container.encode(x)
            case .suppressed: try container.encode("s")
            case .missing(let reason): try container.encode("m:" + reason)
            }
        }

        public var number: Double? {
            if case .value(let x) = self { return x }
            return nil
        }
    }

    public struct ClassSet: Sendable, Encodable {
        /// Class names (the monitoring's own classes), or nil for computed classes (bounds shown).
        public var labels: [String]?
        /// Upper bounds, right-closed (`Classification.closure`); nil for named classes.
        public var bins: [Double]?
        public var minimum: Double?
        /// The class of each area (0-based, -1: no class). Written as one string, a digit per area and
        /// `-` for no class (half the bytes of a JSON array), when every class is below 10.
        public var of: [Int]
        public var counts: [Int]
        /// The method in words (`ClassificationMethod.description`) and any note (fewer classes …).
        public var method: String

        enum CodingKeys: String, CodingKey { case labels, bins, minimum, of, counts, method }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(labels, forKey: .labels)
            try container.encodeIfPresent(bins, forKey: .bins)
            try container.encodeIfPresent(minimum, forKey: .minimum)
            if of.allSatisfy({ $0 >= -1 && $0 < 10 }) {
                try container.encode(String(of.map { $0 < 0 ? "-" : Character(String($0)) }), forKey: .of)
            } else {
                try container.encode(of, forKey: .of)
            }
            try container.encode(counts, forKey: .counts)
            try container.encode(method, forKey: .method)
        }
    }

    /// A published value as the atlas stores it: rounded to 6 decimals beyond the `decimals` shown, so
    /// that the file holds e.g. `15.3846154` instead of `15.384615384615385`. The shown (and
    /// downloaded) figure is unchanged for every rate of counts below a million: such a rate lies at
    /// least 1/(20·n) > 5·10⁻⁸ from any rounding boundary of one decimal, farther than the rounding moves it.
    public static func stored(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals + 6))
        let rounded = (value * scale).rounded() / scale
        return rounded.isFinite ? rounded : value
    }
}
