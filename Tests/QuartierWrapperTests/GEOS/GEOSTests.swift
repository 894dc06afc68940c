import Foundation
import QuartierGEOS
import QuartierGeometry
import Testing

@Suite struct GEOSTests {
    static func square(_ x: Double, _ y: Double, _ size: Double) -> Polygon {
        Polygon(exterior: [Point(x: x, y: y), Point(x: x + size, y: y), Point(x: x + size, y: y + size),
                           Point(x: x, y: y + size), Point(x: x, y: y)])
    }

    /// n × n unit boxes; box i has its lower-left corner at (i % n, i / n).
    static func grid(_ n: Int) -> [BoundingBox] {
        (0..<(n * n)).map { (i: Int) -> BoundingBox in
            let x = Double(i % n), y = Double(i / n)
            return BoundingBox(minX: x, minY: y, maxX: x + 1, maxY: y + 1)
        }
    }

    /// A small box inside cell (j % 19, j / 19).
    static func probe(_ j: Int) -> BoundingBox {
        let x = Double(j % 19) + 0.5, y = Double(j / 19) + 0.5
        return BoundingBox(minX: x, minY: y, maxX: x + 0.1, maxY: y + 0.1)
    }

    static let bowTie = Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 10), Point(x: 10, y: 0),
                                           Point(x: 0, y: 10), Point(x: 0, y: 0)])

    /// Round trip through GEOS (GEOSwift's verifyRoundtripToGEOS): every shape comes back equal.
    @Test(arguments: [
        Geometry.point(Point(x: 1.5, y: -2)),
        .point(Point(x: .nan, y: .nan)),
        .lineString([Point(x: 0, y: 0), Point(x: 3, y: 4)]),
        .polygon(square(0, 0, 10)),
        .polygon(Polygon(exterior: square(0, 0, 10).exterior, holes: [square(2, 2, 3).exterior])),
        .polygon(.empty),
        .multiPolygon(MultiPolygon([square(0, 0, 1), square(5, 5, 2)])),
        .multiPolygon(.empty),
        .multiPoint([Point(x: 1, y: 1)]),
        .geometryCollection([.point(Point(x: 1, y: 1)), .polygon(square(0, 0, 1))]),
    ])
    func roundTrip(geometry: Geometry) throws {
        let back = try GeometryHandle(geometry).geometry()
        if case .point(let p) = geometry, p.x.isNaN {
            #expect(back.isEmpty)
        } else {
            #expect(back == geometry)
        }
    }

    @Test(arguments: [
        (square(0, 0, 10), 100.0),
        (Polygon(exterior: square(0, 0, 10).exterior, holes: [square(2, 2, 3).exterior]), 91.0),
        (Polygon.empty, 0.0),
    ])
    func area(polygon: Polygon, expected: Double) throws {
        #expect(try MultiPolygon([polygon]).area == expected)
    }

    @Test func intersectionArea() throws {
        let a = MultiPolygon([Self.square(0, 0, 10)])
        let b = MultiPolygon([Self.square(5, 5, 10)])
        #expect(try a.intersection(with: b).area == 25)
        // Touching only along an edge: no area, no polygon.
        let c = MultiPolygon([Self.square(10, 0, 10)])
        #expect(try a.intersection(with: c).isEmpty)
    }

    @Test func validity() throws {
        let bowTie = MultiPolygon([Self.bowTie])
        #expect(try bowTie.isValid == false)
        #expect(try bowTie.validityReason() == "Self-intersection[5 5]")
        let detail = try #require(try GeometryHandle(.polygon(Self.bowTie)).validityDetail())
        #expect(detail.reason == "Self-intersection")
        #expect(detail.location == Point(x: 5, y: 5))
        let repaired = try bowTie.makeValid()
        #expect(try repaired.isValid)
        #expect(try repaired.area == 50)
        #expect(try MultiPolygon([Self.square(0, 0, 1)]).validityReason() == nil)
    }

    @Test func errorCarriesGEOSMessage() throws {
        // An invalid input to an overlay: GEOS throws a TopologyException or repairs; either way no crash,
        // and a thrown error names the function and GEOS's text.
        let open = Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 0, y: 1)])
        #expect { try GeometryHandle(.polygon(open)) } throws: { error in
            (error as? GEOSError)?.function == "GEOSGeom_createLinearRing_r"
        }
    }

    /// A real GEOS exception: the overlay of an invalid bow-tie throws a TopologyException, which arrives
    /// through the context's error handler in the thrown error.
    @Test func topologyExceptionCarriesGEOSMessage() throws {
        let context = GEOSContext()
        let parts = Geometry.geometryCollection([.polygon(Self.bowTie), .polygon(Self.square(0, 0, 10))])
        #expect { try GeometryHandle(parts, context: context).unaryUnion() } throws: { error in
            guard let error = error as? GEOSError else { return false }
            return error.function == "GEOSUnaryUnion_r" && error.message.contains("TopologyException")
        }
        // The context stays usable after an exception.
        #expect(try GeometryHandle(.polygon(Self.square(0, 0, 2)), context: context).area == 4)
    }

    @Test func predicatesAndPrepared() throws {
        let context = GEOSContext()
        let big = try GeometryHandle(.polygon(Self.square(0, 0, 10)), context: context)
        let small = try GeometryHandle(.polygon(Self.square(2, 2, 1)), context: context)
        let edge = try GeometryHandle(.polygon(Self.square(10, 0, 1)), context: context)
        #expect(try big.contains(small))
        #expect(try small.within(big))
        #expect(try big.covers(small))
        #expect(try big.touches(edge))
        #expect(try !big.contains(edge))
        #expect(try big.intersects(edge))
        let prepared = try big.makePrepared()
        #expect(try prepared.contains(Point(x: 5, y: 5)))
        #expect(try !prepared.contains(Point(x: 10, y: 5))) // on the boundary: not contained
        #expect(try !prepared.contains(Point(x: 11, y: 5)))
        #expect(try prepared.covers(small))
        #expect(try prepared.intersects(edge))
        #expect(try big.pointOnSurface().map { Self.square(0, 0, 10).boundingBox!.contains($0) } == true)
    }

    @Test func unions() throws {
        let context = GEOSContext()
        let parts = Geometry.multiPolygon(MultiPolygon([Self.square(0, 0, 1), Self.square(1, 0, 1)]))
        let coverage = try GeometryHandle(parts, context: context).coverageUnion()
        let unary = try GeometryHandle(parts, context: context).unaryUnion()
        #expect(try coverage.area == 2)
        #expect(try unary.area == 2)
        #expect(try coverage.geometry().polygonalPart.polygons.count == 1)
    }

    @Test func strtreeQueries() throws {
        let boxes = Self.grid(10)
        let tree = try STRtree(boxes: boxes)
        #expect(tree.count == 100)
        let hits = try tree.query(BoundingBox(minX: 2.5, minY: 2.5, maxX: 2.6, maxY: 2.6))
        #expect(hits == [22])
        // A shared corner touches four boxes.
        #expect(try tree.query(BoundingBox(minX: 5, minY: 5, maxX: 5, maxY: 5)) == [44, 45, 54, 55])
        #expect(try tree.query(BoundingBox(minX: 50, minY: 50, maxX: 51, maxY: 51)).isEmpty)
        #expect(try STRtree(boxes: []).query(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)).isEmpty)
    }

    /// Many threads at once, each with its own context, sharing one STRtree (shapely's
    /// test_strtree_threaded_query): every thread gets the same answers as a serial run.
    @Test func concurrentUse() throws {
        let tree = try STRtree(boxes: Self.grid(20))
        let expected = try (0..<200).map { j in try tree.query(Self.probe(j)) }
        let results = ResultBox(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var ok = true
            for round in 0..<20 {
                for j in 0..<200 {
                    let hits = try? tree.query(Self.probe(j))
                    ok = ok && hits == expected[j]
                }
                let a = MultiPolygon([Self.square(Double(worker), 0, 10)])
                let b = MultiPolygon([Self.square(Double(worker) + 5, Double(round % 5), 10)])
                let overlap: Double? = try? a.intersection(with: b).area
                let expectedOverlap: Double = 5 * Double(10 - round % 5)
                ok = ok && overlap == expectedOverlap
                let reason: String?? = try? MultiPolygon([Self.bowTie]).validityReason()
                ok = ok && reason == .some("Self-intersection[5 5]")
            }
            results.set(worker, ok)
        }
        #expect(results.values == Array(repeating: true, count: 8))
    }
}

/// Per-worker results written from concurrentPerform.
final class ResultBox: @unchecked Sendable { // @unchecked: each worker writes only its own slot, under the lock
    private let lock = NSLock()
    private(set) var values: [Bool]
    init(count: Int) { values = Array(repeating: false, count: count) }
    func set(_ index: Int, _ value: Bool) { lock.lock(); values[index] = value; lock.unlock() }
}
