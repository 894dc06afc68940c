import Foundation
import QuartierAccess
import QuartierMethods
import QuartierTestSupport
import Testing

/// The persons read in parallel groups of records (`PersonPoints.read(threads:)`) equal the one-pass
/// read: the same points, lines, groups, weights and rejections, on a file of many groups; a bad field
/// in a late group is the one-pass read's error, with its absolute line.
@Suite struct PersonPointsParallelTests {
    /// About 3 MB (many 256 KiB groups): persons with ages, a need flag and a district text; every
    /// 997th record without coordinates, every 1,499th at a coordinate out of range; `bad` puts a
    /// text into the age of record `bad` (a column the filters read).
    static func write(records: Int, bad: Int? = nil) throws -> String {
        var rng = SeededGenerator(seed: 7)
        var text = "id,x,y,age,sgb2,district\n"
        for i in 1...records {
            let age = i == bad ? "old" : String(rng.below(90))
            let x = i % 997 == 0 ? "" : String(360_000 + Double(rng.below(100_000)) / 10)
            let y = i % 1_499 == 0 ? "1e200" : String(5_640_000 + Double(rng.below(100_000)) / 10)
            text += "\(i),\(x),\(y),\(age),\(rng.below(3) == 0 ? "1" : "0"),\(["Nord", "Süd", "Ost"][rng.below(3)])\n"
        }
        let path = try TestPaths.temporaryFolder().appendingPathComponent("persons.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let groups = ["age < 6", "age >= 65 and district == \"Süd\""]
    static let needs = [PersonPoints.NeedWeight(filter: "sgb2 == 1", weight: 2)]

    @Test(arguments: [2, 3, 8])
    func parallelEqualsOnePass(threads: Int) throws {
        let path = try Self.write(records: 80_000)
        let one = try PersonPoints.read(path: path, targetGroups: Self.groups, needWeights: Self.needs)
        let many = try PersonPoints.read(path: path, targetGroups: Self.groups, needWeights: Self.needs, threads: threads)
        try #require(one.count + one.rejected == 80_000)
        try #require(many.count == one.count)
        #expect(one.rejected == 80 + 53 && many.rejected == one.rejected)
        // The first person where they differ (nil: none), so that a failure prints one person, not 80,000.
        func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? { a.count != b.count ? -1 : a.indices.first { a[$0] != b[$0] } }
        #expect(firstDifference(many.x, one.x) == nil && firstDifference(many.y, one.y) == nil)
        #expect(firstDifference(many.groups, one.groups) == nil && firstDifference(many.weights, one.weights) == nil)
        #expect(firstDifference(many.lines, one.lines) == nil)
        #expect(one.lines.last == 80_001)
        #expect(many.rejectedExamples == one.rejectedExamples)
        #expect(one.rejectedExamples.first == "line 998: no coordinates in x/y (0 or 1e-100 … 1e15 in magnitude)")
        #expect(Set(one.groups) == [0, 1, 2] && Set(one.weights) == [1, 2])
    }

    @Test func badFieldInALateGroupIsTheOnePassError() throws {
        let path = try Self.write(records: 80_000, bad: 71_234)
        var one = "", many = ""
        do { _ = try PersonPoints.read(path: path, targetGroups: Self.groups) } catch { one = "\(error)" }
        do { _ = try PersonPoints.read(path: path, targetGroups: Self.groups, threads: 4) } catch { many = "\(error)" }
        #expect(one.contains("persons.csv:71235") && one.contains("\"old\""), "\(one)")
        #expect(many == one)
    }
}
