import QuartierAccess
import QuartierBase
import QuartierGeometry
import Testing

/// The pgRouting documentation's sample network (`edge_table` of `tools/testers/sampledata.sql`,
/// github.com/pgRouting/pgrouting, docs 2.x–3.1) and its published `pgr_dijkstraCostMatrix` values
/// (`docqueries/dijkstra/doc-pgr_dijkstraCostMatrix.result`, queries q1 directed and q2 undirected:
/// vertices 1–4). Edges 1–16 have length 1 and cost 1 (speed 1: cost = length); `cost = -1` or
/// `reverse_cost = -1` make a one-way edge. `pgr_createTopology(…, 0.001)` numbers the vertices in
/// the order the edges meet them: 1 = (2,0), 2 = (2,1), 3 = (3,1), 4 = (4,1).
@Suite struct NetworkPgRoutingTests {
    /// (cost, reverse_cost, x1, y1, x2, y2) of the 18 edges, as in sampledata.sql.
    static let edgeTable: [(Double, Double, Double, Double, Double, Double)] = [
        (1, 1, 2, 0, 2, 1), (-1, 1, 2, 1, 3, 1), (-1, 1, 3, 1, 4, 1), (1, 1, 2, 1, 2, 2), (1, -1, 3, 1, 3, 2),
        (1, 1, 0, 2, 1, 2), (1, 1, 1, 2, 2, 2), (1, 1, 2, 2, 3, 2), (1, 1, 3, 2, 4, 2), (1, 1, 2, 2, 2, 3),
        (1, -1, 3, 2, 3, 3), (1, -1, 2, 3, 3, 3), (1, -1, 3, 3, 4, 3), (1, 1, 2, 3, 2, 4), (1, 1, 4, 2, 4, 3),
        (1, 1, 4, 1, 4, 2), (1, 1, 0.5, 3.5, 1.999999999999, 3.5), (1, 1, 3.5, 2.3, 3.5, 4),
    ]

    static var lines: [NetworkLine] {
        edgeTable.enumerated().map { k, e in
            let direction: NetworkLine.Direction = e.0 > 0 && e.1 > 0 ? .both : (e.0 > 0 ? .forward : .backward)
            return NetworkLine(points: [Point(x: e.2, y: e.3), Point(x: e.4, y: e.5)], direction: direction, source: "edge \(k + 1)")
        }
    }

    static let vertices = [Point(x: 2, y: 0), Point(x: 2, y: 1), Point(x: 3, y: 1), Point(x: 4, y: 1)]

    /// agg_cost[start - 1][end - 1] from the .result file (q1 directed, q2 undirected); 0 on the diagonal.
    static let directed: [[Double]] = [[0, 1, 6, 5], [1, 0, 5, 4], [2, 1, 0, 3], [3, 2, 1, 0]]
    static let undirected: [[Double]] = [[0, 1, 2, 3], [1, 0, 1, 2], [2, 1, 0, 1], [3, 2, 1, 0]]

    @Test(arguments: [true, false])
    func costMatrix(directed: Bool) throws {
        let network = try RoadNetwork(lines: Self.lines, options: .init(snapTolerance: 0.001, defaultSpeed: 1, directed: directed))
        #expect(network.nodes.count == 17)
        #expect(network.edges.count == 18)
        let index = SegmentIndex(network)
        let positions = Self.vertices.map { index.snap($0, limit: 0.001) }
        try #require(positions.allSatisfy { $0?.snapDistance == 0 })
        let list = try network.costList(demand: positions, supply: positions, bound: 100, unit: "cost")
        let expected = directed ? Self.directed : Self.undirected
        var found = [[Double?]](repeating: [Double?](repeating: nil, count: 4), count: 4)
        for e in list.entries { found[e.demand][e.supply] = e.cost }
        for s in 0..<4 { for t in 0..<4 {
            #expect(found[s][t] == expected[s][t], "start \(s + 1) end \(t + 1)")
        } }
        // Vertices 14–17 (edges 17 and 18) lie apart: three parts in all.
        #expect(network.componentCount == 3)
    }

    /// A bound cuts: pairs above it are not listed, pairs at it are (closed).
    @Test func boundIsClosed() throws {
        let network = try RoadNetwork(lines: Self.lines, options: .init(snapTolerance: 0.001, defaultSpeed: 1, directed: true))
        let index = SegmentIndex(network)
        let positions = Self.vertices.map { index.snap($0, limit: 0.001) }
        let list = try network.costList(demand: positions, supply: positions, bound: 5, unit: "cost")
        let pairs = Set(list.entries.map { "\($0.demand + 1)->\($0.supply + 1)" })
        #expect(pairs.contains("1->4"))       // cost 5: at the bound
        #expect(!pairs.contains("1->3"))      // cost 6
        #expect(pairs.contains("2->3") && pairs.count == 15)   // 2->3 costs 5; of 16 pairs only 1->3 is above
    }

