import Foundation
import QuartierTestSupport

/// Small area files built in the test, with known problems (areas in m², EPSG:25833 coordinates).
///
///     y 300 ┌──────── 05 (P3) ───────┐
///       200 ├── 03 (P2) ──┐gap┌ 04 ──┤          07: bow-tie at x 400–500 (Self-intersection[450 50])
///       100 ├── 01 (P1) ──┼── 02 ──┬─┼── 06 ──┐ 01: a second feature with id 01 at x 600–700
///         0 └─────────────┴────────┴─┴────────┘
///           0            100      190 200    290
///
/// Known: 1 invalid (07), 1 duplicate id (01), 1 overlap 02 × 06 of 10 × 100 = 1000 m², 1 gap
/// (x 100–110, y 100–200) of 1000 m², P2's children name two grandparents (G1, G2).
enum AreaFixtures {
    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
        "[[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]]"
    }

    static func feature(_ id: String?, _ parent: String, _ grand: String, _ coordinates: String) -> String {
        let idMember = id.map { "\"id\": \"\($0)\", " } ?? ""
        return #"{"type": "Feature", "properties": {"# + idMember + #""parent": "\#(parent)", "grand": "\#(grand)", "name": "Area \#(id ?? "?")"}, "geometry": {"type": "Polygon", "coordinates": \#(coordinates)}}"#
    }

    static func collection(_ features: [String]) -> String {
        """
        {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
        "features": [
        \(features.joined(separator: ",\n"))
        ]}
        """
    }

    static let bowTie = "[[[400,0],[500,100],[500,0],[400,100],[400,0]]]"

    static var problems: String {
        collection([
            feature("01", "P1", "G1", square(0, 0, 100, 100)),
            feature("02", "P1", "G1", square(100, 0, 200, 100)),
            feature("03", "P2", "G1", square(0, 100, 100, 200)),
            feature("04", "P2", "G2", square(110, 100, 200, 200)),
            feature("05", "P3", "G2", square(0, 200, 200, 300)),
            feature("06", "P1", "G1", square(190, 0, 290, 100)),
            feature("07", "P1", "G1", bowTie),
            feature("01", "P1", "G1", square(600, 0, 700, 100)),
        ])
    }

    /// The parent level: P1 (0–200 × 0–100), P2 (0–200 × 100–200), P3 (0–200 × 200–290).
    /// 05 lies 10 % outside P3, 06 90 % outside P1, the second 01 entirely outside P1.
    static var parents: String {
        collection([
            feature("P1", "-", "-", square(0, 0, 200, 100)),
            feature("P2", "-", "-", square(0, 100, 200, 200)),
            feature("P3", "-", "-", square(0, 200, 200, 290)),
        ])
    }

    /// Feature 1 has no id.
    static var missingID: String {
        collection([
            feature("01", "P1", "G1", square(0, 0, 100, 100)),
            feature(nil, "P1", "G1", square(100, 0, 200, 100)),
        ])
    }

    static var selfIntersecting: String {
        collection([feature("01", "P1", "G1", square(0, 0, 100, 100)), feature("02", "P1", "G1", bowTie)])
    }

    /// Writes `text` to a new temporary file `name` and returns its path.
    static func write(_ text: String, _ name: String) throws -> String {
        let path = try TestPaths.temporaryFolder().appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
