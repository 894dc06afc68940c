/// How tied values share ranks (the names are pandas' `rank(method=)` and R's `ties.method`).
public enum TieRule: String, Sendable, Hashable, CaseIterable {
    /// Ties take the lowest rank of their block (1, 2, 2, 4): the IMD convention.
    case min
    /// Ties share a rank and the next value follows on (1, 2, 2, 3).
    case dense
    /// Ties take the mean rank of their block (1, 2.5, 2.5, 4).
    case average
    /// Ties are broken by input order (1, 2, 3, 4).
    case ordinal
}

/// Which end of the scale gets rank 1.
public enum RankOrder: String, Sendable, Hashable, CaseIterable {
    /// The largest value is rank 1 (the most deprived when larger means more deprivation, as the IMD score).
    case descending
    /// The smallest value is rank 1.
    case ascending
}

/// What happens to an area without a value. Never ranked as if it were the least (or most) deprived.
public enum MissingValueRule: Sendable, Hashable {
    /// The area gets no rank and is marked (`RankedValues.missing`); N counts only the ranked areas.
    case excludeAndMark
    /// The area takes its parent area's value (`parentValues` gives it per area); still missing when
    /// the parent has none.
    case parentValue([Double?])
}

/// The result of a ranking: a rank per area (nil where excluded) and which areas were missing.
public struct RankedValues: Sendable, Hashable {
    /// Ranks in input order; nil for an excluded area. Doubles because `.average` gives halves.
    public var ranks: [Double?]
    /// Areas whose own value was missing (excluded, or filled from their parent).
    public var missing: [Bool]
    /// Areas whose value was taken from the parent.
    public var filledFromParent: [Bool]
    /// The number of ranked areas (N of the decile formulas).
    public var rankedCount: Int
}

/// Ranks with a named tie rule and a named missing-value rule.
///
/// Source: ranking as the English IoD 2019 Technical Report (MHCLG 2019, §3) uses it (rank 1 = most
/// deprived, ties `.min`); tie rules as in pandas `DataFrame.rank`.
public enum Ranking {
    /// Ranks of complete values.
    /// - Complexity: O(n log n).
    public static func ranks(_ values: [Double], order: RankOrder, ties: TieRule) -> [Double] {
        let n = values.count
        // Sort (value, position) pairs in place: contiguous keys, no indirection through `values`.
        var keyed = values.enumerated().map { (value: $0.element, position: $0.offset) }
        switch order {
        case .descending: keyed.sort { $0.value > $1.value || ($0.value == $1.value && $0.position < $1.position) }
        case .ascending: keyed.sort { $0.value < $1.value || ($0.value == $1.value && $0.position < $1.position) }
        }
        let indices = keyed.map(\.position)
        var ranks = [Double](repeating: 0, count: n)
        var position = 0, dense = 0
        while position < n {
            var end = position + 1
            while end < n && values[indices[end]] == values[indices[position]] { end += 1 }
            dense += 1
            for k in position..<end {
                let rank: Double
                switch ties {
                case .min: rank = Double(position + 1)
                case .dense: rank = Double(dense)
                case .average: rank = Double(position + 1 + end) / 2
                case .ordinal: rank = Double(k + 1)
                }
                ranks[indices[k]] = rank
            }
            position = end
        }
        return ranks
    }

    /// Ranks of values that may be missing (nil or NaN), under a named rule.
    public static func ranks(_ values: [Double?], order: RankOrder, ties: TieRule, missing rule: MissingValueRule) -> RankedValues {
        let own = values.map { $0.flatMap { $0.isNaN ? nil : $0 } }
        let missing = own.map { $0 == nil }
        var filled = [Bool](repeating: false, count: values.count)
        var effective = own
        if case .parentValue(let parents) = rule {
            precondition(parents.count == values.count, "one parent value per area")
            for index in own.indices where own[index] == nil {
                if let value = parents[index], !value.isNaN {
                    effective[index] = value
                    filled[index] = true
                }
            }
        }
        let present = effective.indices.filter { effective[$0] != nil }
        let presentRanks = ranks(present.map { effective[$0]! }, order: order, ties: ties)
        var result = [Double?](repeating: nil, count: values.count)
        for (k, index) in present.enumerated() { result[index] = presentRanks[k] }
        return RankedValues(ranks: result, missing: missing, filledFromParent: filled, rankedCount: present.count)
    }
}

/// How ranks are cut into k groups (deciles k = 10, quintiles k = 5).
public enum QuantileGroupRule: String, Sendable, Hashable, CaseIterable {
    /// group = ⌈k·rank/N⌉ with the given ranks (ties share the best rank, as `.min` ranks give): the
    /// English IMD decile (MHCLG IoD 2019 Technical Report).
    case ceiling
    /// SQL `NTILE(k)` (and dplyr ≥ 1.1 `ntile`): the areas in rank order cut into k groups whose sizes
    /// differ by at most one, the larger groups first; ties may fall in different groups (GISD
    /// quintiles, Kroll et al. 2017).
    case ntile
}

/// Deciles, quintiles or any k groups of ranks.
public enum QuantileGroups {
    /// Groups 1…k from ranks (1 = best rank's group).
    /// - Parameters:
    ///   - ranks: ranks 1…N (for `.ntile`, ordinal ranks; other ranks are ordered by value then input order).
    ///   - count: N, the number of ranked areas.
    ///   - groups: k.
    public static func groups(ranks: [Double?], count: Int, groups k: Int, rule: QuantileGroupRule) -> [Int?] {
        precondition(k > 0, "at least one group")
        switch rule {
        case .ceiling:
            return ranks.map { rank in rank.map { Int((Double(k) * $0 / Double(count)).rounded(.up)) } }
        case .ntile:
            let present = ranks.indices.filter { ranks[$0] != nil }
            let ordered = present.sorted { ranks[$0]! < ranks[$1]! || (ranks[$0]! == ranks[$1]! && $0 < $1) }
            var result = [Int?](repeating: nil, count: ranks.count)
            let small = count / k, larger = count % k // the first `larger` groups hold small + 1
            for (position, index) in ordered.enumerated() {
                let boundary = larger * (small + 1)
                result[index] = position < boundary ? position / (small + 1) + 1 : larger + (position - boundary) / max(small, 1) + 1
            }
            return result
        }
    }
}