    /// Positions inside edges: the snap distance (at the default speed) and the part of the edge are
    /// added; a one-way edge is not walked backwards.
    @Test func positionsInsideEdges() throws {
        // A line 0 -> 10 (one-way forward) and a line 10 -> 20 both ways, on y = 0.
        let lines = [NetworkLine(points: [Point(x: 0, y: 0), Point(x: 10, y: 0)], direction: .forward),
                     NetworkLine(points: [Point(x: 10, y: 0), Point(x: 20, y: 0)], direction: .both)]
        let network = try RoadNetwork(lines: lines, options: .init(snapTolerance: 0, defaultSpeed: 2))
        let index = SegmentIndex(network)
        let person = try #require(index.snap(Point(x: 2, y: 3), limit: 5))
        #expect(person.snapDistance == 3 && person.along == 2)
        let offer = try #require(index.snap(Point(x: 15, y: -1), limit: 5))
        let back = try #require(index.snap(Point(x: 1, y: 0), limit: 5))
        let list = try network.costList(demand: [person, offer], supply: [offer, back], bound: 100, unit: "min")
        let cost = Dictionary(uniqueKeysWithValues: list.entries.map { ("\($0.demand)->\($0.supply)", $0.cost) })
        // person -> offer: 3/2 snap + 8/2 + 5/2 along + 1/2 snap = 8.5
        #expect(cost["0->0"] == 8.5)
        // person (x = 2) -> back (x = 1): against the one-way line: unreachable, not listed (never 0).
        #expect(cost["0->1"] == nil)
        // offer -> back: also only against the one-way line.
        #expect(cost["1->1"] == nil)
        // A person beyond the snapping limit has no position.
        #expect(index.snap(Point(x: 5, y: 50), limit: 10) == nil)
        #expect(index.distance(Point(x: 5, y: 50)) == 50)
    }

    @Test func badInputIsRefused() throws {
        let polygon = Feature(id: .integer(7), geometry: .polygon(Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 0)])))
        let line = Feature(id: .integer(1), geometry: .lineString([Point(x: 0, y: 0), Point(x: 1, y: 0)]), properties: [Property("oneway", .text("sideways"))])
        #expect {
            _ = try NetworkLine.lines(from: [line, polygon], file: "roads.gpkg")
        } throws: { error in
            "\(error)" == "roads.gpkg feature 7: found a Polygon, expected a line layer (LineString or MultiLineString features)"
        }
        #expect {
            _ = try NetworkLine.lines(from: [line], file: "roads.gpkg", options: .init(onewayField: "oneway"))
        } throws: { error in "\(error)".hasPrefix("roads.gpkg feature 1 field \"oneway\": found \"sideways\"") }
        #expect {
            _ = try NetworkLine.lines(from: [line], file: "roads.gpkg", options: .init(classField: "class", classSpeeds: ["footway": -5]))
        } throws: { error in "\(error)".contains("found speed -5.0, expected a class speed > 0") }
        #expect {
            _ = try RoadNetwork(lines: [NetworkLine(points: [Point(x: 0, y: 0), Point(x: 1, y: 0)], speed: -1, source: "roads.gpkg feature 3")])
        } throws: { error in "\(error)" == "roads.gpkg feature 3: found speed -1.0, expected a speed > 0" }
    }

    /// Coordinates outside 0 or 1e-100 … 1e15 are refused in a line (naming it); a far point still snaps
    /// (a scan instead of the ring search), and a huge one neither traps nor snaps within a limit.
    @Test func extremeCoordinates() throws {
        #expect {
            _ = try RoadNetwork(lines: [NetworkLine(points: [Point(x: 0, y: 0), Point(x: .infinity, y: 0)], source: "roads.gpkg feature 9")])
        } throws: { error in "\(error)".hasPrefix("roads.gpkg feature 9: found the vertex") }
        let network = try RoadNetwork(lines: [NetworkLine(points: [Point(x: 0, y: 0), Point(x: 10, y: 0)])])
        let index = SegmentIndex(network)
        #expect(index.snap(Point(x: 5, y: 1e6), limit: .infinity)?.snapDistance == 1e6)
        #expect(index.snap(Point(x: 1e300, y: -1e300), limit: 100) == nil)
    }
}
