import QuartierBase
import QuartierGEOS
import QuartierGeometry

extension AreaSet {
    /// The areas when all geometries are valid; with `repair`, invalid ones repaired by GEOS
    /// (GEOSMakeValid_r) and a note added per repair; without it, an `InputError` naming the first
    /// invalid area and GEOS's reason ("Self-intersection[x y]").
    public func requiringValidGeometries(repair: Bool) throws -> AreaSet {
        var result = self
        for i in areas.indices {
            guard let reason = try areas[i].geometry.validityReason() else { continue }
            guard repair else {
                throw InputError(location(of: areas[i], field: "geometry"), found: "an invalid geometry: \(reason)",
                                 expected: "valid polygons (repair with --repair)")
            }
            result.areas[i].geometry = try areas[i].geometry.makeValid()
            result.notes.append("area \(areas[i].id) (feature \(areas[i].featureIndex)) repaired: \(reason)")
        }
        return result
    }
}
