import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierMethods
import QuartierTable

/// `quartier rank`: ranks and quantile groups of one column, with the tie rule and the missing rule named.
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank a column (tie rule min, dense, average or ordinal) and cut it into deciles or other groups.",
        discussion: """
            Rank 1 is the largest value with --order descending (the most deprived when larger means more \
            deprivation). Groups: ceiling = ceil(k*rank/N) (English IMD), ntile = equal sizes (GISD). Areas \
            without a value are excluded and marked (--missing exclude) or take their parent's value from \
            --parent-value (--missing parent); they are never ranked last. With --events and --population the \
            rate events/population is ranked and its rank uncertainty simulated (seeded xoshiro256**): \
            rank_lower/rank_upper = central --level interval of the simulated ranks, p_<group>_1 = share of \
            draws in the top group (e.g. the most deprived decile).
            """)

    @Option(help: "The input CSV.") var input: String
    @Option(help: "The area id column.") var id: String
    @Option(help: "The column to rank (or, with --events and --population, the name of the rate).") var column: String
    @Option(help: "Numerator counts: rank the rate events/population and simulate its rank uncertainty.") var events: String?
    @Option(help: "Denominator counts (with --events).") var population: String?
    @Option(help: "Sampling model of the rates: binomial, poisson or eb (gamma-Poisson empirical Bayes posterior).") var model: String = "binomial"
    @Option(help: "Simulated rankings (with --events).") var draws: Int = 1000
    @Option(help: "Seed of the xoshiro256** generator (same seed, same output).") var seed: UInt64 = 1
    @Option(help: "Coverage of the rank interval.") var level: Double = 0.9
    @Option(help: "descending (largest = rank 1) or ascending.") var order: String = "descending"
    @Option(help: "Tie rule: min, dense, average or ordinal.") var ties: String = "min"
    @Option(help: "Number of groups (10 = deciles, 5 = quintiles).") var groups: Int = 10
    @Option(help: "Group rule: ceiling or ntile.") var groupRule: String = "ceiling"
    @Option(help: "Missing values: exclude (marked, unranked) or parent (take --parent-value).") var missing: String = "exclude"
    @Option(help: "The column holding each area's parent value (with --missing parent).") var parentValue: String?
    @Option(help: "The output CSV.") var out: String

    func validate() throws {
        guard RankOrder(rawValue: order) != nil else { throw ValidationError("--order must be descending or ascending, not '\(order)'") }
        guard TieRule(rawValue: ties) != nil else { throw ValidationError("--ties must be min, dense, average or ordinal, not '\(ties)'") }
        guard QuantileGroupRule(rawValue: groupRule) != nil else { throw ValidationError("--group-rule must be ceiling or ntile, not '\(groupRule)'") }
        guard groups >= 1 else { throw ValidationError("--groups must be at least 1") }
        guard missing == "exclude" || missing == "parent" else { throw ValidationError("--missing must be exclude or parent, not '\(missing)'") }
        if missing == "parent" && parentValue == nil { throw ValidationError("--missing parent needs --parent-value COLUMN") }
        if (events == nil) != (population == nil) { throw ValidationError("--events and --population go together") }
        guard ["binomial", "poisson", "eb"].contains(model) else { throw ValidationError("--model must be binomial, poisson or eb, not '\(model)'") }
        guard draws >= 1, level > 0, level < 1 else { throw ValidationError("--draws must be ≥ 1 and --level in (0, 1)") }
    }

    func run() async throws {
        let table = try Table.read(path: input, options: TableOptions(textColumns: [id]))
        let idColumn = try table.columnIndex(id)
        let valueColumn = events == nil ? try table.columnIndex(column) : nil
        let parentColumn = try parentValue.map { try table.columnIndex($0) }
        var seen: [String: Int] = [:]
        var ids: [String] = []
        for row in 0..<table.rowCount {
            let areaID = table.text(row: row, column: idColumn) ?? ""
            if let line = seen[areaID] {
                throw InputError(table.location(row: row, column: idColumn), found: "duplicate area id \"\(areaID)\" (first on line \(line))", expected: "one row per area")
            }
            seen[areaID] = table.lines[row]
            ids.append(areaID)
        }
        func numbers(_ column: Int) throws -> [Double?] {
            try (0..<table.rowCount).map { row in try table.areaNumber(row: row, column: column, area: ids[row]) }
        }
        var values = valueColumn.map { _ in [Double?]() } ?? []
        var uncertainty: [RankUncertainty.AreaSummary?] = Array(repeating: nil, count: ids.count)
        if let events, let population {
            let e = try numbers(try table.columnIndex(events)), b = try numbers(try table.columnIndex(population))
            values = zip(e, b).map { e, b in e.flatMap { e in b.flatMap { $0 > 0 ? e / $0 : nil } } }
            let complete = ids.indices.filter { values[$0] != nil }
            let model: RankUncertainty.Model = switch self.model { case "poisson": .poisson; case "eb": .empiricalBayesPosterior; default: .binomial }
            let summary = RankUncertainty.simulateRates(events: complete.map { e[$0]! }, population: complete.map { b[$0]! }, model: model,
                                                        draws: draws, seed: seed, level: level, groups: groups)
            for (k, area) in complete.enumerated() { uncertainty[area] = summary[k] }
        } else {
            values = try numbers(valueColumn!)
        }
        let rule: MissingValueRule = try parentColumn.map { .parentValue(try numbers($0)) } ?? .excludeAndMark
        let ranked = Ranking.ranks(values, order: RankOrder(rawValue: order)!, ties: TieRule(rawValue: ties)!, missing: missing == "parent" ? rule : .excludeAndMark)
        let group = QuantileGroups.groups(ranks: ranked.ranks, count: ranked.rankedCount, groups: groups, rule: QuantileGroupRule(rawValue: groupRule)!)
        let groupName = groups == 10 ? "decile" : groups == 5 ? "quintile" : "group"
        let rows = ids.indices.map { i -> [CSVWriter.Value] in
            let status = ranked.filledFromParent[i] ? "parent value" : ranked.missing[i] ? "missing, not ranked" : ""
            var row: [CSVWriter.Value] = [.text(ids[i]), values[i].map { .number($0) } ?? .absent(marker: ""), ranked.ranks[i].map { .number($0) } ?? .absent(marker: ""),
                                          group[i].map { .integer(Int64($0)) } ?? .absent(marker: ""), .text(status)]
            if events != nil {
                let u = uncertainty[i]
                row += [u.map { .number($0.lower) } ?? .absent(marker: ""), u.map { .number($0.upper) } ?? .absent(marker: ""),
                        u.map { .number($0.probabilityTopGroup) } ?? .absent(marker: "")]
            }
            return row
        }
        let level = Int((self.level * 100).rounded())
        let extra = events == nil ? [] : ["rank_lower_\(level)", "rank_upper_\(level)", "p_\(groupName)_1"]
        try CSVWriter().write(header: [id, column, "rank", groupName, "note"] + extra, rows: rows, to: out)
        print("ranked \(ranked.rankedCount) of \(ids.count) areas (ties \(ties), \(groupName)s by \(groupRule)) → \(out)")
    }
}
