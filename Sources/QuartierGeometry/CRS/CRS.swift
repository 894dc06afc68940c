import Foundation

/// A coordinate reference system, as PROJ names it.
///
/// `definition` is anything `proj_create` accepts: `EPSG:25833`, `OGC:CRS84`, WKT or PROJJSON.
/// Names from GeoJSON's legacy `crs` member (`urn:ogc:def:crs:EPSG::25833`) are normalised to the
/// `AUTHORITY:CODE` form so that equal systems compare equal.
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    public let definition: String

    public init(_ definition: String) {
        self.definition = CRS.normalise(definition)
    }

    public static func epsg(_ code: Int) -> CRS { CRS("EPSG:\(code)") }

    /// WGS 84 with longitude/latitude order, as RFC 7946 GeoJSON prescribes.
    public static let crs84 = CRS("OGC:CRS84")

    /// The EPSG code when the definition is `EPSG:n`.
    public var epsgCode: Int? {
        guard definition.hasPrefix("EPSG:") else { return nil }
        return Int(definition.dropFirst(5))
    }

    public var description: String { definition }

    /// `urn:ogc:def:crs:EPSG::25833` and `urn:ogc:def:crs:EPSG:9.9:25833` → `EPSG:25833`;
    /// `urn:ogc:def:crs:OGC:1.3:CRS84` → `OGC:CRS84`; `epsg:4326` → `EPSG:4326`; others unchanged.
    static func normalise(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("urn:ogc:def:crs:") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            // urn:ogc:def:crs:AUTHORITY:[VERSION]:CODE
            if parts.count >= 7 {
                return "\(parts[4].uppercased()):\(parts[parts.count - 1])"
            }
        }
        if let colon = trimmed.firstIndex(of: ":"), !trimmed.contains(" "), !trimmed.contains("[") , !trimmed.contains("{") {
            let authority = trimmed[..<colon].uppercased()
            if authority == "EPSG" || authority == "OGC" || authority == "ESRI" || authority == "IAU_2015" {
                return "\(authority):\(trimmed[trimmed.index(after: colon)...])"
            }
        }
        return trimmed
    }
}
