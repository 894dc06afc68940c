import QuartierBase
import QuartierMethods
import QuartierTable

/// Computes an index from a spec and its inputs and lays the result out as a table: the id, every
/// intermediate (z-values, sums, transformed domains), the index, its rank and its class, for every
/// area (invalid ones marked with their reason, not dropped).
public struct IndexComputation: Sendable {
    public var header: [String]
    public var rows: [[CSVWriter.Value]]

    public init(header: [String], rows: [[CSVWriter.Value]]) {
        self.header = header
        self.rows = rows
    }

    /// Runs the spec's method.
    /// - Throws: `CompositeIndexError` (e.g. a missing value under `missing = "fail"`, naming area and indicator).
    public init(spec: IndexSpec, inputs: IndexInputs) throws {
        switch spec.method {
        case .berlinMSS: self = try Self.berlinMSS(spec, inputs)
        case .englishIMD: self = try Self.englishIMD(spec, inputs)
        case .weightedZSum, .townsend, .carstairs: self = try Self.zIndex(spec, inputs)
        }
    }

    static func number(_ value: Double?) -> CSVWriter.Value { value.map { .number($0) } ?? .absent(marker: "") }
    static func integer(_ value: Int?) -> CSVWriter.Value { value.map { .integer(Int64($0)) } ?? .absent(marker: "") }

    static func tieRule(_ spec: IndexSpec) -> TieRule { spec.ranking?.ties.flatMap(TieRule.init(rawValue:)) ?? .min }
    static func groupRule(_ spec: IndexSpec) -> QuantileGroupRule { spec.ranking?.groupRule.flatMap(QuantileGroupRule.init(rawValue:)) ?? .ceiling }

    static func berlinMSS(_ spec: IndexSpec, _ inputs: IndexInputs) throws -> IndexComputation {
        let status = spec.indicators.indices.filter { spec.indicators[$0].group == "status" }
        let dynamics = spec.indicators.indices.filter { spec.indicators[$0].group == "dynamics" }
        let result = try BerlinMSS.compute(
            ids: inputs.ids, status: status.map { inputs.values[$0] }, statusNames: status.map { spec.indicators[$0].column },
            dynamics: dynamics.map { inputs.values[$0] }, dynamicsNames: dynamics.map { spec.indicators[$0].column },
            valid: inputs.valid, divisor: try spec.divisor(), missing: spec.missing == "mark-invalid" ? .markInvalid : .fail,
            statusBreaks: spec.classes?["status"]?.classBreaks ?? BerlinMSS.statusBreaks,
            dynamicsBreaks: spec.classes?["dynamics"]?.classBreaks ?? BerlinMSS.dynamicsBreaks)
        let ties = tieRule(spec)
        let statusRank = Ranking.ranks(result.status.index, order: .descending, ties: ties, missing: .excludeAndMark)
        let dynamicsRank = result.dynamics.map { Ranking.ranks($0.index, order: .descending, ties: ties, missing: .excludeAndMark) }
        let statusLabels = spec.classes?["status"]?.labels ?? BerlinMSS.StatusClass.allCases.map(\.label)
        let dynamicsLabels = spec.classes?["dynamics"]?.labels ?? BerlinMSS.DynamicsClass.allCases.map(\.label)

        var header = [spec.id, "valid", "validity"] + status.map { "z_\(spec.indicators[$0].column)" }
            + ["status_sum", "status_index", "status_rank", "status_class", "status_label"]
        if result.dynamics != nil {
            header += dynamics.map { "z_\(spec.indicators[$0].column)" } + ["dynamics_sum", "dynamics_index", "dynamics_rank", "dynamics_class", "dynamics_label", "combined_class"]
        }
        var rows: [[CSVWriter.Value]] = []
        for area in inputs.ids.indices {
            let valid = result.valid[area]
            let reason = valid ? inputs.validityText[area] : (inputs.valid[area] ? "missing value" : inputs.validityText[area])
            var row: [CSVWriter.Value] = [.text(inputs.ids[area]), .text(valid ? "yes" : "no"), .text(reason)]
            row += result.status.z.map { number($0[area]) }
            row += [number(result.status.sum[area]), number(result.status.index[area]), number(statusRank.ranks[area]),
                    integer(result.statusClass[area]?.rawValue), result.status.classIndex[area].map { .text(statusLabels[$0]) } ?? .absent(marker: "")]
            if let side = result.dynamics, let dynamicsRank {
                row += side.z.map { number($0[area]) }
                row += [number(side.sum[area]), number(side.index[area]), number(dynamicsRank.ranks[area]),
                        integer(result.dynamicsClass[area]?.rawValue), side.classIndex[area].map { .text(dynamicsLabels[$0]) } ?? .absent(marker: ""),
                        result.combined[area].map { .text($0) } ?? .absent(marker: "")]
            }
            rows.append(row)
        }
        return IndexComputation(header: header, rows: rows)
    }

