import Foundation
import Testing
import QuartierMonitoring
import QuartierTestSupport
@testable import QuartierReach

/// Coverage, focusing and the concentration index of the demo against an independent numpy script:
///     /usr/bin/python3 scripts/reference/reach_reference.py --demo DIR --reach-store DIR/out/reach/reach.gpkg \
///         --monitoring-store DIR/out/monitoring.gpkg
@Suite(.serialized, .enabled(if: ReferenceTool.runs(python: ["numpy"]), "needs python3-numpy"))
struct ReachReferenceTests {
    struct Reference: Decodable {
        struct Count: Decodable {
            var project: String, group: String, year: Int, level: String, area: String
            var reached: Int64, group_population: Int64, participants: Int64
        }
        struct Concentration: Decodable {
            var project: String, group: String, year: Int
            var c_grouped: Double, se_grouped: Double, c_covariance: Double?, c_regression: Double?, se_person_level: Double?
        }
        var counts: [Count]
        var concentration: [Concentration]
    }

    static func reference(_ out: URL) throws -> Reference {
        try ReferenceTool.require(python: ["numpy"])
        let demo = out.deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ReferenceTool.python)
        process.arguments = [TestPaths.packageRoot.appendingPathComponent("scripts/reference/reach_reference.py").path,
                             "--demo", demo.path, "--reach-store", out.appendingPathComponent("reach.gpkg").path,
                             "--monitoring-store", demo.appendingPathComponent("out/monitoring.gpkg").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    @Test func coverageAndFocusingEqualTheReference() throws {
        let (analysis, out) = try DemoReach.analysis.get()
        let reference = try Self.reference(out)
        var rows: [String: IndicatorValue] = [:]
        for row in analysis.results.indicators { rows["\(row.indicator)|\(row.level)|\(row.areaID)|\(row.year)"] = row }
        try #require(reference.counts.count > 1000)
        var reachedSomewhere = 0
        for count in reference.counts {
            let suffix = "\(count.project)__\(count.group)|\(count.level)|\(count.area)|\(count.year)"
            let coverage = try #require(rows["reichweite__" + suffix], "\(suffix)")
            let focusing = try #require(rows["fokus__" + suffix], "\(suffix)")
            #expect(coverage.numerator == count.reached && coverage.denominator == count.group_population, "\(suffix)")
            #expect(focusing.numerator == count.reached && focusing.denominator == count.participants, "\(suffix)")
            if count.reached > 0 { reachedSomewhere += 1 }
        }
        #expect(reachedSomewhere > 100)
    }

    @Test func concentrationIndexEqualsTheReference() throws {
        let (analysis, out) = try DemoReach.analysis.get()
        let reference = try Self.reference(out)
        let summaries = analysis.summaries()
        try #require(reference.concentration.count >= 15)
        for ref in reference.concentration {
            let mine = try #require(summaries.first { $0.project == ref.project && $0.group == ref.group && $0.year == ref.year }?.concentration,
                                    "\(ref.project) \(ref.group) \(ref.year)")
            #expect(abs(mine.value - ref.c_grouped) < 1e-9)
            // The covariance formula over persons and the convenient regression's slope: the same C.
            #expect(abs(mine.value - (try #require(ref.c_covariance))) < 1e-9)
            #expect(abs(mine.value - (try #require(ref.c_regression))) < 1e-9)
            #expect(abs(mine.standardError - ref.se_grouped) < 1e-9)
            // The person-level variance formula (ties within a block ordered reached first) agrees closely.
            let personLevel = try #require(ref.se_person_level)
            #expect(abs(mine.standardError - personLevel) / personLevel < 0.02, "\(ref.project) \(ref.year): \(mine.standardError) vs \(personLevel)")
        }
    }
}
