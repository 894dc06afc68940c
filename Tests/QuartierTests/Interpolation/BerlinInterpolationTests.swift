import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierTestSupport
import Testing

/// The MSS 2019 on the 447 PLR moved onto the 542 PLR of 2021, against tobler 0.13.0
/// (`python3 scripts/reference/interpolation_reference.py` wrote Tests/Fixtures/Spatial/berlin_2019_to_2021_tobler.csv).
/// tobler keeps its intersection table in float32, so its values differ from Float64 ones by ~1e-7 relative; the
/// fixture also has tobler's formulas on a float64 table of shapely areas (`*_f64`), which must agree to 1e-9.
@Suite struct BerlinInterpolationTests {
    static let sources = "berlin-mss-2013-2019/lor_planungsraeume_bis2020_epsg25833.geojson"
    static let targets = "berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson"

    static func zones(_ relative: String) throws -> [ArealInterpolation.Zone] {
        let set = try AreaSet.load(path: TestPaths.shared(relative).path, options: AreaSet.LoadOptions(idColumn: "plr_id"))
        return set.areas.map { ArealInterpolation.Zone(id: $0.id, geometry: $0.geometry) }
    }

    /// Inhabitants and the 2019 status index by the MSS method (population SD over the valid areas), per source id.
    /// The file has no quoted fields (checked), so splitting on commas is enough for this fixture.
    static func mss2019() throws -> (inhabitants: [String: Double], statusIndex: [String: Double]) {
        let text = try String(contentsOf: TestPaths.shared("berlin-mss-2013-2019/mss2019_indexindikatoren_anteile_plr.csv"), encoding: .utf8)
        let rows = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var inhabitants: [String: Double] = [:]
        for row in rows { inhabitants[row[0]] = Double(row[2]) }
        let valid = rows.filter { $0[11] == "gültig" }
        func z(_ x: [Double]) -> [Double] {
            let m = x.reduce(0, +) / Double(x.count)
            let sd = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
            return x.map { ($0 - m) / sd }
        }
        var sum = [Double](repeating: 0, count: valid.count)
        for column in [3, 5, 6] {
            for (i, v) in z(valid.map { Double($0[column])! }).enumerated() { sum[i] += v }
        }
        let index = z(sum)
        return (inhabitants, Dictionary(uniqueKeysWithValues: zip(valid.map { $0[0] }, index)))  // zip: lengths equal by construction
    }

