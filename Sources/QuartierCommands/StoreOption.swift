import ArgumentParser
import Foundation
import QuartierBase
import QuartierMonitoring
import QuartierPostGIS

/// `--store` of `run`, `export` and `report`: the spec's `[monitoring] store` replaced by a GeoPackage
/// path or a PostgreSQL URL (`postgresql://host/db?schema=name`, never with a password), and the
/// backend that keeps it (`GeoPackageStore`, `PostGISStore`).
struct StoreOption: ParsableArguments {
    @Option(help: "The store instead of the spec's: a GeoPackage path or postgresql://[user@]host[:port]/db?schema=name (password from PGPASSWORD or ~/.pgpass).")
    var store: String?

    /// Applies `--store` to `spec` and returns the backend of its store.
    func backend(for spec: inout MonitoringSpec) throws -> any MonitoringStoreBackend {
        if let store {
            if PostgreSQLStoreURL.isURL(store) {
                return PostGISStore(url: try PostgreSQLStoreURL(store, location: InputLocation(file: "command line", field: "--store")))
            }
            spec.storePath = URL(fileURLWithPath: store).standardizedFileURL.path
        }
        if let url = try spec.storeURL() { return PostGISStore(url: url) }
        return GeoPackageStore(path: spec.storePath)
    }
}
