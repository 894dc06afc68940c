import Foundation
import QuartierBase
import QuartierGeometry

/// Reads the areas of a GeoJSON FeatureCollection (QuartierGeometry's `GeoJSON` codec) for
/// `aggregate`. Interim, like `InterimGeoPackageAreas`: to be replaced by the geo branch's reader.
enum InterimGeoJSONAreas {
    static func read(path: String, idColumn: String?) throws -> AggregationAreas {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no readable file", expected: "a GeoJSON file")
        }
        let collection: FeatureCollection
        do { collection = try GeoJSON.decodeFeatureCollection([UInt8](data)) } catch {
            throw InputError(InputLocation(file: path), found: "\(error)", expected: "a GeoJSON FeatureCollection")
        }
        var ids: [String] = [], geometries: [MultiPolygon] = []
        for (index, feature) in collection.features.enumerated() {
            let value: PropertyValue? = if let idColumn { feature[idColumn] } else { feature.id }
            guard let id = value?.text else {
                throw InputError(InputLocation(file: path, feature: String(index + 1), field: idColumn ?? "id"),
                                 found: "no id", expected: idColumn == nil ? "a feature id, or --id naming a property" : "the property \(idColumn!)")
            }
            guard let geometry = feature.geometry?.areal ?? (feature.geometry == nil ? .empty : nil) else {
                throw InputError(InputLocation(file: path, feature: id, field: "geometry"), found: "a \(feature.geometry!.typeName)",
                                 expected: "a Polygon or MultiPolygon")
            }
            ids.append(id)
            geometries.append(geometry)
        }
        return try AggregationAreas(idColumn: idColumn ?? "id", ids: ids, geometries: geometries, crs: collection.crs, source: path)
    }
}