    static func englishIMD(_ spec: IndexSpec, _ inputs: IndexInputs) throws -> IndexComputation {
        let ranks = try spec.indicators.indices.map { k in
            try inputs.values[k].enumerated().map { area, value in
                guard let value else { throw CompositeIndexError.missingValue(area: inputs.ids[area], indicator: spec.indicators[k].column) }
                return value
            }
        }
        let groups = spec.ranking?.groups ?? 10
        let result = EnglishIMD.combine(domainRanks: ranks, weights: spec.indicators.map { $0.weight! }, ties: tieRule(spec), groups: groupRule(spec))
        let group = groups == 10 ? result.decile.map(Optional.some)
            : QuantileGroups.groups(ranks: result.rank.map(Optional.some), count: result.rank.count, groups: groups, rule: groupRule(spec))
        let header = [spec.id] + spec.indicators.map { "x_\($0.column)" } + ["score", "rank", groups == 10 ? "decile" : "group"]
        let rows = inputs.ids.indices.map { area -> [CSVWriter.Value] in
            [.text(inputs.ids[area])] + result.transformed.map { .number($0[area]) }
                + [.number(result.score[area]), .number(result.rank[area]), integer(group[area])]
        }
        return IndexComputation(header: header, rows: rows)
    }

    /// Weighted z-sum, Townsend and Carstairs over the valid areas with complete values.
    static func zIndex(_ spec: IndexSpec, _ inputs: IndexInputs) throws -> IndexComputation {
        var valid = inputs.valid
        for (k, column) in inputs.values.enumerated() {
            for area in column.indices where valid[area] && column[area] == nil {
                if spec.missing == "mark-invalid" { valid[area] = false } else {
                    throw CompositeIndexError.missingValue(area: inputs.ids[area], indicator: spec.indicators[k].column)
                }
            }
        }
        if spec.method == .carstairs {
            for area in inputs.ids.indices where valid[area] && inputs.population[area] == nil {
                if spec.missing == "mark-invalid" { valid[area] = false } else {
                    throw CompositeIndexError.missingValue(area: inputs.ids[area], indicator: spec.population ?? "population")
                }
            }
        }
        let members = inputs.ids.indices.filter { valid[$0] }
        guard members.count >= 2 else { throw CompositeIndexError.tooFewAreas(members.count) }
        let columns = inputs.values.map { column in members.map { column[$0]! } }
        let names = spec.indicators.map(\.column)
        let z: [[Double]], index: [Double]
        switch spec.method {
        case .townsend:
            func role(_ name: String) -> [Double] { columns[spec.indicators.firstIndex { $0.group == name }!] }
            let result = Townsend.compute(unemployment: role("unemployment"), overcrowding: role("overcrowding"), noCar: role("no-car"),
                                          notOwnerOccupied: role("not-owner-occupied"), divisor: try spec.divisor())
            (z, index) = (result.z, result.index)
        case .carstairs:
            let result = Carstairs.compute(indicators: columns, population: members.map { inputs.population[$0]! })
            (z, index) = (result.z, result.index)
        default:
            let result = try WeightedZSum.compute(indicators: columns, names: names,
                                                  directions: spec.indicators.map { $0.direction == "less" ? .lessDisadvantage : .moreDisadvantage },
                                                  weights: spec.indicators.map { $0.weight! }, divisor: try spec.divisor())
            (z, index) = (result.z, result.index)
        }
        var full = [Double?](repeating: nil, count: inputs.ids.count)
        for (k, area) in members.enumerated() { full[area] = index[k] }
        let ranked = Ranking.ranks(full, order: .descending, ties: tieRule(spec), missing: .excludeAndMark)
        let k = spec.ranking?.groups ?? 10
        let groups = QuantileGroups.groups(ranks: ranked.ranks, count: ranked.rankedCount, groups: k, rule: groupRule(spec))
        let breaks = spec.classes?["index"]
        let header = [spec.id, "valid", "validity"] + names.map { "z_\($0)" } + ["index", "rank", "group"] + (breaks == nil ? [] : ["class", "class_label"])
        var position = [Int?](repeating: nil, count: inputs.ids.count)
        for (k, area) in members.enumerated() { position[area] = k }
        let rows = inputs.ids.indices.map { area -> [CSVWriter.Value] in
            let p = position[area]
            var row: [CSVWriter.Value] = [.text(inputs.ids[area]), .text(valid[area] ? "yes" : "no"),
                                          .text(valid[area] || !inputs.valid[area] ? inputs.validityText[area] : "missing value")]
            row += z.map { column in number(p.map { column[$0] }) }
            row += [number(full[area]), number(ranked.ranks[area]), integer(groups[area])]
            if let breaks {
                let c = full[area].map { breaks.classBreaks.classIndex(of: $0) }
                row += [integer(c.map { $0 + 1 }), c.flatMap { breaks.labels?[$0] }.map { .text($0) } ?? .absent(marker: "")]
            }
            return row
        }
        return IndexComputation(header: header, rows: rows)
    }

    /// Writes the table atomically as CSV (`,`, shortest round-trip numbers).
    public func write(to path: String) throws {
        try CSVWriter().write(header: header, rows: rows, to: path)
    }
}
