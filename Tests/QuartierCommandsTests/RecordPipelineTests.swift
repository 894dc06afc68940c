import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
@testable import QuartierCommands
import QuartierTable
import QuartierTestSupport
import Testing

/// One record pipeline: the same filters give the same counts in `table scan`, `aggregate` and `run`, from a
/// plain file and from a German export of the same records; hostile input gives one short error.
@Suite("Record pipeline: one reader, one filter language, hostile input")
struct RecordPipelineTests {
    /// One square area `code` 1 around every point.
    static let square = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":1},
        "geometry":{"type":"Polygon","coordinates":[[[0,0],[100,0],[100,100],[0,100],[0,0]]]}}]}
        """

    /// Six persons: missing ages (empty and the marker `.`), a missing limit, texts, a note with a
    /// quoted line break (a reader splitting at every line break would count phantom persons).
    static let records: [[String]] = [
        ["1", "10.5", "20.25", "10", "15", "A", "Bad Oeynhausen", "line 1\nline 2, \"quoted\""],
        ["2", "30.5", "40.75", "20", "15", "B", "Löhne", ""],
        ["3", "50.5", "60.5", "", "15", "A", "", "age 3\nnot a person"],
        ["4", "70.5", "80.5", ".", "15", "", "", ""],
        ["5", "15.5", "25.5", "14", "", "A", "", ""],
        ["6", "35.5", "45.5", "65", "70", "C", "", ""],
    ]
    static let header = ["id", "x", "y", "age", "limit", "status", "home town", "note"]

    /// The file as a plain export (`,`, `.`, UTF-8, LF) or as a German one (`;`, decimal comma,
    /// Windows-1252, CRLF, BOM-less, every text quoted).
    static func file(german: Bool) -> [UInt8] {
        func quote(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let delimiter = german ? ";" : ","
        let end = german ? "\r\n" : "\n"
        var text = header.map { $0.contains(" ") ? quote($0) : $0 }.joined(separator: delimiter) + end
        for record in records {
            let cells = record.enumerated().map { column, value -> String in
                if column == 1 || column == 2 { return german ? value.replacingOccurrences(of: ".", with: ",") : value }
                if column >= 5 { return value.isEmpty ? "" : (german || value.contains(where: { ",\n\"".contains($0) }) ? quote(value) : value) }
                return value
            }
            text += cells.joined(separator: delimiter) + end
        }
        if german {
            return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } // Latin-1 = Windows-1252 for these
        }
        return Array(text.utf8)
    }

    struct Case: Sendable, CustomStringConvertible {
        var filter: String
        var count: Int
        var description: String { "\(filter) → \(count)" }
    }

    /// Counts by hand (SQL's rule: a comparison with a missing value is unknown, `not unknown` is
    /// unknown, a record counts only where the filter is true).
    static let cases: [Case] = [
        Case(filter: "age < 15", count: 2),                        // 1, 5
        Case(filter: "not (age < 15)", count: 2),                  // 2, 6 (3 and 4: missing)
        Case(filter: "age in 10..20", count: 3),                   // 1, 2, 5
        Case(filter: "not (age in 10..20)", count: 1),             // 6
        Case(filter: "status == \"A\"", count: 3),                 // 1, 3, 5
        Case(filter: "status != 'A'", count: 2),                   // 2, 6 (4: empty)
        Case(filter: "age < limit", count: 2),                     // 1, 6 (5: limit missing)
        Case(filter: "age < 15 or status == \"A\"", count: 3),     // 1, 3 (unknown or true), 5
        Case(filter: "`home town` == \"Löhne\"", count: 1),        // 2, also from Windows-1252
        Case(filter: "age >= 0 and not (status == \"B\")", count: 3), // 1, 5, 6
    ]

    /// `table scan`'s counts (the command prints what `CSVRecordReader.scan` gives).
    static func scanCounts(_ path: String) throws -> (rows: Int, counts: [Int]) {
        let reader = try CSVRecordReader(path: path)
        let counts = try cases.enumerated().map { try NamedFilter(parsing: "c\($0.offset)=\($0.element.filter)") }
        let scan = try reader.scan(sums: [], counts: counts)
        return (scan.rows, scan.counts.map(\.count))
    }

    /// `aggregate`'s counts for the one area, and the summary's record count.
    static func aggregateCounts(_ path: String, folder: URL) async throws -> (records: Int, counts: [Int]) {
        let areas = folder.appendingPathComponent("square.geojson")
        try Data(square.utf8).write(to: areas)
        let out = folder.appendingPathComponent("out.csv"), summary = folder.appendingPathComponent("summary.json")
        var arguments = ["aggregate", "--areas", areas.path, "--id", "code", "--points", path, "--out", out.path, "--summary", summary.path]
        for (k, c) in cases.enumerated() { arguments += ["--count", "c\(k)=\(c.filter)"] }
        try await InProcessCLI.run(arguments)
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 2)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map { Int($0)! }
        let s = try JSONDecoder().decode(AggregationSummary.self, from: Data(contentsOf: summary))
        #expect(s.records == s.assigned + s.unassigned + s.onBoundary + s.rejected)
        #expect(row[1] == s.assigned)
        return (s.records, Array(row.dropFirst(2)))
    }

    /// `run`'s counts: a monitoring of the one area with one indicator per filter (over all persons),
    /// read back from the internal (unprotected) export's numerators.
    static func runCounts(_ path: String, folder: URL) async throws -> [Int] {
        let areas = folder.appendingPathComponent("square.geojson")
        try Data(square.utf8).write(to: areas)
        var spec = """
            [monitoring]
            name = "Filtertabelle"
            crs = "EPSG:25832"
            store = "out/monitoring.gpkg"

            [levels.block]
            file = "square.geojson"
            id = "code"
            crs = "EPSG:25832"

            [[sources]]
            year = 2024
            persons = "\(URL(fileURLWithPath: path).lastPathComponent)"

            """
        for (k, c) in cases.enumerated() {
            // A TOML multi-line literal string: the filters hold both quote signs.
            spec += "[[indicators]]\nid = \"c\(k)\"\nnumerator = '''\(c.filter)'''\ndenominator = \"*\"\n\n"
        }
        let specPath = folder.appendingPathComponent("monitoring.toml").path
        try spec.write(toFile: specPath, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out/internal")
        try await InProcessCLI.run(["export", specPath, "--format", "csv", "--internal", "--out", out.path])
        let table = try Table.read(path: out.appendingPathComponent("indicators_block.csv").path)
        let indicator = try table.columnIndex("indicator"), numerator = try table.columnIndex("numerator")
        var counts: [String: Int] = [:]
        for row in table.cells { if case .text(let id) = row[indicator], let n = row[numerator].number { counts[id] = Int(n) } }
        return cases.indices.map { counts["c\($0)"] ?? -1 }
    }

    @Test("the same counts in table scan, aggregate and run, from a plain and a German export", arguments: [false, true])
    func filtersAgree(german: Bool) async throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent(german ? "persons_de.csv" : "persons.csv").path
        try Data(Self.file(german: german)).write(to: URL(fileURLWithPath: path))
        let expected = Self.cases.map(\.count)
        let scan = try Self.scanCounts(path)
        #expect(scan.rows == 6)
        try #require(scan.counts.count == expected.count)
        #expect(scan.counts == expected)
        let aggregate = try await Self.aggregateCounts(path, folder: folder)
        #expect(aggregate.records == 6) // quoted line breaks make no phantom persons
        try #require(aggregate.counts.count == expected.count)
        #expect(aggregate.counts == expected)
        let run = try await Self.runCounts(path, folder: folder)
        try #require(run.count == expected.count)
        #expect(run == expected)
    }

    @Test("the parallel cut finds record starts through quoted line breaks (any chunk size, any thread count)",
          arguments: [4096, 5000, 1 << 20])
    func quotedLineBreaksAcrossChunks(chunk: Int) throws {
        // Notes full of line breaks, some with a `"` inside an unquoted field (which breaks quote parity
        // and must fall back to one sequential pass), so chunk borders land inside quotes.
        var text = "id,x,y,note\n"
        var expected = 0
        for i in 0 ..< 3000 {
            let note = i % 7 == 0 ? "\"a\nperson \(i)\nnot a record\"" : (i == 2500 ? "5\" screen" : "plain")
            text += "\(i),\(Double(i % 90) + 1.5),\(Double(i % 80) + 2.5),\(note)\n"
            expected += 1
        }
        for withStray in [false, true] {
            let body = withStray ? text : text.replacingOccurrences(of: "5\" screen", with: "screen")
            let path = try TestPaths.temporaryFolder().appendingPathComponent("notes.csv").path
            try Data(body.utf8).write(to: URL(fileURLWithPath: path))
            let locator = AreaLocator(areas: [MultiPolygon([Polygon(exterior: [Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 100), Point(x: 0, y: 100), Point(x: 0, y: 0)])])])
            for threads in [1, 2] {
                let result = try Aggregator.run(pointsPath: path, locator: locator,
                                                spec: AggregationSpec(boundaryRule: .contains, threads: threads, chunkSize: chunk))
                #expect(result.summary.records == expected, "stray quote \(withStray), threads \(threads)")
                #expect(result.summary.assigned == expected)
            }
        }
    }

    struct Hostile: Sendable, CustomStringConvertible {
        var what: String
        var areas: String?
        var points: String
        var arguments: [String] = []
        /// Every one must appear in the message.
        var message: [String]
        var description: String { what }
    }

    static func polygon(_ coordinates: String) -> String {
        """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A1"},
        "geometry":{"type":"Polygon","coordinates":\(coordinates)}}]}
        """
    }

    static let hostile: [Hostile] = [
        Hostile(what: "an area vertex of 1e308", areas: polygon("[[[0,0],[1e308,0],[100,100],[0,0]]]"), points: "id,x,y\n1,5,5\n",
                message: ["feature A1", "vertex 2 of ring 1", "expected finite coordinates"]),
        Hostile(what: "an area vertex of -1e200", areas: polygon("[[[0,0],[100,0],[100,-1e200],[0,0]]]"), points: "id,x,y\n1,5,5\n",
                message: ["feature A1", "vertex 3 of ring 1"]),
        Hostile(what: "an empty polygon", areas: polygon("[]"), points: "id,x,y\n1,5,5\n", message: ["A1", "empty"]),
        Hostile(what: "x = 1e999 with --strict", points: "id,x,y\n1,5,5\n2,1e999,5\n", arguments: ["--strict"],
                message: [":3", "field \"x\"", "found \"1e999\"", "expected a finite number"]),
        Hostile(what: "y = inf with --strict", points: "id,x,y\n1,5,inf\n", arguments: ["--strict"],
                message: [":2", "field \"y\"", "found \"inf\""]),
        Hostile(what: "x = nan with --strict", points: "id,x,y\n1,nan,5\n", arguments: ["--strict"], message: [":2", "field \"x\"", "\"nan\""]),
        Hostile(what: "x = 1e200 with --strict (no on-boundary answer far outside the exact range)", points: "id,x,y\n1,1e200,5\n",
                arguments: ["--strict"], message: [":2", "field \"x\"", "1e-100 and 1e15"]),
        Hostile(what: "a duplicate header name", points: "id,x,y,x\n1,5,5,6\n", message: [":1", "columns 2 and 4", "unique name"]),
        Hostile(what: "a ragged row keeps its message", points: "id,x,y\n1,5\n", arguments: ["--strict"],
                message: [":2", "field \"y\"", "no such field in this record"]),
        // A first line with control bytes is not quoted back at all (it may not be a table: InputError.expectedColumn).
        Hostile(what: "control bytes in the header are never printed raw", points: "id,\u{1B}[2J\u{07},y\n1,5,5\n",
                message: ["points.csv:1", "field \"x\"", "not a table header"]),
        Hostile(what: "an unterminated quote", points: "id,x,y\n1,5,\"5\n", message: [":2", "never closed"]),
    ]

    @Test("hostile input: exit with one short message naming the place, nothing written", arguments: hostile)
    func hostileInput(_ c: Hostile) async throws {
        let folder = try TestPaths.temporaryFolder()
        let areas = folder.appendingPathComponent("areas.geojson")
        try Data((c.areas ?? Self.square).utf8).write(to: areas)
        let points = folder.appendingPathComponent("points.csv")
        try Data(c.points.utf8).write(to: points)
        let out = folder.appendingPathComponent("out.csv")
        let error = await #expect(throws: (any Error).self) {
            try await InProcessCLI.run(["aggregate", "--areas", areas.path, "--id", "code", "--points", points.path, "--out", out.path] + c.arguments)
        }
        let message = "\(error.map { "\($0)" } ?? "")"
        for part in c.message { #expect(message.contains(part), "\(message)") }
        #expect(message.count < 400, "\(message.count) characters")
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 }, "raw control bytes in \(message)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("non-finite and out-of-range points are rejected records with their line and field, never counted")
    func nonFinitePointsAreRejected() async throws {
        let folder = try TestPaths.temporaryFolder()
        let areas = folder.appendingPathComponent("square.geojson")
        try Data(Self.square.utf8).write(to: areas)
        let points = folder.appendingPathComponent("points.csv")
        try Data("id,x,y\n1,5,5\n2,1e999,5\n3,5,-inf\n4,nan,5\n5,1e200,1e200\n6,50,50\n".utf8).write(to: points)
        let out = folder.appendingPathComponent("out.csv"), summary = folder.appendingPathComponent("summary.json")
        try await InProcessCLI.run(["aggregate", "--areas", areas.path, "--id", "code", "--points", points.path, "--out", out.path, "--summary", summary.path])
        let s = try JSONDecoder().decode(AggregationSummary.self, from: Data(contentsOf: summary))
        #expect(s.records == 6)
        #expect(s.assigned == 2)
        #expect(s.rejected == 4)
        #expect(s.onBoundary == 0)
        #expect(s.firstRejections.map(\.line) == [3, 4, 5, 6])
    }

    @Test("a 10 MB file without a line break fails with a short message quoting a short excerpt")
    func oneHugeLine() async throws {
        let folder = try TestPaths.temporaryFolder()
        let areas = folder.appendingPathComponent("square.geojson")
        try Data(Self.square.utf8).write(to: areas)
        let points = folder.appendingPathComponent("points.csv")
        try Data(("id,x,y" + String(repeating: "ab\u{1B}", count: 3_500_000)).utf8).write(to: points)
        let out = folder.appendingPathComponent("out.csv")
        let error = await #expect(throws: (any Error).self) {
            try await InProcessCLI.run(["aggregate", "--areas", areas.path, "--id", "code", "--points", points.path, "--out", out.path])
        }
        let message = "\(error.map { "\($0)" } ?? "")"
        // The 10.5 MB first line is not quoted back (InputError.expectedColumn), only named.
        #expect(message.contains("points.csv:1") && message.contains("not a table header"), "\(message.prefix(300))")
        #expect(message.count < 400, "\(message.count) characters")
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 })
    }
}
