import QuartierMethods
import Testing

@Suite struct RankingTests {
    /// pandas `Series([10, 20, 20, 30]).rank(method=..., ascending=False)`.
    @Test(arguments: [(TieRule.min, [4.0, 2, 2, 1]), (.dense, [3, 2, 2, 1]), (.average, [4, 2.5, 2.5, 1]), (.ordinal, [4, 2, 3, 1])])
    func tieRules(rule: TieRule, expected: [Double]) {
        #expect(Ranking.ranks([10, 20, 20, 30], order: .descending, ties: rule) == expected)
    }

    @Test func missingValuesAreExcludedAndMarkedNotRankedLast() {
        let ranked = Ranking.ranks([5, nil, 3, .nan], order: .descending, ties: .min, missing: .excludeAndMark)
        #expect(ranked.ranks == [1, nil, 2, nil])
        #expect(ranked.missing == [false, true, false, true])
        #expect(ranked.rankedCount == 2)
    }

    @Test func missingValuesCanTakeTheParentValue() {
        let ranked = Ranking.ranks([5, nil, 3, nil], order: .descending, ties: .min, missing: .parentValue([nil, 4, nil, nil]))
        #expect(ranked.ranks == [1, 2, 3, nil])
        #expect(ranked.filledFromParent == [false, true, false, false])
    }

    /// Deciles by ⌈10·rank/N⌉ (ties share the best rank's decile) and by ntile (equal group sizes).
    @Test func decilesBothWays() {
        let values: [Double] = [9, 8, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]
        let ranks = Ranking.ranks(values, order: .descending, ties: .min).map(Optional.some)
        #expect(QuantileGroups.groups(ranks: ranks, count: 12, groups: 10, rule: .ceiling) == [1, 2, 2, 4, 5, 5, 6, 7, 8, 9, 10, 10])
        let ordinal = Ranking.ranks(values, order: .descending, ties: .ordinal).map(Optional.some)
        #expect(QuantileGroups.groups(ranks: ordinal, count: 12, groups: 5, rule: .ntile) == [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5])
    }
}
