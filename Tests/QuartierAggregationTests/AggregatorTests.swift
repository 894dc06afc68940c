import Foundation
import QuartierAggregation
import QuartierBase
import QuartierTestSupport
import QuartierMethods // SeededGenerator (SplitMix64), the one seeded generator
import Testing

@Suite("Aggregator: streaming CSV aggregation")
struct AggregatorTests {
    static let locator = AreaLocator(areas: AggregationFixtures.threeAreas)

    static func write(_ text: String) throws -> String {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("points.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Computed, not stored: LeakSanitizer reports a static table of indirect enums as a leak.
    static var columns: [AggregationSpec.Column] {
        [
            .sum(field: "sgb2"),
            .count(name: "kinder", filter: try! RecordFilter("age < 15")),
            .count(name: "kinder_sgb2", filter: try! RecordFilter("age < 15 and sgb2 == 1")),
        ]
    }

    /// Records: 3 in area 10, 1 in 20 (clockwise), 1 in the exclave of 30, 1 on the shared edge,
    /// 1 on a vertex, 1 in a hole, 1 outside, 2 rejected (missing x, non-numeric y).
    static let csv = """
    id,x,y,hh_id,age,sgb2
    1,5,5,1,10,1
    2,5.5,5,1,40,1
    3,1,1,2,70,0
    4,15,5,3,3,0
    5,7,7,4,12,1
    6,10,5,5,30,0
    7,10,10,6,30,0
    8,3,3,7,30,0
    9,25,5,8,30,0
    10,,5,9,30,0
    11,5,abc,9,30,0

    """

    @Test("counts, sums and filters per area; every record accounted for")
    func counts() throws {
        let path = try Self.write(Self.csv)
        let spec = AggregationSpec(columns: Self.columns, boundaryRule: .contains, keepUnassigned: true)
        let result = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: spec)
        #expect(result.columnNames == ["n", "sgb2", "kinder", "kinder_sgb2"])
        let s = result.summary
        #expect(s.records == 11)
        #expect(s.assigned == 5)
        #expect(s.onBoundary == 2)
        #expect(s.unassigned == 2)
        #expect(s.rejected == 2)
        #expect(s.records == s.assigned + s.unassigned + s.onBoundary + s.rejected)
        #expect(s.firstRejections.map(\.line) == [11, 12])
        #expect(s.firstRejections[1].reason.contains("\"abc\""))
        let rows = (0 ..< 3).map { a in (0 ..< 4).map { result.value(area: a, column: $0) } }
        let micro = Micros.scale
        #expect(rows[0] == [3, 2 * micro, 1, 1])
        #expect(rows[1] == [1, 0, 1, 0])
        #expect(rows[2] == [1, micro, 1, 1])
        let kept = String(decoding: result.unassignedLines, as: UTF8.self).split(separator: "\n")
        #expect(kept.count == 1 + 6)
        #expect(kept[1].hasPrefix("7,on_boundary,"))
    }

    @Test("lowest-id gives boundary points to the smallest id covering them")
    func lowestID() throws {
        let path = try Self.write(Self.csv)
        let result = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: AggregationSpec(boundaryRule: .lowestID))
        #expect(result.summary.onBoundary == 0)
        #expect(result.value(area: 0, column: 0) == 5)
    }

    @Test("the same counts whatever the threads and chunk size", arguments: [1, 2, 3])
    func threads(_ threads: Int) throws {
        var generator = SeededGenerator(seed: 3)
        var text = "id,x,y,age,sgb2\r\n"
        for i in 0 ..< 20_000 {
            // a few exactly on edges and vertices (integers), the rest anywhere in [-2, 22]²
            let onGrid = generator.below(10) == 0
            let x = onGrid ? Double(generator.below(22)) : (-2 + 24 * Double(generator.next() >> 11) * 0x1p-53)
            let y = onGrid ? Double(generator.below(22)) : (-2 + 24 * Double(generator.next() >> 11) * 0x1p-53)
            text += "\(i),\(x),\(y),\(generator.below(90)),\(generator.below(2))\r\n"
        }
        text += "20000,5,5,1,1" // no final line break
        let path = try Self.write(text)
        let reference = try Aggregator.run(pointsPath: path, locator: Self.locator,
                                           spec: AggregationSpec(columns: Self.columns, boundaryRule: .contains, threads: 1, chunkSize: 1 << 30))
        let spec = AggregationSpec(columns: Self.columns, boundaryRule: .contains, threads: threads, chunkSize: 4096)
        let result = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: spec)
        #expect(result.values == reference.values)
        #expect(result.summary == reference.summary)
        #expect(result.summary.records == 20_001)
        // Points of mixed cells are located at the end of the file (cell by cell, both workers'
        // merged); with kept lines at the end of each group: the same counts either way.
        let perGroup = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: AggregationSpec(
            columns: Self.columns, boundaryRule: .contains, keepUnassigned: true, threads: threads, chunkSize: 4096))
        #expect(perGroup.values == result.values)
        #expect(perGroup.summary == result.summary)
        #expect(result.summary.onBoundary > 100) // points on edges and vertices were planted
        // Each record checked one by one.
        var n = [Int64](repeating: 0, count: 3)
        for line in text.split(separator: "\r\n").dropFirst() {
            let f = line.split(separator: ",")
            if case .interior(let a) = Self.locator.locate(x: Double(f[1])!, y: Double(f[2])!) { n[a] += 1 }
        }
        #expect((0 ..< 3).map { result.value(area: $0, column: 0) } == n)
    }

    @Test("strict mode stops at the first rejected record with its line number")
    func strict() throws {
        let path = try Self.write(Self.csv)
        #expect {
            _ = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: AggregationSpec(boundaryRule: .contains, strict: true))
        } throws: { error in
            (error as? InputError)?.location.line == 11 && (error as? InputError)?.location.field == "x"
        }
    }

    @Test("an empty points file (header only) gives zero counts", arguments: ["id,x,y,sgb2\n", "id,x,y,sgb2"])
    func empty(_ text: String) throws {
        let path = try Self.write(text)
        let result = try Aggregator.run(pointsPath: path, locator: Self.locator,
                                        spec: AggregationSpec(columns: [.sum(field: "sgb2")], boundaryRule: .contains))
        #expect(result.values == [Int64](repeating: 0, count: 6))
        #expect(result.summary.records == 0)
    }

    @Test("a field that is not in the header is refused with the header's fields")
    func missingField() throws {
        let path = try Self.write(Self.csv)
        #expect {
            _ = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: AggregationSpec(columns: [.sum(field: "alg2")], boundaryRule: .contains))
        } throws: { error in
            (error as? InputError)?.location.field == "alg2"
        }
    }

    @Test("quoted fields are read")
    func quoted() throws {
        let path = try Self.write("id,name,x,y\n1,\"Müller, Anna\",\"5\",5\n2,\"say \"\"hi\"\"\",15,5\n")
        let result = try Aggregator.run(pointsPath: path, locator: Self.locator, spec: AggregationSpec(boundaryRule: .contains))
        #expect(result.summary.assigned == 2)
        #expect(result.value(area: 1, column: 0) == 1)
    }
}
