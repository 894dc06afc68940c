import QuartierGeometry
import QuartierPROJ

/// What `quartier areas info` prints: counts, CRS, extent, geometry types and property types of a file.
public struct FeatureFileSummary: Hashable, Sendable {
    public struct PropertySummary: Hashable, Sendable {
        public var name: String
        /// Value kind → number of features (`text`, `integer`, `real`, `boolean`, `null`, `json`), sorted by kind.
        public var kinds: [String: Int]
        /// Number of distinct non-null values.
        public var distinctValues: Int
    }

    public var path: String
    public var format: FeatureFormat
    public var layer: String?
    public var featureCount: Int
    public var crs: CRS?
    public var crsSource: String
    /// PROJ's name of the CRS, e.g. "ETRS89 / UTM zone 33N".
    public var crsName: String?
    public var crsIsGeographic: Bool?
    public var boundingBox: BoundingBox?
    /// Geometry type name → count ("Polygon": 540, "MultiPolygon": 2, "null": 0).
    public var geometryTypes: [String: Int]
    public var properties: [PropertySummary]
    public var notes: [String]

    public init(_ file: FeatureFile) {
        path = file.path
        format = file.format
        layer = file.layer
        featureCount = file.features.count
        crs = file.crs
        crsSource = file.crsSource
        if let crs, let description = try? crs.describe() {
            crsName = description.name
            crsIsGeographic = description.isGeographic
            if crs.epsgCode == nil, let identified = description.identified { self.crs = identified }
        }
        var box: BoundingBox?
        var types: [String: Int] = [:]
        for feature in file.features {
            types[feature.geometry?.typeName ?? "null", default: 0] += 1
            if let b = feature.geometry?.boundingBox {
                if box == nil { box = b } else { box!.expand(toInclude: b) }
            }
        }
        boundingBox = box
        geometryTypes = types
        properties = FeatureFile.propertyNames(file.features).map { name in
            var kinds: [String: Int] = [:]
            var distinct = Set<PropertyValue>()
            for feature in file.features {
                let value = feature[name] ?? .null
                kinds[value.typeName, default: 0] += 1
                if value != .null { distinct.insert(value) }
            }
            return PropertySummary(name: name, kinds: kinds, distinctValues: distinct.count)
        }
        notes = file.notes
    }
}
