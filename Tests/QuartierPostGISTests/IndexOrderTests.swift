import Foundation
import QuartierGeometry
import QuartierTestSupport
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import Testing

/// The rows of a table with an index go to the server in the order of the index's key (`IndexOrder`),
/// so that its index build finds them sorted: the order is PostgreSQL's (texts as the `C` collation,
/// NULL last, numbers by value, ties in table order), the rows lie in the heap in that order, and each
/// row keeps its `fid` (read `ORDER BY fid`, the table is unchanged: `BinaryCopyTests`).
struct IndexOrderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var rows: [[StoreValue]]
        var columns: [Int]
        var expected: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "texts by their UTF-8 bytes", rows: [["b"], ["ä"], ["B"], ["a"], ["10"], ["9"], [""]].map { $0.map { .text($0) } },
             columns: [0], expected: [6, 4, 5, 2, 3, 0, 1]),
        Case(name: "NULL last, integers by value", rows: [[.integer(10)], [.null], [.integer(-1)], [.integer(2)], [.integer(.min)]],
             columns: [0], expected: [4, 2, 3, 0, 1]),
        Case(name: "reals by value, NaN after every number", rows: [[.real(.nan)], [.real(1.5)], [.null], [.real(-.infinity)], [.real(.infinity)]],
             columns: [0], expected: [3, 1, 4, 0, 2]),
        Case(name: "the second column within equal firsts, ties in table order",
             rows: [[.text("s"), .text("b2"), .integer(2015)], [.text("s"), .text("b1"), .integer(2016)],
                    [.text("q"), .text("b9"), .integer(2014)], [.text("s"), .text("b1"), .integer(2015)],
                    [.text("s"), .text("b1"), .integer(2015)]],
             columns: [0, 1, 2], expected: [2, 3, 4, 1, 0]),
        Case(name: "key columns in the index's order, not the table's",
             rows: [[.integer(1), .text("b")], [.integer(2), .text("a")], [.integer(0), .text("b")]],
             columns: [1, 0], expected: [1, 2, 0]),
        Case(name: "no key: table order", rows: [[.text("b")], [.text("a")]], columns: [], expected: [0, 1]),
    ]

    @Test(arguments: cases)
    func permutationIsTheIndexOrder(_ c: Case) {
        #expect(IndexOrder.permutation(of: c.rows, on: c.columns) == c.expected)
    }

    @Test(.enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
    func rowsLieInTheHeapInTheServersIndexOrder() throws {
        try PostGISTestServer.require()
        let schema = PostGISTestServer.freshSchema("order")
        defer { PostGISTestServer.dropSchema(schema) }
        // Texts that sort differently by bytes, by letters and by numbers; NULLs; ties; a scrambled table order.
        let texts = ["b10", "b9", "B1", "ä", "a", "Z", "", "b1"]
        let rows: [[StoreValue]] = (0..<200).map { k in
            let t: StoreValue = k % 11 == 0 ? .null : .text(texts[(k * 7) % texts.count])
            let i: StoreValue = k % 13 == 0 ? .null : .integer(Int64((k * 37) % 17) - 8)
            return [t, i, .real(Double(k))]
        }
        let tables = MonitoringStoreTables(
            monitoring: "order test", areaLayers: [],
            tables: [.init(name: "counts", columns: [.init("t", .text), .init("i", .integer), .init("r", .real)],
                           rows: rows, indexOn: ["t", "i"], description: "planted order")])
        let connection = try PostGISTestServer.connection()
        try connection.execute("CREATE SCHEMA \(quoted(schema))")
        try PostGISTestServer.store(schema: schema).write(tables, log: { _ in })

        func fids(_ order: String) throws -> [String] {
            try connection.execute("SELECT fid FROM \(quoted(schema)).counts ORDER BY \(order)").rows.map { $0[0] ?? "" }
        }
        let inHeap = try fids("ctid")
        let byServer = try fids("t COLLATE \"C\" NULLS LAST, i NULLS LAST, fid")
        try #require(inHeap.count == rows.count && byServer.count == rows.count)
        #expect(inHeap == byServer)
        // Not the table order (the planted rows are scrambled), and every row keeps its fid.
        #expect(inHeap != (1...rows.count).map(String.init))
        #expect(try fids("fid") == (1...rows.count).map(String.init))
        let r = try connection.execute("SELECT r FROM \(quoted(schema)).counts ORDER BY fid").rows.map { Double($0[0] ?? "") }
        #expect(r == (0..<rows.count).map { Double($0) })
    }
}
