import Quartier
import QuartierBase

extension MonitoringSpec {
    /// Whether the spec's store (`[monitoring] store`, or `--store`) is a PostgreSQL URL.
    public var storeIsDatabase: Bool { PostgreSQLStoreURL.isURL(storePath) }

    /// The store as a PostgreSQL URL; nil for a GeoPackage path.
    /// - Throws: `InputError` at the spec's `monitoring.store` line for a malformed URL or one with a password.
    public func storeURL() throws -> PostgreSQLStoreURL? {
        guard storeIsDatabase else { return nil }
        let line = document.line(of: SpecPath.root.appending("monitoring").appending("store"))
        return try PostgreSQLStoreURL(storePath, location: InputLocation(file: document.path, line: line, field: "monitoring.store"))
    }

    /// The GeoPackage store at `storePath`. A PostgreSQL URL needs `QuartierPostGIS.PostGISStore`
    /// (the command line picks it); here it is an error naming that.
    func defaultStore() throws -> any MonitoringStoreBackend {
        if try storeURL() != nil {
            throw InputError(InputLocation(file: document.path, field: "monitoring.store"),
                             found: "a PostgreSQL store (\(storePath))",
                             expected: "a GeoPackage path here; a PostgreSQL store is written through QuartierPostGIS (quartier run/export/report pick it)")
        }
        return GeoPackageStore(path: storePath)
    }
}
