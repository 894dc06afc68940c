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
            --parent-value (--missing parent); they are never ranked last.
            """)

    @Option(help: "The input CSV.") var input: String
    @Option(help: "The area id column.") var id: String
    @Option(help: "The column to rank.") var column: String
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
    }

    func run() async throws {
        let table = try Table.read(path: input, options: TableOptions(textColumns: [id]))
        let idColumn = try table.columnIndex(id), valueColumn = try table.columnIndex(column)
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
        let values = try numbers(valueColumn)
        let rule: MissingValueRule = try parentColumn.map { .parentValue(try numbers($0)) } ?? .excludeAndMark
        let ranked = Ranking.ranks(values, order: RankOrder(rawValue: order)!, ties: TieRule(rawValue: ties)!, missing: missing == "parent" ? rule : .excludeAndMark)
        let group = QuantileGroups.groups(ranks: ranked.ranks, count: ranked.rankedCount, groups: groups, rule: QuantileGroupRule(rawValue: groupRule)!)
        let groupName = groups == 10 ? "decile" : groups == 5 ? "quintile" : "group"
        let rows = ids.indices.map { i -> [CSVWriter.Value] in
            let status = ranked.filledFromParent[i] ? "parent value" : ranked.missing[i] ? "missing, not ranked" : ""
            return [.text(ids[i]), values[i].map { .number($0) } ?? .absent(marker: ""), ranked.ranks[i].map { .number($0) } ?? .absent(marker: ""),
                    group[i].map { .integer(Int64($0)) } ?? .absent(marker: ""), .text(status)]
        }
        try CSVWriter().write(header: [id, column, "rank", groupName, "note"], rows: rows, to: out)
        print("ranked \(ranked.rankedCount) of \(ids.count) areas (ties \(ties), \(groupName)s by \(groupRule)) → \(out)")
    }
}
