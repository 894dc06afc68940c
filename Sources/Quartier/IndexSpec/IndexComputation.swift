import QuartierBase
import QuartierMethods
import QuartierTable

/// Computes an index from a spec and its inputs and lays the result out as a table: the id, every
/// intermediate (z-values, sums, transformed domains), the index, its rank and its class, for every
/// area (invalid ones marked with their reason, not dropped).
public struct IndexComputation: Sendable {
    /// One output column, kept column-major so that computing costs no per-cell allocation; rows are
    /// laid out only for writing.
    public enum Column: Sendable {
        case text([String])
        case doubles([Double])
        case numbers([Double?])
        case integers([Int?])

        func value(_ row: Int) -> CSVWriter.Value {
            switch self {
            case .text(let values): .text(values[row])
            case .doubles(let values): .number(values[row])
            case .numbers(let values): values[row].map { .number($0) } ?? .absent(marker: "")
            case .integers(let values): values[row].map { .integer(Int64($0)) } ?? .absent(marker: "")
            }
        }
    }

    public var header: [String]
    public var columns: [Column]
    public var rowCount: Int

    public init(header: [String], columns: [Column], rowCount: Int) {
        precondition(header.count == columns.count, "one name per column")
        self.header = header
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The table row by row, as written.
    public var rows: [[CSVWriter.Value]] {
         (0..<rowCount).map { row in columns.map { $0.value(row) } }
    }

    /// Runs the spec's method.
    /// - Throws: `CompositeIndexError` (e.g. a missing value under `missing = "fail"`, naming area and indicator).
    public init(spec: IndexSpec, inputs: IndexInputs) throws {
        switch spec.method {
        case .berlinMSS: self = try Self.berlinMSS(spec, inputs)
        case .englishIMD: self = try Self.englishIMD(spec, inputs)
        case .weightedZSum, .townsend, .carstairs, .gisd: self = try Self.zIndex(spec, inputs)
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
        let reasons = inputs.ids.indices.map { area in
            result.valid[area] || !inputs.valid[area] ? inputs.validityText[area] : "missing value"
        }
        func labels(_ classes: [Int?], _ names: [String]) -> Column { .text(classes.map { $0.map { names[$0] } ?? "" }) }
        var columns: [Column] = [.text(inputs.ids), .text(result.valid.map { $0 ? "yes" : "no" }), .text(reasons)]
        columns += result.status.z.map { .numbers($0) }
        columns += [.numbers(result.status.sum), .numbers(result.status.index), .numbers(statusRank.ranks),
                    .integers(result.statusClass.map { $0?.rawValue }), labels(result.status.classIndex, statusLabels)]
        if let side = result.dynamics, let dynamicsRank {
            columns += side.z.map { .numbers($0) }
            columns += [.numbers(side.sum), .numbers(side.index), .numbers(dynamicsRank.ranks),
                        .integers(result.dynamicsClass.map { $0?.rawValue }), labels(side.classIndex, dynamicsLabels),
                        .text(result.combined.map { $0 ?? "" })]
        }
        return IndexComputation(header: header, columns: columns, rowCount: inputs.ids.count)
    }

    static func englishIMD(_ spec: IndexSpec, _ inputs: IndexInputs) throws -> IndexComputation {
        var ranks: [[Double]] = []
        ranks.reserveCapacity(spec.indicators.count)
        for (k, column) in inputs.values.enumerated() {
            var values = [Double](repeating: 0, count: column.count)
            for (area, value) in column.enumerated() {
                guard let value else { throw CompositeIndexError.missingValue(area: inputs.ids[area], indicator: spec.indicators[k].column) }
                values[area] = value
            }
            ranks.append(values)
        }
        let groups = spec.ranking?.groups ?? 10
        let result = EnglishIMD.combine(domainRanks: ranks, weights: spec.indicators.map { $0.weight! }, ties: tieRule(spec), groups: groupRule(spec))
        let group = groups == 10 ? result.decile.map(Optional.some)
            : QuantileGroups.groups(ranks: result.rank.map(Optional.some), count: result.rank.count, groups: groups, rule: groupRule(spec))
        let header = [spec.id] + spec.indicators.map { "x_\($0.column)" } + ["score", "rank", groups == 10 ? "decile" : "group"]
        let columns: [Column] = [.text(inputs.ids)] + result.transformed.map { .doubles($0) }
            + [.doubles(result.score), .doubles(result.rank), .integers(group)]
        return IndexComputation(header: header, columns: columns, rowCount: inputs.ids.count)
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
        let values = inputs.values.map { column in members.map { column[$0]! } }
        let names = spec.indicators.map(\.column)
        var z: [[Double]], index: [Double]
        var zNames = names.map { "z_\($0)" }
        switch spec.method {
        case .gisd:
            var dimensionNames: [String] = []
            for indicator in spec.indicators where !dimensionNames.contains(indicator.group!) { dimensionNames.append(indicator.group!) }
            let dimensions = dimensionNames.map { name -> GISD.Dimension in
                let members = spec.indicators.indices.filter { spec.indicators[$0].group == name }
                let reference = members.firstIndex { spec.indicators[$0].direction != "less" } ?? 0
                return GISD.Dimension(name: name, indicators: members.map { values[$0] }, signReference: reference)
            }
            let result = GISD.compute(dimensions: dimensions, divisor: try spec.divisor())
            (z, index) = (result.dimensionScores, result.index)
            zNames = dimensionNames.map { "dimension_\($0)" }
        case .townsend:
            func role(_ name: String) -> [Double] { values[spec.indicators.firstIndex { $0.group == name }!] }
            let result = Townsend.compute(unemployment: role("unemployment"), overcrowding: role("overcrowding"), noCar: role("no-car"),
                                          notOwnerOccupied: role("not-owner-occupied"), divisor: try spec.divisor())
            (z, index) = (result.z, result.index)
        case .carstairs:
            let result = Carstairs.compute(indicators: values, population: members.map { inputs.population[$0]! })
            (z, index) = (result.z, result.index)
        default:
            let result = try WeightedZSum.compute(indicators: values, names: names,
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
        let header = [spec.id, "valid", "validity"] + zNames + ["index", "rank", "group"] + (breaks == nil ? [] : ["class", "class_label"])
        var position = [Int?](repeating: nil, count: inputs.ids.count)
        for (k, area) in members.enumerated() { position[area] = k }
        let reasons = inputs.ids.indices.map { valid[$0] || !inputs.valid[$0] ? inputs.validityText[$0] : "missing value" }
        var columns: [Column] = [.text(inputs.ids), .text(valid.map { $0 ? "yes" : "no" }), .text(reasons)]
        columns += z.map { column -> Column in .numbers(position.map { $0.map { column[$0] } }) }
        columns += [.numbers(full), .numbers(ranked.ranks), .integers(groups)]
        if let breaks {
            let classes = full.map { $0.map { breaks.classBreaks.classIndex(of: $0) } }
            columns += [.integers(classes.map { $0.map { $0 + 1 } }), .text(classes.map { c in c.flatMap { breaks.labels?[$0] } ?? "" })]
        }
        return IndexComputation(header: header, columns: columns, rowCount: inputs.ids.count)
    }

    /// Writes the table atomically as CSV (`,`, shortest round-trip numbers).
    public func write(to path: String) throws {
        try CSVWriter().write(header: header, rows: rows, to: path)
    }
}
