import Foundation
import QuartierBase
import QuartierTestSupport
import Testing
@testable import QuartierEvaluation

/// Bad input: one clear error naming file, line and field, or an explicit warning in the result.
@Suite struct EvaluationInputTests {
    /// A small synthetic panel written to a fresh folder; `edit` rewrites the spec's text.
    static func spec(_ edit: (String) -> String) throws -> String {
        let folder = try TestPaths.temporaryFolder().path
        let options = SyntheticEvaluation.Options(areas: 60, years: 2015...2022, indicators: 2, seed: 3)
        let files = try SyntheticEvaluation.write(options, folder: folder)
        let path = files.last!
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func evaluate(_ path: String) throws -> Evaluation {
        let spec = try EvaluationSpec(path: path)
        let (panel, warnings) = try EvaluationPanel.load(spec)
        return Evaluation(panel: panel, options: Evaluation.Options(pre: spec.pre, post: spec.post, methods: spec.methods,
                                                                    caliper: spec.caliper, tolerance: spec.tolerance), warnings: warnings)
    }

    /// Replaces the first funded entry's area or start.
    static func firstFunded(_ text: String, area: String? = nil, start: Int? = nil) -> String {
        var lines = text.components(separatedBy: "\n")
        let header = lines.firstIndex(of: "[[funded]]")!
        if let area { lines[header + 1] = "area = \"\(area)\"" }
        if let start { lines[header + 2] = "start = \(start)" }
        return lines.joined(separator: "\n")
    }

    static func line(of needle: String, in path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex(where: { $0.hasPrefix(needle) })) + 1
    }

    @Test func fundedAreaThatDoesNotExist() throws {
        let path = try Self.spec { Self.firstFunded($0, area: "q99999") }
        let error = try #require(throws: InputError.self) { try Self.evaluate(path) }
        #expect(error.location.file == path)
        #expect(error.location.field == "funded[0].area")
        #expect(error.location.line == (try Self.line(of: "area = \"q99999\"", in: path)))
        #expect(error.description.contains("q99999"))
    }

    @Test(arguments: [2014, 2023]) func startOutsideTheYears(start: Int) throws {
        let path = try Self.spec { Self.firstFunded($0, start: start) }
        let error = try #require(throws: InputError.self) { try Self.evaluate(path) }
        #expect(error.location.field == "funded[0].start")
        #expect(error.description.contains("\(start), outside the data's years 2015–2022"))
    }

    @Test func preperiodShorterThanTwoYears() throws {
        let path = try Self.spec { $0.replacingOccurrences(of: "pre = [2015, 2017]", with: "pre = [2017, 2017]") }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("pre = [2017, 2017]"))
        let evaluation = try Self.evaluate(path)
        #expect(evaluation.statements.contains { $0.hasPrefix("WARNING: the pre-period 2017–2017 has 1 year") })
        #expect(evaluation.text().contains("WARNING: the pre-period"))
        // With two years, no warning.
        let longer = try Self.evaluate(try Self.spec { $0 })
        #expect(!longer.statements.contains { $0.hasPrefix("WARNING: the pre-period") })
    }

    @Test func indicatorWithoutCounts() throws {
        // The second indicator as published shares only: its numerator column read as a share.
        let path = try Self.spec {
            $0.replacingOccurrences(of: "numerator = \"sgb2_quote_zaehler\"\ndenominator = \"sgb2_quote_nenner\"", with: "share = \"sgb2_quote_zaehler\"")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("share = \"sgb2_quote_zaehler\""))
        let evaluation = try Self.evaluate(path)
        #expect(evaluation.results[1].weighted == false)
        #expect(evaluation.results[0].weighted == true)
        #expect(evaluation.statements.contains { $0.hasPrefix("sgb2_quote: only published shares, no counts: only unweighted estimates are possible") })
        #expect(evaluation.text().contains("UNWEIGHTED: no counts"))
    }

    @Test func unknownMethodNamesItsLine() throws {
        let path = try Self.spec { $0.replacingOccurrences(of: "\"comparable\"]", with: "\"synth\"]") }
        let error = try #require(throws: InputError.self) { try EvaluationSpec(path: path) }
        #expect(error.location.field == "methods[4]")
        #expect(error.location.line == (try Self.line(of: "methods =", in: path)))
    }

    @Test func outputsWrittenWithoutCounts() throws {
        let path = try Self.spec { $0 }
        let evaluation = try Self.evaluate(path)
        let folder = try TestPaths.temporaryFolder().path
        let files = try evaluation.write(folder: folder)
        #expect(files.count == 4)
        let estimates = try String(contentsOfFile: folder + "/estimates.csv", encoding: .utf8)
        #expect(estimates.hasPrefix("indicator,method,comparison,group,year,event_time,estimate,se,ci_low,ci_high,funded_areas,comparison_areas,weights\n"))
        #expect(estimates.contains("sgb2_kinder,did_2x2,"))
        #expect(estimates.contains("sgb2_kinder,cs_attgt,not_yet_treated,"))
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["balance.csv", "estimates.csv", "evaluation.txt", "matches.csv"])
    }
}
