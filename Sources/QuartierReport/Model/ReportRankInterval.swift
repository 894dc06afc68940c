/// A simulated rank interval of an index area (rank 1 = most disadvantaged), as the monitoring's
/// `index_rank_uncertainty` holds it: the central interval of the simulated ranks at `coverage`, the
/// share of draws in the most deprived class, whether that class is uncertain, and the simulation's
/// draws and seed (QuartierMonitoring `IndexRankUncertainty`, after Goldstein & Spiegelhalter 1996).
public struct ReportRankInterval: Sendable, Hashable {
    public var lower: Int
    public var upper: Int
    public var probabilityTopClass: Double
    public var uncertain: Bool
    public var coverage: Double
    public var draws: Int
    public var seed: UInt64

    public init(lower: Int, upper: Int, probabilityTopClass: Double, uncertain: Bool, coverage: Double, draws: Int, seed: UInt64) {
        self.lower = lower
        self.upper = upper
        self.probabilityTopClass = probabilityTopClass
        self.uncertain = uncertain
        self.coverage = coverage
        self.draws = draws
        self.seed = seed
    }
}
