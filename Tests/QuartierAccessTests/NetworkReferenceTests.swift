import Foundation
import QuartierAccess
import QuartierGeometry
import QuartierMethods
import QuartierTestSupport
import Testing

/// Network costs against scipy.sparse.csgraph.dijkstra (`scripts/reference/network_dijkstra.py`) on a
/// generated street network: a jittered grid with missing streets, one-way streets, per-line speeds
/// and curved lines (interior vertices), built with QuartierMethods' SeededGenerator.
@Suite struct NetworkReferenceTests {
    static func generatedLines(seed: UInt64, size: Int) -> [NetworkLine] {
        var rng = SeededGenerator(seed: seed)
        func jitter() -> Double { Double(rng.below(2001)) / 100 - 10 }
        var nodes: [[Point]] = []
        for r in 0..<size { nodes.append((0..<size).map { c in Point(x: Double(c) * 100 + jitter(), y: Double(r) * 100 + jitter()) }) }
        var lines: [NetworkLine] = []
        for r in 0..<size { for c in 0..<size {
            for (dr, dc) in [(0, 1), (1, 0)] where r + dr < size && c + dc < size {
                guard rng.below(10) != 0 else { continue }   // a missing street
                let a = nodes[r][c], b = nodes[r + dr][c + dc]
                var points = [a]
                if rng.below(3) == 0 { points.append(Point(x: (a.x + b.x) / 2 + jitter(), y: (a.y + b.y) / 2 + jitter())) }
                points.append(b)
                let direction: NetworkLine.Direction = [.both, .both, .both, .forward, .backward][rng.below(5)]
                let speed: Double? = rng.below(4) == 0 ? Double(20 + rng.below(60)) : nil
                lines.append(NetworkLine(points: points, direction: direction, speed: speed))
            }
        } }
        return lines
    }

    @Test(.enabled(if: ReferenceTool.runs(python: ["scipy"]), "needs python3 with scipy"), arguments: [UInt64(1), 2])
    func equalsScipyDijkstra(seed: UInt64) throws {
        try ReferenceTool.require(python: ["scipy"])
        let network = try RoadNetwork(lines: Self.generatedLines(seed: seed, size: 14), options: .init(snapTolerance: 0, defaultSpeed: 80))
        // A position at every node: an edge leaving or entering it, at 0 or at the end.
        var at = [NetworkPosition?](repeating: nil, count: network.nodes.count)
        for (k, e) in network.edges.enumerated() {
            if at[Int(e.from)] == nil { at[Int(e.from)] = NetworkPosition(edge: Int32(k), along: 0, snapDistance: 0) }
            if at[Int(e.to)] == nil { at[Int(e.to)] = NetworkPosition(edge: Int32(k), along: e.length, snapDistance: 0) }
        }
        let sources = Array(stride(from: 0, to: network.nodes.count, by: 7))
        let targets = Array(stride(from: 3, to: network.nodes.count, by: 11))
        let bound = 12.0
        let list = try network.costList(demand: sources.map { at[$0] }, supply: targets.map { at[$0] }, bound: bound, unit: "min", threads: 2)
        // The reference: the same edges as a directed graph, every source's costs to every node.
        var text = "nodes \(network.nodes.count)\n"
        for e in network.edges {
            if e.forwardCost.isFinite { text += "edge \(e.from) \(e.to) \(e.forwardCost)\n" }
            if e.backwardCost.isFinite { text += "edge \(e.to) \(e.from) \(e.backwardCost)\n" }
        }
        for s in sources { text += "source \(s)\n" }
        let folder = try TestPaths.temporaryFolder()
        let input = folder.appendingPathComponent("graph.txt")
        try text.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ReferenceTool.python, TestPaths.packageRoot.appendingPathComponent("scripts/reference/network_dijkstra.py").path, input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let rows = output.split(separator: "\n").map { $0.split(separator: " ").map { $0 == "inf" ? Double.infinity : Double($0)! } }
        try #require(rows.count == sources.count && rows.allSatisfy { $0.count == network.nodes.count })
        var found: [Int: Double] = [:]
        for e in list.entries { found[e.demand * targets.count + e.supply] = e.cost }
        var compared = 0, listed = 0
        for (si, _) in sources.enumerated() { for (ti, t) in targets.enumerated() {
            let reference = rows[si][t]
            let mine = found[si * targets.count + ti]
            if reference <= bound * (1 - 1e-12) {
                listed += 1
                #expect(mine.map { abs($0 - reference) <= 1e-9 * max(1, reference) } == true, "source \(sources[si]) target \(t): \(String(describing: mine)) vs \(reference)")
            } else if reference > bound * (1 + 1e-12) {
                #expect(mine == nil, "source \(sources[si]) target \(t) beyond the bound")
            }
            compared += 1
        } }
        #expect(listed > 20 && listed < compared)   // the bound cuts, and many pairs are inside it
    }
}
