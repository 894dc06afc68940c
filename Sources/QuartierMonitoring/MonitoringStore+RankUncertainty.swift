import Quartier

extension MonitoringStoreTables {
    /// The store's `index_rank_uncertainty` table: per index area and year the observed rank, the
    /// simulated rank interval, the probability of the most deprived class, and the draws, seed and
    /// coverage that produced them (`IndexRankUncertainty`).
    static func rankUncertaintyTable(_ rows: [IndexRankUncertainty.Summary], level: String) -> Table {
        Table(
            name: "index_rank_uncertainty",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("rank", .integer),
                      .init("rank_low", .integer), .init("rank_high", .integer), .init("p_most_deprived_class", .real),
                      .init("draws", .integer), .init("seed", .integer), .init("coverage", .real)],
            rows: rows.map {
                [.text(level), .text($0.areaID), StoreValue($0.year), StoreValue($0.rank), StoreValue($0.lower), StoreValue($0.upper),
                 StoreValue($0.probabilityTopClass), StoreValue($0.draws), .integer(Int64(bitPattern: $0.seed)), StoreValue($0.level)]
            },
            indexOn: ["area_id"],
            description: "Rank uncertainty of the index: counts drawn again (binomial at the observed rate) through the whole index computation; rank interval at the given coverage (quantiles type 1), probability of the most deprived class")
    }
}
