import Foundation
import QuartierMethods
import Testing

@Suite struct EnglishIMDTests {
    /// METHODS.md transform vectors.
    @Test(arguments: [
        (32_844, 1, 100.0), (32_844, 3_285, 50.4291), (32_844, 6_569, 35.8595), (32_844, 16_422, 15.6482), (32_844, 32_844, 0.0007),
        (5, 1, 100.0), (5, 2, 35.8568), (5, 3, 20.6327), (5, 4, 11.5515), (5, 5, 5.058),
    ])
    func exponentialTransform(count: Int, rank: Int, expected: Double) {
        let value = EnglishIMD.exponentialTransform(rank: Double(rank), count: count)
        #expect(abs(value - expected) < 5e-5, "\(value)")
    }

    /// The published weights (22.5, 22.5, 13.5, 13.5, 9.3, 9.3, 9.3 %) add up to 99.9 %, not 100 %:
    /// they are used as published, not renormalised.
    @Test func publishedWeightsAreUsedAsPublished() {
        #expect(abs(EnglishIMD.Domain.allCases.reduce(0) { $0 + $1.weight2019 } - 0.999) < 1e-12)
    }

    /// Recombining the seven published domain ranks of 32,844 LSOAs reproduces the published IMD rank
    /// for ≥ 99.67 % (max difference 2) and the decile for 100 %.
    @Test func recombinationReproducesThePublishedRanksAndDeciles() throws {
        let file = try OfficialTable("uk-imd-2019/imd2019_england_lsoa11_ranks_deciles.csv")
        let columns: [(String, EnglishIMD.Domain)] = [
            ("Income_rank", .income), ("Employment_rank", .employment), ("Education_rank", .education), ("Health_rank", .health),
            ("Crime_rank", .crime), ("Housing_and_Access_rank", .barriers), ("Environment_rank", .livingEnvironment),
        ]
        let ranks = try columns.map { column in try file.numbers(column.0).map { try #require($0) } }
        let result = EnglishIMD.combine(domainRanks: ranks, weights: columns.map(\.1.weight2019), ties: .min, groups: .ceiling)
        let publishedRank = try file.numbers("IMD_rank"), publishedDecile = try file.numbers("IMD_decile")
        #expect(result.rank.count == 32_844)
        var exact = 0, maximum = 0.0, decilesEqual = 0
        for i in result.rank.indices {
            let difference = abs(result.rank[i] - (try #require(publishedRank[i])))
            if difference == 0 { exact += 1 }
            maximum = max(maximum, difference)
            if Double(result.decile[i]) == publishedDecile[i] { decilesEqual += 1 }
        }
        #expect(Double(exact) / 32_844 >= 0.9967, "exact \(exact)")
        #expect(maximum <= 2)
        #expect(decilesEqual == 32_844)
    }
}
