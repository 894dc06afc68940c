import Foundation
import GRDB
import Quartier
import QuartierAccess
import QuartierMonitoring
import QuartierGeometry
import QuartierTestSupport
import Testing

/// The network's GeoPackage reader (`GeoPackageReader.lines` into `NetworkLines`, WKB read straight into
/// flat coordinates) against the feature reader (`FeatureFile` and `NetworkLine.lines`) on the same
/// layers: the same lines, directions, speeds and sources, the same graph, and the same one error for a
/// layer that is not lines or a blob that does not decode.
@Suite struct AccessNetworkReaderTests {
    static let options = NetworkLayerOptions(onewayField: "oneway", classField: "class", classSpeeds: ["primary": 80, "footway": 60])

    /// A WKB LineString written by hand: `bigEndian` byte order, `code` its type code (2, 1002 for Z,
    /// 0x80000002 for EWKB Z, 0x20000002 for an EWKB SRID), `extra` ordinates per point beyond x and y.
    static func wkbLine(_ points: [Point], bigEndian: Bool = false, code: UInt32 = 2, extra: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = [bigEndian ? 0 : 1]
        func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * (bigEndian ? 3 - i : i)))) } }
        func f64(_ v: Double) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * (bigEndian ? 7 - i : i)))) } }
        u32(code)
        if code & 0x2000_0000 != 0 { u32(25832) }
        u32(UInt32(points.count))
        for p in points { f64(p.x); f64(p.y); for e in 0..<extra { f64(Double(e) + 0.5) } }
        return bytes
    }

    /// A GeoPackage blob header (envelope kind 4: x, y, z and m ranges, all read past) before `wkb`.
    static func blob(_ wkb: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x47, 0x50, 0, 0x01 | (4 << 1), 0xE8, 0x64, 0, 0]
        for _ in 0..<8 { bytes += [UInt8](repeating: 0, count: 8) }
        return bytes + wkb
    }

    /// A layer of line features with the attribute cases (one-way texts and integers, a class with and
    /// without a speed, no class), a MultiLineString with a one-vertex part (left out), and after writing
    /// four blobs rewritten by hand: big-endian, ISO Z, EWKB Z with an SRID, and a MultiLineString of a
    /// big-endian and a ZM part.
    static func writeLayer(_ path: String, extra: [Feature] = []) throws -> Int {
        var features: [Feature] = []
        for k in 0..<40 {
            let x = Double(k % 8) * 100 + 361_000, y = Double(k / 8) * 100 + 5_645_000
            let oneway: PropertyValue = [.text("B"), .text(" FT "), .text("tf"), .integer(1), .integer(-1), .null, .text("yes")][k % 7]
            let cls: PropertyValue = [.text("primary"), .text("residential"), .null, .text("footway")][k % 4]
            let geometry: Geometry = k % 5 == 4
                ? .multiLineString([[Point(x: x, y: y), Point(x: x + 100, y: y)], [Point(x: x, y: y + 3)], [Point(x: x, y: y), Point(x: x, y: y + 50), Point(x: x, y: y + 100)]])
                : .lineString([Point(x: x, y: y), Point(x: x + 40, y: y + 1), Point(x: x + 100, y: y)])
            features.append(Feature(geometry: geometry, properties: [Property("oneway", oneway), Property("class", cls)]))
        }
        features += extra
        let writer = try GeoPackageWriter(path: path, lastChange: Date(timeIntervalSince1970: 1_700_000_000))
        try writer.writeFeatureTable(name: "roads", crs: .epsg(25832), geometryType: "GEOMETRY",
                                     fields: [GeoPackageField("oneway", .text), GeoPackageField("class", .text)], features: features)
        try writer.commit()
        let a = Point(x: 362_000, y: 5_646_000), b = Point(x: 362_010, y: 5_646_020), c = Point(x: 362_030, y: 5_646_020)
        var multi: [UInt8] = [1]
        multi += [5, 0, 0, 0, 2, 0, 0, 0]
        multi += wkbLine([a, b], bigEndian: true) + wkbLine([b, c], code: 3002, extra: 2)
        let rewritten: [(Int, [UInt8])] = [(1, wkbLine([a, b, c], bigEndian: true)), (2, wkbLine([a, c], code: 1002, extra: 1)),
                                            (3, wkbLine([c, b, a], code: 0xA000_0002, extra: 1)), (4, multi)]
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for (fid, wkb) in rewritten { try db.execute(sql: "UPDATE roads SET geom = ? WHERE fid = ?", arguments: [Data(blob(wkb)), fid]) }
        }
        return features.count
    }

    /// The layer read flat, as `OfferNetworkSpec` reads a GeoPackage.
    static func flat(_ path: String) throws -> NetworkLines {
        let reader = try GeoPackageReader(path: path)
        let read = try reader.lines(layer: try reader.layer(named: nil), fields: ["oneway", "class"])
        return try NetworkLines(parts: read.parts, partFeature: read.partFeature, names: read.names, oneway: read.fields[0], classes: read.fields[1],
                                firstNonLine: read.firstNonLine, file: path, options: options)
    }

    /// The layer through the feature reader.
    static func viaFeatures(_ path: String) throws -> NetworkLines {
        NetworkLines(try NetworkLine.lines(from: try FeatureFile.read(path: path).features, file: path, options: options))
    }

    /// The error of `body` as text, "" if none.
    static func error(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return "\(error)" }
    }

    @Test func flatReaderEqualsFeatureReader() throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("roads.gpkg").path
        let written = try Self.writeLayer(path)
        let flat = try Self.flat(path), features = try Self.viaFeatures(path)
        // 40 features, 9 of them MultiLineStrings with two lines each (the one-vertex part left out).
        #expect(written == 40)
        try #require(features.count == 49)
        try #require(flat.count == features.count)
        #expect(flat.parts.points.count == features.parts.points.count)
        for k in 0..<flat.count {
            #expect(Array(flat.parts[k]) == Array(features.parts[k]), "line \(k)")
            #expect(flat.directions[k] == features.directions[k], "line \(k)")
            #expect(flat.speeds[k] == features.speeds[k], "line \(k)")
            #expect(flat.source(k) == features.source(k), "line \(k)")
        }
        // The planted cases are there: every direction, a class speed, the hand-written blobs' vertices.
        #expect(Set(flat.directions) == [.both, .forward, .backward])
        #expect(flat.speeds.contains(80) && flat.speeds.contains(nil))
        let a = Point(x: 362_000, y: 5_646_000), b = Point(x: 362_010, y: 5_646_020), c = Point(x: 362_030, y: 5_646_020)
        #expect(Array(flat.parts[0]) == [a, b, c] && Array(flat.parts[1]) == [a, c] && Array(flat.parts[2]) == [c, b, a])
        #expect(Array(flat.parts[3]) == [a, b] && Array(flat.parts[4]) == [b, c])
        let one = try RoadNetwork(lines: flat, options: .init(snapTolerance: 0.5, defaultSpeed: 80))
        let other = try RoadNetwork(lines: features, options: .init(snapTolerance: 0.5, defaultSpeed: 80))
        try #require(one.edges.count == other.edges.count && one.nodes.count == other.nodes.count)
        #expect(one.edges.count == 49)
        #expect(one.edges == other.edges && one.nodes == other.nodes && one.vertices == other.vertices && one.component == other.component)
    }

    /// A layer that is not lines (a Polygon after lines, a feature without geometry) is refused with the
    /// feature reader's message, naming the file and the feature.
    @Test(arguments: [
        (Geometry?.some(.polygon(Polygon(exterior: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 0)]))), "feature 41: found a Polygon"),
        (Geometry?.some(.point(Point(x: 361_000, y: 5_645_000))), "feature 41: found a Point"),
        (Geometry?.none, "feature 41: found no geometry"),
    ])
    func nonLineLayerRefused(geometry: Geometry?, message: String) throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("roads.gpkg").path
        _ = try Self.writeLayer(path, extra: [Feature(geometry: geometry), Feature(geometry: .lineString([Point(x: 0, y: 0), Point(x: 5, y: 5)]))])
        let flatError = Self.error { _ = try Self.flat(path) }, featureError = Self.error { _ = try Self.viaFeatures(path) }
        #expect(flatError == "\(path) \(message), expected a line layer (LineString or MultiLineString features)")
        #expect(flatError == featureError)
        let spec = OfferNetworkSpec(file: path, onewayField: "oneway", classField: "class", classSpeeds: ["primary": 4.8])
        #expect(Self.error { _ = try spec.load(crs: .epsg(25832)) } == flatError)
    }

    /// A blob that does not decode: the feature reader's error (file, feature, field, what was found).
    @Test func corruptBlobRefusedAlike() throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("roads.gpkg").path
        _ = try Self.writeLayer(path)
        let truncated = Self.blob(Self.wkbLine([Point(x: 1, y: 2), Point(x: 3, y: 4)])).dropLast(5)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE roads SET geom = ? WHERE fid = 7", arguments: [Data(truncated)]) }
        let flatError = Self.error { _ = try Self.flat(path) }, featureError = Self.error { _ = try FeatureFile.read(path: path) }
        #expect(flatError.contains("feature 6 (table roads) field \"geom\": found GeoPackage geometry: WKB"), "\(flatError)")
        #expect(flatError == featureError)
    }
}
