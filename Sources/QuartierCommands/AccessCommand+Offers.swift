import Foundation
import Quartier
import QuartierAccess
import QuartierGeometry
import QuartierMonitoring

extension AccessCommand {
    /// The offer inventory: CSV, GeoPackage point layer or GeoJSON (`OfferInventory`, the monitoring's reader too).
    static func readOffers(path: String, layer: String?, columns: OfferColumns, geocode: Offer.Geocode?, areasCRS: CRS?) throws -> [Offer] {
        try OfferInventory.read(path: path, layer: layer, columns: columns, geocode: geocode, crs: areasCRS)
    }
}