    static func tobler() throws -> [String: (inhabitants: Double, statusIndex: Double, inhabitants64: Double, statusIndex64: Double)] {
        let url = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/Spatial/berlin_2019_to_2021_tobler.csv")
        var result: [String: (Double, Double, Double, Double)] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            result[String(f[0])] = (Double(f[1])!, Double(f[2])!, Double(f[3])!, Double(f[4])!)
        }
        return result
    }

    @Test func statusIndexOnNewBoundariesMatchesTobler() throws {
        let sources = try Self.zones(Self.sources), targets = try Self.zones(Self.targets)
        #expect(sources.count == 447 && targets.count == 542)
        let (inhabitants, index) = try Self.mss2019()
        #expect(index.count == 436)
        let result = try ArealInterpolation.areaWeighted(
            sources: sources, targets: targets,
            variables: [ArealInterpolation.Variable(name: "inhabitants", kind: .extensive, values: sources.map { inhabitants[$0.id] }),
                        ArealInterpolation.Variable(name: "status_index", kind: .intensive, values: sources.map { index[$0.id] })])
        let ew = result.columns[0], si = result.columns[1]
        // Total preserved to 1e-9 (relative): every source's whole count is allocated.
        #expect(abs(ew.targetTotal - ew.sourceTotal) <= 1e-9 * ew.sourceTotal, "\(ew.targetTotal) vs \(ew.sourceTotal)")
        #expect(ew.sourceTotal == 3_748_148)
        #expect(si.missingSources.count == 11)
        let reference = try Self.tobler()
        for (t, id) in result.targetIDs.enumerated() {
            let expected = try #require(reference[id])
            let ours = try #require(ew.values[t])
            #expect(abs(ours - expected.inhabitants64) <= 1e-9 * max(1, expected.inhabitants64), "\(id) inhabitants \(ours) vs \(expected.inhabitants64)")
            #expect(abs(ours - expected.inhabitants) <= 1e-6 * max(1, expected.inhabitants), "\(id) inhabitants \(ours) vs tobler \(expected.inhabitants)")
            let oursIndex = try #require(si.values[t])
            #expect(abs(oursIndex - expected.statusIndex64) <= 1e-9, "\(id) status index \(oursIndex) vs \(expected.statusIndex64)")
            #expect(abs(oursIndex - expected.statusIndex) <= 1e-6, "\(id) status index \(oursIndex) vs tobler \(expected.statusIndex)")
        }
    }

    @Test func wholeSourceDenominatorLosesWhatLiesOutside() throws {
        let square = { (x: Double, y: Double, s: Double) in
            MultiPolygon([Polygon(exterior: [Point(x: x, y: y), Point(x: x + s, y: y), Point(x: x + s, y: y + s), Point(x: x, y: y + s), Point(x: x, y: y)])])
        }
        // One source 2×1 half covered by one target; a second target outside everything.
        let sources = [ArealInterpolation.Zone(id: "s", geometry: MultiPolygon([Polygon(exterior: [Point(x: 0, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 1), Point(x: 0, y: 1), Point(x: 0, y: 0)])]))]
        let targets = [ArealInterpolation.Zone(id: "t", geometry: square(0, 0, 1)), ArealInterpolation.Zone(id: "far", geometry: square(10, 10, 1))]
        let variables = [ArealInterpolation.Variable(name: "n", kind: .extensive, values: [100]),
                         ArealInterpolation.Variable(name: "rate", kind: .intensive, values: [0.25])]
        let covered = try ArealInterpolation.areaWeighted(sources: sources, targets: targets, variables: variables)
        #expect(covered.columns[0].values == [100, nil])
        let whole = try ArealInterpolation.areaWeighted(sources: sources, targets: targets, variables: variables, denominator: .wholeSource)
        #expect(whole.columns[0].values == [50, nil])
        #expect(whole.columns[0].targetTotal == 50 && whole.columns[0].sourceTotal == 100)
        #expect(whole.columns[1].values == [0.25, nil])
        #expect(whole.targetsWithoutSources == ["far"])
        #expect(whole.notes.contains { $0.contains("without a value") })
    }

    @Test func emptyIntersectionAllocatesNothingAndSaysSo() throws {
        let a = ArealInterpolation.Zone(id: "a", geometry: MultiPolygon([Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 0)])]))
        let b = ArealInterpolation.Zone(id: "b", geometry: MultiPolygon([Polygon(exterior: [Point(x: 5, y: 5), Point(x: 6, y: 5), Point(x: 6, y: 6), Point(x: 5, y: 5)])]))
        let result = try ArealInterpolation.areaWeighted(sources: [a], targets: [b], variables: [.init(name: "n", kind: .extensive, values: [7])])
        #expect(result.columns[0].values == [nil])
        #expect(result.columns[0].targetTotal == 0 && result.columns[0].sourceTotal == 7)
        #expect(result.unallocatedSources == ["a"] && result.targetsWithoutSources == ["b"])
    }

    @Test func pointWeightsFollowThePoints() throws {
        let rect = { (x0: Double, x1: Double) in
            MultiPolygon([Polygon(exterior: [Point(x: x0, y: 0), Point(x: x1, y: 0), Point(x: x1, y: 1), Point(x: x0, y: 1), Point(x: x0, y: 0)])])
        }
        let sources = [ArealInterpolation.Zone(id: "old", geometry: rect(0, 2))]
        let targets = [ArealInterpolation.Zone(id: "west", geometry: rect(0, 1)), ArealInterpolation.Zone(id: "east", geometry: rect(1, 2))]
        // Three addresses in the west, one on the shared boundary (goes to the first target), none in the east.
        let points = [ArealInterpolation.WeightPoint(Point(x: 0.2, y: 0.5), weight: 10), .init(Point(x: 0.7, y: 0.5), weight: 5),
                      .init(Point(x: 1, y: 0.5), weight: 5), .init(Point(x: 9, y: 9), weight: 3)]
        let result = try ArealInterpolation.pointWeighted(sources: sources, targets: targets, points: points,
                                                          variables: [.init(name: "persons", kind: .extensive, values: [400])])
        #expect(result.columns[0].values == [400, nil])
        #expect(result.columns[0].targetTotal == 400)
        #expect(result.notes.contains { $0.contains("1 point(s) lie outside") })
        #expect(throws: InputError.self) {
            try ArealInterpolation.pointWeighted(sources: sources, targets: targets, points: [.init(Point(x: 0, y: 0), weight: -1)], variables: [])
        }
    }
}
