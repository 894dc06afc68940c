import ArgumentParser
import Foundation
@testable import Quartier
import QuartierBase
@testable import QuartierCommands
import QuartierGeometry
import QuartierTestSupport
import Testing

@Suite("quartier aggregate and synth city")
struct AggregateCommandTests {
    /// A small synthetic city in a fresh folder.
    static func city(areas: Int = 30, persons: Int = 5000, seed: UInt64 = 5) async throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        try await InProcessCLI.run(["synth", "city", "--areas", "\(areas)", "--persons", "\(persons)", "--seed", "\(seed)", "--out", folder.path])
        return folder
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test("one row per area with n, sums and counts; the summary accounts for every record")
    func aggregate() async throws {
        let folder = try await Self.city()
        let out = folder.appendingPathComponent("out.csv"), summary = folder.appendingPathComponent("summary.json")
        try await InProcessCLI.run(["aggregate", "--areas", folder.appendingPathComponent("city_areas.gpkg").path, "--id", "poly_id",
                            "--points", folder.appendingPathComponent("city_persons.csv").path, "--sum", "sgb2",
                            "--count", "kinder=age < 15", "--count", "kinder_sgb2=age < 15 and sgb2 == 1",
                            "--out", out.path, "--summary", summary.path, "--unassigned", folder.appendingPathComponent("lost.csv").path])
        let lines = try Self.read(out).split(separator: "\n")
        #expect(lines.first == "poly_id,n,sgb2,kinder,kinder_sgb2")
        #expect(lines.count == 1 + 30)
        let rows = lines.dropFirst().map { $0.split(separator: ",").map { Int($0)! } }
        let s = try JSONDecoder().decode(AggregationSummary.self, from: Data(contentsOf: summary))
        #expect(s.records == 5000)
        #expect(s.records == s.assigned + s.unassigned + s.onBoundary + s.rejected)
        #expect(rows.reduce(0) { $0 + $1[1] } == s.assigned)
        #expect(rows.allSatisfy { $0[2] <= $0[1] && $0[3] <= $0[1] && $0[4] <= $0[3] && $0[4] <= $0[2] })
        let lost = try Self.read(folder.appendingPathComponent("lost.csv")).split(separator: "\n")
        #expect(lost.count == 1 + s.unassigned + s.onBoundary + s.rejected)
        // Persons on vertices (synth city places some there) are on a boundary under `contains`.
        #expect(s.onBoundary > 0)
    }

    @Test("the same bytes with 1 and 2 threads, and lowest-id leaves no point on a boundary")
    func threadsAndRules() async throws {
        let folder = try await Self.city(areas: 40, persons: 20_000)
        let areas = folder.appendingPathComponent("city_areas.gpkg").path, points = folder.appendingPathComponent("city_persons.csv").path
        var outputs: [String] = []
        for threads in ["1", "2"] {
            let out = folder.appendingPathComponent("out\(threads).csv")
            try await InProcessCLI.run(["aggregate", "--areas", areas, "--id", "poly_id", "--points", points, "--sum", "sgb2", "--out", out.path, "--threads", threads])
            outputs.append(try Self.read(out))
        }
        #expect(outputs[0] == outputs[1])
        let summary = folder.appendingPathComponent("s.json")
        try await InProcessCLI.run(["aggregate", "--areas", areas, "--id", "poly_id", "--points", points, "--boundary", "lowest-id",
                            "--out", folder.appendingPathComponent("low.csv").path, "--summary", summary.path])
        let s = try JSONDecoder().decode(AggregationSummary.self, from: Data(contentsOf: summary))
        #expect(s.onBoundary == 0)
        #expect(s.boundaryRule == "lowest-id")
    }

