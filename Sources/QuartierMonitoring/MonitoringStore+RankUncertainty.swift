import Foundation
import GRDB
import Quartier

extension MonitoringStoreTables {
    /// The store's `index_rank_uncertainty` table: per index area and year the observed rank, the
    /// simulated rank interval, the probability of the most deprived class, whether that class is
    /// uncertain (`Summary.isUncertain`), and the draws, seed and coverage that produced them
    /// (`IndexRankUncertainty`; the spec's `[index] rank_draws`, `rank_seed`, `rank_level`).
    static func rankUncertaintyTable(_ rows: [IndexRankUncertainty.Summary], level: String) -> Table {
        Table(
            name: "index_rank_uncertainty",
            columns: [.init("level", .text), .init("area_id", .text), .init("year", .integer), .init("rank", .integer),
                      .init("rank_low", .integer), .init("rank_high", .integer), .init("p_most_deprived_class", .real),
                      .init("uncertain_class", .boolean), .init("draws", .integer), .init("seed", .integer), .init("coverage", .real)],
            rows: rows.map {
                [.text(level), .text($0.areaID), StoreValue($0.year), StoreValue($0.rank), StoreValue($0.lower), StoreValue($0.upper),
                 StoreValue($0.probabilityTopClass), .boolean($0.isUncertain), StoreValue($0.draws), .integer(Int64(bitPattern: $0.seed)), StoreValue($0.level)]
            },
            indexOn: ["area_id"],
            description: "Rank uncertainty of the index: counts drawn again (binomial at the observed rate) through the whole index computation; rank interval at the given coverage (quantiles type 1), probability of the most deprived class, uncertain when 10–90 % of the draws put the area in it")
    }
}

extension IndexRankUncertainty {
    /// The columns of the store's `index_rank_uncertainty`, in the order `read` reads them.
    static let storeColumns = ["area_id", "year", "rank", "rank_low", "rank_high", "p_most_deprived_class", "draws", "seed", "coverage"]

    /// The rank intervals as a store holds them (`index_rank_uncertainty`), in the stored order; nil
    /// when the store has no such table.
    public static func read(from reader: some MonitoringStoreReader) throws -> [Summary]? {
        try reader.rows(of: "index_rank_uncertainty", columns: storeColumns, level: nil)?.map { row in
            Summary(areaID: row[0].string ?? "", year: row[1].int ?? 0, rank: row[2].int ?? 0, lower: row[3].int ?? 0,
                    upper: row[4].int ?? 0, probabilityTopClass: row[5].double ?? .nan, draws: row[6].int ?? 0,
                    seed: UInt64(bitPattern: row[7].int64 ?? 0), level: row[8].double ?? .nan)
        }
    }
}

extension GeoPackageStore {
    /// The rank intervals stored in this GeoPackage (`IndexRankUncertainty.read`); nil without the table.
    public func rankUncertainty() throws -> [IndexRankUncertainty.Summary]? {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try IndexRankUncertainty.read(from: Reader(db: db)) }
    }
}
