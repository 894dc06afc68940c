import GRDB
import Quartier

extension MonitoringStore {
    /// The store's `index_rank_uncertainty` table: per index area and year the observed rank, the
    /// simulated rank interval, the probability of the most deprived class, and the draws, seed and
    /// coverage that produced them (`IndexRankUncertainty`).
    static func writeRankUncertainty(_ writer: GeoPackageWriter, _ rows: [IndexRankUncertainty.Summary], level: String) throws {
        try writer.writeAttributeTable(
            name: "index_rank_uncertainty",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("rank", .integer),
                      .init("rank_low", .integer), .init("rank_high", .integer), .init("p_most_deprived_class", .real),
                      .init("draws", .integer), .init("seed", .integer), .init("coverage", .real)],
            rows: rows.map { [level, $0.areaID, $0.year, $0.rank, $0.lower, $0.upper, $0.probabilityTopClass, $0.draws, Int64(bitPattern: $0.seed), $0.level] },
            indexOn: ["area_id"],
            description: "Rank uncertainty of the index: counts drawn again (binomial at the observed rate) through the whole index computation; rank interval at the given coverage (quantiles type 1), probability of the most deprived class")
    }
}