    @Test("synth city is deterministic and valid (GEOS), with a hierarchy")
    func synthDeterministic() async throws {
        let a = try await Self.city(areas: 50, persons: 3000, seed: 9), b = try await Self.city(areas: 50, persons: 3000, seed: 9)
        for file in ["city_areas.gpkg", "city_persons.csv", "city_meta.json"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file)")
        }
        var areas = try AggregationJob.readAreas(path: a.appendingPathComponent("city_areas.gpkg").path, layer: nil, idColumn: "poly_id")
        #expect(areas.count == 50)
        #expect(try areas.checkValidity(repair: false, source: "city").isEmpty)
        #expect(areas.geometries.contains { $0.polygons.count > 1 })              // river pairs and exclaves
        #expect(areas.geometries.contains { $0.polygons.contains { !$0.holes.isEmpty } })
    }

    @Test("bad records are rejected with their line; --strict stops at the first")
    func badRecords() async throws {
        let folder = try await Self.city(areas: 10, persons: 100)
        let points = folder.appendingPathComponent("bad.csv")
        var text = try Self.read(folder.appendingPathComponent("city_persons.csv"))
        text += "101,,5645000.000,1,1,0\n102,361000.000,north,1,1,0\n"
        try Data(text.utf8).write(to: points)
        let areas = folder.appendingPathComponent("city_areas.gpkg").path
        let summary = folder.appendingPathComponent("s.json")
        try await InProcessCLI.run(["aggregate", "--areas", areas, "--points", points.path, "--out", folder.appendingPathComponent("o.csv").path, "--summary", summary.path])
        let s = try JSONDecoder().decode(AggregationSummary.self, from: Data(contentsOf: summary))
        #expect(s.rejected == 2)
        #expect(s.firstRejections.map(\.line) == [102, 103])
        await #expect {
            try await InProcessCLI.run(["aggregate", "--areas", areas, "--points", points.path, "--out", folder.appendingPathComponent("o2.csv").path, "--strict"])
        } throws: { error in
            (error as? InputError)?.location.line == 102
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("o2.csv").path))
    }

    @Test("an empty points file gives an all-zero table")
    func emptyPoints() async throws {
        let folder = try await Self.city(areas: 12, persons: 0)
        let out = folder.appendingPathComponent("o.csv")
        try await InProcessCLI.run(["aggregate", "--areas", folder.appendingPathComponent("city_areas.gpkg").path, "--points",
                            folder.appendingPathComponent("city_persons.csv").path, "--sum", "sgb2", "--out", out.path])
        let rows = try Self.read(out).split(separator: "\n").dropFirst()
        #expect(rows.count == 12)
        #expect(rows.allSatisfy { $0.hasSuffix(",0,0") })
    }

    @Test("an invalid area is refused with GEOS's reason unless --repair")
    func invalidArea() async throws {
        let folder = try TestPaths.temporaryFolder()
        let bowTie = MultiPolygon([Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 10), Point(x: 10, y: 0), Point(x: 0, y: 10), Point(x: 0, y: 0)])])
        let square = MultiPolygon([Polygon(exterior: [Point(x: 20, y: 0), Point(x: 30, y: 0), Point(x: 30, y: 10), Point(x: 20, y: 10), Point(x: 20, y: 0)])])
        let gpkg = folder.appendingPathComponent("bad.gpkg").path
        let writer = try GeoPackageWriter(path: gpkg)
        try writer.writeFeatureTable(name: "areas", crs: .epsg(25832), geometryType: "MULTIPOLYGON", fields: [GeoPackageField("code", .integer)],
                                     features: [Feature(geometry: .multiPolygon(bowTie), properties: [Property("code", .integer(1))]),
                                                Feature(geometry: .multiPolygon(square), properties: [Property("code", .integer(2))])])
        try writer.commit()
        let points = folder.appendingPathComponent("p.csv")
        try Data("x,y\n2,5\n25,5\n".utf8).write(to: points)
        let out = folder.appendingPathComponent("o.csv").path
        await #expect {
            try await InProcessCLI.run(["aggregate", "--areas", gpkg, "--id", "code", "--points", points.path, "--out", out])
        } throws: { error in
            "\(error)".contains("Self-intersection") && (error as? InputError)?.location.feature == "1"
        }
        try await InProcessCLI.run(["aggregate", "--areas", gpkg, "--id", "code", "--points", points.path, "--out", out, "--repair"])
        #expect(try Self.read(URL(fileURLWithPath: out)) == "code,n\n1,1\n2,1\n")
    }

    @Test("flag errors: an unknown boundary rule, a filter that does not parse")
    func flagErrors() async throws {
        #expect(throws: (any Error).self) {
            _ = try QuartierCommand.parseAsRoot(["aggregate", "--areas", "a.gpkg", "--points", "p.csv", "--out", "o.csv", "--boundary", "touches"])
        }
        await #expect {
            try await InProcessCLI.run(["aggregate", "--areas", "a.gpkg", "--points", "p.csv", "--out", "o.csv", "--count", "kinder=age <"])
        } throws: { error in
            "\(error)".contains("position 6")
        }
    }
}

@Suite("quartier aggregate across CRSs")
struct AggregateCRSTests {
    @Test("points in another CRS: the areas are transformed with PROJ; an unknown CRS is refused naming both")
    func otherCRS() async throws {
        let folder = try await AggregateCommandTests.city(areas: 20, persons: 10)
        let areasPath = folder.appendingPathComponent("city_areas.gpkg").path
        let areas = try AggregationJob.readAreas(path: areasPath, layer: nil, idColumn: "poly_id")
        #expect(areas.crs == .epsg(25832))
        // One point per area, halfway between the middle of its first ring and its first corner (far
        // from its edges and from the hole or exclave some blocks have in their middle), in lon/lat.
        let wgs84 = try areas.transformed(to: .epsg(4326), source: areasPath)
        var text = "x,y\n"
        for geometry in wgs84.geometries {
            let ring = geometry.polygons[0].exterior.dropLast()
            let x = ring.reduce(0) { $0 + $1.x } / Double(ring.count), y = ring.reduce(0) { $0 + $1.y } / Double(ring.count)
            text += "\((x + ring.first!.x) / 2),\((y + ring.first!.y) / 2)\n"
        }
        let points = folder.appendingPathComponent("lonlat.csv")
        try Data(text.utf8).write(to: points)
        let out = folder.appendingPathComponent("o.csv")
        try await InProcessCLI.run(["aggregate", "--areas", areasPath, "--id", "poly_id", "--points", points.path,
                                             "--crs", "EPSG:4326", "--out", out.path])
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 20)
        #expect(rows.allSatisfy { $0.hasSuffix(",1") })
        await #expect {
            try await InProcessCLI.run(["aggregate", "--areas", areasPath, "--points", points.path, "--crs", "EPSG:999999",
                                                 "--out", out.path])
        } throws: { error in
            "\(error)".contains("EPSG:25832") && "\(error)".contains("EPSG:999999")
        }
    }
}
