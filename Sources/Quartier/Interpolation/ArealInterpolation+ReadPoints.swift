import QuartierBase
import QuartierGeometry
import QuartierPROJ

extension ArealInterpolation {
    /// Reads weight points (addresses, persons) from a GeoJSON, GeoPackage or Shapefile of points,
    /// transformed into `crs`.
    /// - Parameter weightField: the numeric property with each point's weight; nil gives every point weight 1.
    /// - Throws: `InputError` naming the feature for a non-point geometry or a missing/non-numeric weight,
    ///   or the file when it declares no CRS.
    public static func readWeightPoints(path: String, weightField: String?, crs: CRS) throws -> [WeightPoint] {
        let file = try FeatureFile.read(path: path)
        var points: [Point] = []
        var weights: [Double] = []
        for (index, feature) in file.features.enumerated() {
            guard case .point(let point) = feature.geometry else {
                throw InputError(InputLocation(file: path, feature: String(index), field: "geometry"),
                                 found: feature.geometry?.typeName ?? "no geometry", expected: "a Point")
            }
            var weight = 1.0
            if let weightField {
                guard let w = feature[weightField]?.number else {
                    throw InputError(InputLocation(file: path, feature: String(index), field: weightField),
                                     found: feature[weightField]?.description ?? "nothing", expected: "a number")
                }
                weight = w
            }
            points.append(point)
            weights.append(weight)
        }
        guard let source = file.crs else {
            throw InputError(InputLocation(file: path, field: "CRS"), found: "no CRS (\(file.crsSource))", expected: "a declared CRS")
        }
        if source != crs { try CoordinateTransformer(from: source, to: crs).transform(&points) }
        return zip(points, weights).map { WeightPoint($0, weight: $1) }
    }
}
