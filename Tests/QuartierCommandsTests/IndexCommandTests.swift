import Foundation
import QuartierTable
import QuartierTestSupport
import Testing

@testable import QuartierCommands

@Suite struct IndexCommandTests {
    @Test func indexWritesEveryAreaWithIntermediates() async throws {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("mss.csv").path
        let spec = TestPaths.data.appendingPathComponent("berlin-mss-2021/mss2021.toml").path
        var command = try #require(try QuartierCommand.parseAsRoot(["index", "--spec", spec, "--out", out]) as? IndexCommand)
        try await command.run()
        let table = try Table.read(path: out, options: TableOptions(textColumns: ["PLR_ID"]))
        #expect(table.rowCount == 542)
        for name in ["z_S1", "z_S3", "z_S4", "status_sum", "status_index", "status_rank", "status_class", "combined_class", "validity"] {
            #expect(table.header.contains(name), "\(name)")
        }
        let id = try table.columnIndex("PLR_ID"), index = try table.columnIndex("status_index"), rank = try table.columnIndex("status_rank")
        let best = try #require((0..<table.rowCount).first { table.text(row: $0, column: id) == "08100521" })
        #expect(abs(try #require(try table.number(row: best, column: index)) - 3.7201) < 5e-5)
        #expect(try table.number(row: best, column: rank) == 1)
        _ = command
    }

    @Test func rankWithTieRuleDecilesAndParentValues() async throws {
        let folder = try TestPaths.temporaryFolder()
        let input = folder.appendingPathComponent("in.csv").path, out = folder.appendingPathComponent("out.csv").path
        try "id,rate,parent\n01,5,9\n02,,4\n03,5,9\n04,1,9\n05,,\n".write(toFile: input, atomically: true, encoding: .utf8)
        var command = try #require(try QuartierCommand.parseAsRoot(
            ["rank", "--input", input, "--id", "id", "--column", "rate", "--ties", "average", "--groups", "5",
             "--missing", "parent", "--parent-value", "parent", "--out", out]) as? RankCommand)
        try await command.run()
        let table = try Table.read(path: out, options: TableOptions(textColumns: ["id"]))
        #expect(table.header == ["id", "rate", "rank", "quintile", "note"])
        let ranks = try (0..<table.rowCount).map { try table.number(row: $0, column: 2) }
        #expect(ranks == [1.5, 3, 1.5, 4, nil]) // 02 takes its parent's 4; 05 has no value and no parent: unranked
        #expect(table.text(row: 1, column: 4) == "parent value")
        #expect(table.text(row: 4, column: 4) == "missing, not ranked")
        _ = command
    }

    @Test func rankRefusesUnknownRules() {
        #expect(throws: (any Error).self) { try QuartierCommand.parseAsRoot(["rank", "--input", "x", "--id", "i", "--column", "c", "--ties", "first", "--out", "o"]) }
        #expect(throws: (any Error).self) { try QuartierCommand.parseAsRoot(["rank", "--input", "x", "--id", "i", "--column", "c", "--missing", "parent", "--out", "o"]) }
    }
}

@Suite struct RankUncertaintyCommandTests {
    /// Flensburg 2022 SGB II rates of 13 Stadtteile: simulated rank intervals, the same bytes for the same seed.
    @Test(arguments: ["binomial", "eb"])
    func flensburgRankIntervalsAreDeterministic(model: String) async throws {
        let folder = try TestPaths.temporaryFolder()
        let source = try String(contentsOf: TestPaths.shared("flensburg-2022/flensburg_stadtteile_kennzahlen.csv"), encoding: .utf8)
        let lines = source.split(separator: "\n")
        let input = folder.appendingPathComponent("fl2022.csv").path
        try ([String(lines[0])] + lines.filter { $0.hasPrefix("2022,") }.map(String.init)).joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        var outputs: [String] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("out\(run).csv").path
            var command = try #require(try QuartierCommand.parseAsRoot(
                ["rank", "--input", input, "--id", "district_id", "--column", "sgb2_rate", "--events", "regelleistungsberechtigte_sgb2",
                 "--population", "einwohner", "--model", model, "--draws", "500", "--seed", "11", "--out", out]) as? RankCommand)
            try await command.run()
            outputs.append(try String(contentsOfFile: out, encoding: .utf8))
            _ = command
        }
        #expect(outputs[0] == outputs[1])
        let table = try Table.read(path: folder.appendingPathComponent("out0.csv").path)
        #expect(table.rowCount == 13)
        #expect(table.header.suffix(3) == ["rank_lower_90", "rank_upper_90", "p_decile_1"])
        var total = 0.0
        for row in 0..<table.rowCount {
            let lower = try #require(try table.number(row: row, column: 5)), upper = try #require(try table.number(row: row, column: 6))
            #expect(lower >= 1 && lower <= upper && upper <= 13)
            total += try #require(try table.number(row: row, column: 7))
        }
        #expect(total >= 1 - 1e-12)
    }
}

@Suite struct IndexDeterminismTests {
    @Test func sameInputSameBytes() async throws {
        let folder = try TestPaths.temporaryFolder()
        let spec = TestPaths.data.appendingPathComponent("berlin-mss-2013-2019/mss2017.toml").path
        var texts: [String] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("mss\(run).csv").path
            var command = try #require(try QuartierCommand.parseAsRoot(["index", "--spec", spec, "--out", out]) as? IndexCommand)
            try await command.run()
            texts.append(try String(contentsOfFile: out, encoding: .utf8))
            _ = command
        }
        #expect(texts[0] == texts[1])
        #expect(texts[0].split(separator: "\n").count == 448)
    }
}
