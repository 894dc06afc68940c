import Foundation
import QuartierGeometry
import QuartierMethods
import QuartierTestSupport

/// Inputs and reference outputs for the spatial tests.
enum ReferenceFixtures {
    /// `Tests/Fixtures/Spatial/<name>`, written by `scripts/reference/spatial_reference.py`.
    static func fixture(_ name: String) -> URL {
        TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/Spatial").appendingPathComponent(name)
    }

    /// Ids and polygons of a GeoJSON file (through QuartierGeometry's codec).
    static func polygons(_ relative: String, idProperty: String) throws -> (ids: [String], polygons: [MultiPolygon]) {
        let bytes = try Data(contentsOf: TestPaths.shared(relative))
        let collection = try GeoJSON.decodeFeatureCollection([UInt8](bytes))
        var ids: [String] = [], polygons: [MultiPolygon] = []
        for feature in collection.features {
            guard let id = feature[idProperty]?.text, let areal = feature.geometry?.areal else { throw FixtureError.bad(relative) }
            ids.append(id)
            polygons.append(areal)
        }
        return (ids, polygons)
    }

    static func gal(_ name: String) throws -> SpatialWeights {
        try SpatialWeights(galText: String(contentsOf: fixture(name), encoding: .utf8), source: name)
    }

    /// Rows of a `*_local.csv`: id, y, Is, q, p_sim (plain comma-separated numbers written by the script).
    static func local(_ name: String) throws -> [(id: String, y: Double, Is: Double, q: Int, p: Double)] {
        let text = try String(contentsOf: fixture(name), encoding: .utf8)
        return try text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 5, let y = Double(f[1]), let i = Double(f[2]), let q = Int(f[3]), let p = Double(f[4]) else {
                throw FixtureError.bad(name)
            }
            return (f[0], y, i, q, p)
        }
    }

    enum FixtureError: Error { case bad(String) }
}
