import Foundation
import Quartier
import QuartierGeometry
import QuartierTestSupport
@testable import QuartierMonitoring
@testable import QuartierPostGIS
import Testing

/// The store's rows go into PostgreSQL by binary COPY (`PostgreSQLCopyRows`): every value comes back
/// exactly — the extremes of 64-bit integers, NaN, ±Infinity, −0 and subnormal doubles, texts with
/// tabs, newlines, backslashes, quotes and non-ASCII letters, empty texts and NULLs — and the areas with
/// their SRID.
@Suite(.serialized, .enabled(if: PostGISTestServer.runs, "needs a PostgreSQL/PostGIS test server (scripts/postgres-test-server.sh)"))
struct BinaryCopyTests {
    static let texts = ["", "plain", "tab\there", "line\nbreak\r\n", "back\\slash \\N", "quote ' and \"", "Straße Ä 🏘", "\\.", "x\u{7f}y"]
    static let integers: [Int64] = [0, 1, -1, .max, .min, 2_147_483_648, -2_147_483_649]
    static let reals: [Double] = [0, -0.0, 0.1, -1e300, .pi, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]

    /// A value as compared: reals by their bits (NaN equals NaN, −0 differs from 0).
    static func comparable(_ value: StoreValue) -> String {
        switch value {
        case .real(let d): "real \(d.isNaN ? "nan" : String(d.bitPattern, radix: 16))"
        case .integer(let i): "integer \(i)"
        case .text(let s): "text \(s.unicodeScalars.map { String($0.value, radix: 16) })"
        case .boolean(let b): "integer \(b ? 1 : 0)" // the dump reads booleans as 0/1 (as a GeoPackage holds them)
        case .null: "null"
        }
    }

    @Test func everyValueComesBackExactly() throws {
        try PostGISTestServer.require()
        let schema = PostGISTestServer.freshSchema("copy")
        defer { PostGISTestServer.dropSchema(schema) }
        let count = max(Self.texts.count, Self.integers.count, Self.reals.count) + 1
        let rows: [[StoreValue]] = (0..<count).map { k in
            [k < Self.texts.count ? .text(Self.texts[k]) : .null,
             k < Self.integers.count ? .integer(Self.integers[k]) : .null,
             k < Self.reals.count ? .real(Self.reals[k]) : .null,
             k == count - 1 ? .null : .boolean(k % 2 == 0)]
        }
        let square = MultiPolygon([Polygon(exterior: [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 0)])])
        let tables = MonitoringStoreTables(
            monitoring: "copy test",
            areaLayers: [.init(name: "areas_block", description: "blocks", crs: .epsg(25832),
                               areas: [("b1", "Nord\tost", nil, square), ("b2", nil, "b1", square)])],
            tables: [.init(name: "counts", columns: [.init("t", .text), .init("i", .integer), .init("r", .real), .init("b", .boolean)],
                           rows: rows, indexOn: ["t", "i"], description: "planted values")])
        let store = try PostGISTestServer.store(schema: schema)
        let connection = try PostGISTestServer.connection()
        try connection.execute("CREATE SCHEMA \(quoted(schema))")
        try store.write(tables, log: { _ in })

        let dump = try PostGISTestServer.dump(schema: schema)
        let counts = try #require(dump["counts"])
        #expect(counts.columns == ["fid", "t", "i", "r", "b"])
        try #require(counts.rows.count == rows.count)
        for (k, (read, written)) in try zipEqual(counts.rows, rows).enumerated() {
            #expect(read.map(Self.comparable) == ([.integer(Int64(k + 1))] + written).map(Self.comparable), "row \(k + 1)")
        }
        let areas = try #require(dump["areas_block"])
        try #require(areas.rows.count == 2)
        #expect(areas.rows[0][1] == .text(WKB.encode(.multiPolygon(square)).map { String(format: "%02x", $0) }.joined()))
        #expect(areas.rows[0][2...] == [.text("b1"), .text("Nord\tost"), .null])
        #expect(areas.rows[1][2...] == [.text("b2"), .null, .text("b1")])
        let srid = try connection.execute("SELECT DISTINCT ST_SRID(geom) FROM \(quoted(schema)).areas_block").rows
        #expect(srid == [["25832"]])
        // The indexes carry their final names, the staging tables are gone.
        let indexes = try connection.execute("SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY 1", [schema]).rows.compactMap { $0[0] }
        #expect(indexes == ["areas_block_geom_idx", "areas_block_pkey", "counts_key", "counts_pkey"])
    }
}
