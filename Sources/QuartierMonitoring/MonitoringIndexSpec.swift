import Quartier
import QuartierMethods

/// The composite index of a monitoring: which method, on which level and year, from which indicators.
///
/// ```toml
/// [index]
/// method = "berlin-mss"        # or "weighted-z-sum"
/// level = "block"
/// year = 2023                  # default: the newest year
/// status = ["kinderarmut", "sgb2_quote", "jugend_sgb2"]
/// dynamics = ["kinderarmut", "sgb2_quote", "jugend_sgb2"]   # berlin-mss: their change ([dynamics])
/// weights = [0.5, 0.25, 0.25]  # weighted-z-sum only; directions come from the indicators
/// min_population = 300         # areas with fewer records get no index (MSS, Hamburg: 300)
/// sd = "population"            # or "sample": the SD divisor of every z-score
/// rank_draws = 200             # rank intervals (IndexRankUncertainty): simulated rankings, 1 … 100,000
/// rank_seed = 20211231         # the simulation's seed (0 … 2^63 − 1)
/// rank_level = 0.9             # the coverage of the rank interval, 0 < level < 1
/// ```
public struct MonitoringIndexSpec: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case berlinMSS = "berlin-mss"
        case weightedZSum = "weighted-z-sum"
    }

    public var method: Method
    public var level: String
    public var year: Int?
    public var status: [String]
    public var dynamics: [String]
    public var weights: [Double]?
    public var minPopulation: Int
    public var divisor: StandardDeviationDivisor
    /// The number of simulated rankings behind the rank intervals (`[index] rank_draws`).
    public var rankDraws: Int = IndexRankUncertainty.defaultDraws
    /// The seed of the rank simulation (`[index] rank_seed`).
    public var rankSeed: UInt64 = IndexRankUncertainty.defaultSeed
    /// The coverage of the rank interval (`[index] rank_level`).
    public var rankLevel: Double = IndexRankUncertainty.defaultLevel
}

/// One area's index: the inputs' z-values, the sums and indices, the classes and the rank.
public struct IndexValue: Sendable, Hashable {
    public var areaID: String
    public var year: Int
    /// Whether the area takes part in the standardisation; otherwise `invalidReason` says why.
    public var valid: Bool
    public var invalidReason: String?
    public var statusZ: [Double?]
    public var statusSum: Double?
    public var statusIndex: Double?
    public var statusClass: String?
    public var dynamicsZ: [Double?]
    public var dynamicsSum: Double?
    public var dynamicsIndex: Double?
    public var dynamicsClass: String?
    /// The combined MSS class (`2-`, `1+/-`, ...), nil for other methods.
    public var combinedClass: String?
    /// Rank by the (status) index, 1 = most disadvantaged, ties share the lowest rank (`min`).
    public var rank: Int?
}
