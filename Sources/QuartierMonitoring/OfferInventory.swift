import Foundation
import Quartier
import QuartierAccess
import QuartierBase
import QuartierGeometry

/// Reads an offer inventory in any of its formats: a GeoPackage point layer or GeoJSON (by extension,
/// through the engine's one feature reader `FeatureFile`), else a CSV. Every format passes the same
/// rules (`Offer.read(table:)` / `Offer.read(features:)`, one `OfferValidator`); a layer whose declared
/// CRS is not `crs` is refused (persons and offers are compared in one CRS).
public enum OfferInventory {
    public static func read(path: String, layer: String? = nil, columns: OfferColumns = OfferColumns(), geocode: Offer.Geocode? = nil,
                            crs: CRS? = nil) throws -> [Offer] {
        guard let format = try? FeatureFormat(path: path), format != .shapefile else {
            return try Offer.read(path: path, columns: columns, geocode: geocode)
        }
        let file = try FeatureFile.read(path: path, layer: layer)
        if file.collection.crsIsDeclared, let a = file.crs, let b = crs, a != b {
            throw InputError(InputLocation(file: path), found: "CRS \(a.definition.prefix(60))", expected: "the CRS \(b.definition.prefix(60)) of the areas (persons and offers are read in it)")
        }
        return try Offer.read(features: file.features, file: path, columns: columns, geocode: geocode)
    }
}
