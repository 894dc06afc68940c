/// Any simple-features geometry Quartier reads or writes, as plain Swift data.
///
/// Z and M ordinates are dropped when a geometry is decoded (see the codecs); the value types
/// hold x/y only.
public indirect enum Geometry: Hashable, Sendable {
    case point(Point)
    case lineString([Point])
    case polygon(Polygon)
    case multiPoint([Point])
    case multiLineString([[Point]])
    case multiPolygon(MultiPolygon)
    case geometryCollection([Geometry])

    /// The OGC type name ("Polygon", "MultiPolygon", ...), as GeoJSON, WKT and GeoPackage spell it.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// The geometry as a multipolygon if it is areal (Polygon or MultiPolygon), else nil.
    public var areal: MultiPolygon? {
        switch self {
        case .polygon(let polygon): MultiPolygon(polygon.isEmpty ? [] : [polygon])
        case .multiPolygon(let multi): multi
        default: nil
        }
    }
}
