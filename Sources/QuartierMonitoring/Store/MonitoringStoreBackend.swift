import Quartier
import QuartierGeometry

/// Where a monitoring's results are kept: the seam between the runner (and `export`, `report`, which
/// bring the monitoring up to date through it) and a store. `GeoPackageStore` is the default (one file,
/// one planner); `QuartierPostGIS.PostGISStore` keeps the same tables in a PostgreSQL/PostGIS schema
/// shared by many planners.
///
/// Every backend writes a run whole or not at all: a reader sees the previous complete results until
/// `write` has finished (a renamed file; one committed transaction).
public protocol MonitoringStoreBackend: Sendable {
    /// The store as named in messages and logs (a path, or a URL without any password).
    var location: String { get }
    /// Refuses a target that is not this monitoring's store (unless `force`) or an input of `spec`,
    /// before anything is computed; removes what dead runs left behind.
    func checkTarget(spec: MonitoringSpec, force: Bool) throws
    /// What a new run can reuse; nil when there is no store of the current layout.
    func readCache() throws -> MonitoringStoreCache?
    /// Replaces the store's contents with `tables`, atomically.
    func write(_ tables: MonitoringStoreTables, log: (String) -> Void) throws
    /// The areas of `level` as stored (`areas_<level>`), transformed into `targetCRS`.
    func areas(level: String, targetCRS: CRS) throws -> AreaSet
    /// Whether the store also keeps the published tables (`MonitoringStoreTables.published`) for
    /// readers who may not see the internal ones (a shared store); the GeoPackage does not.
    var keepsPublishedTables: Bool { get }
}

extension MonitoringStoreBackend {
    public var keepsPublishedTables: Bool { false }
}

/// Reads the tables of a store for `MonitoringStoreCache.read` (one reading of the cache for every backend).
public protocol MonitoringStoreReader {
    /// The rows of `table` with `columns` in this order, in `fid` order, restricted to `level = level`
    /// when given; nil when the table does not exist.
    func rows(of table: String, columns: [String], level: String?) throws -> [[StoreValue]]?
}
