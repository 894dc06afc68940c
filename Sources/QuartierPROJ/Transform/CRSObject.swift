import CPROJ
import QuartierGeometry

/// What PROJ knows about a CRS: its name, kind, and the authority code it is identified with.
public struct CRSDescription: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case geographic, projected, other
    }

    /// PROJ's name, e.g. "ETRS89 / UTM zone 33N".
    public var name: String
    public var kind: Kind
    /// `AUTHORITY:CODE` when the definition carries one or `proj_identify` finds one with confidence
    /// of at least 70 (PROJ's threshold for "likely the same"), else nil.
    public var identified: CRS?

    /// Whether coordinates are degrees (areas and distances need a projection first).
    public var isGeographic: Bool { kind == .geographic }
}

/// Owns one `PJ*` that is a CRS (proj_create … proj_destroy).
public final class CRSObject {
    let pointer: OpaquePointer
    public let context: PROJContext

    /// Creates the CRS from anything `proj_create` accepts: `EPSG:25833`, `OGC:CRS84`, WKT (also the
    /// ESRI dialect of Shapefile `.prj` files) or PROJJSON.
    public init(_ crs: CRS, context: PROJContext = .current) throws(PROJError) {
        self.context = context
        do {
            pointer = try context.check("proj_create") { proj_create(context.handle, crs.definition) }
        } catch {
            throw PROJError(function: error.function, message: "\(error.message) (CRS \(crs.definition.prefix(80)))")
        }
        guard proj_is_crs(pointer) != 0 else {
            proj_destroy(pointer)
            throw PROJError(function: "proj_create", message: "\(crs.definition.prefix(80)) is not a coordinate reference system")
        }
    }

    deinit {
        proj_destroy(pointer)
    }

    /// Name, kind and identified authority code (proj_get_name, proj_get_type, proj_identify).
    public func describe() -> CRSDescription {
        let name = proj_get_name(pointer).map { String(cString: $0) } ?? "unnamed"
        let kind: CRSDescription.Kind
        switch proj_get_type(pointer) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_GEOGRAPHIC_CRS: kind = .geographic
        case PJ_TYPE_PROJECTED_CRS: kind = .projected
        default: kind = .other
        }
        return CRSDescription(name: name, kind: kind, identified: identify())
    }

    /// The CRS as WKT: WKT1 as GDAL writes it (what GeoPackage's `definition` column holds), or WKT2:2019.
    public func wkt(version2: Bool = false) throws(PROJError) -> String {
        let type = version2 ? PJ_WKT2_2019 : PJ_WKT1_GDAL
        let text = try context.check("proj_as_wkt") { proj_as_wkt(context.handle, pointer, type, nil) }
        return String(cString: text) // owned by the PJ object; copied here
    }

    /// The authority code of this CRS: its own id if it has one, else the best `proj_identify` match
    /// against EPSG with confidence ≥ 70 (100 = same definition, 70 = same up to the name, per
    /// PROJ's documentation), else nil.
    public func identify() -> CRS? {
        if let authority = proj_get_id_auth_name(pointer, 0), let code = proj_get_id_code(pointer, 0) {
            return CRS("\(String(cString: authority)):\(String(cString: code))")
        }
        var confidence: UnsafeMutablePointer<Int32>?
        guard let list = proj_identify(context.handle, pointer, "EPSG", nil, &confidence) else { return nil }
        defer {
            proj_list_destroy(list)
            if let confidence { proj_int_list_destroy(confidence) }
        }
        let count = Int(proj_list_get_count(list))
        var best: (CRS, Int32)?
        for i in 0..<count {
            let level = confidence?[i] ?? 0
            guard level >= 70, best == nil || level > best!.1 else { continue }
            guard let candidate = proj_list_get(context.handle, list, Int32(i)) else { continue }
            defer { proj_destroy(candidate) }
            if let authority = proj_get_id_auth_name(candidate, 0), let code = proj_get_id_code(candidate, 0) {
                best = (CRS("\(String(cString: authority)):\(String(cString: code))"), level)
            }
        }
        return best?.0
    }
}

// Bound to its PROJ context, which one thread uses at a time.
@available(*, unavailable) extension CRSObject: Sendable {}

extension CRS {
    /// PROJ's description of this CRS (name, kind, identified EPSG code) using the thread's context.
    public func describe() throws(PROJError) -> CRSDescription {
        try CRSObject(self).describe()
    }

    /// The CRS identified to an authority code where PROJ can (a WKT from a `.prj` becomes
    /// `EPSG:25833`), else unchanged.
    public func identified() throws(PROJError) -> CRS {
        try CRSObject(self).identify() ?? self
    }
}
