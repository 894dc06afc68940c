import Foundation
import GRDB
import Quartier
import QuartierBase
import QuartierGeometry

/// The monitoring's results in one GeoPackage: the areas of every level as feature tables
/// (`areas_<level>`), the results as attribute tables keyed by level, area id and year, and the
/// provenance of the run. QGIS and GDAL open it.
///
/// Written whole into a temporary file and renamed onto the store (`GeoPackageStore`,
/// `GeoPackageWriter.commit()`), so an interrupted or failed run leaves the previous complete store in place.
/// The tables are the same in every backend (`MonitoringStoreTables`).
public enum MonitoringStore {
    /// The layout of the store's tables; a store of another layout is not read as a cache (the run
    /// then recomputes everything and writes the current layout).
    public static let layout = "5"

    /// The key of the `provenance` row holding the monitoring's name (`[monitoring] name`).
    public static let monitoringKey = "monitoring"

    /// Whether `path` is a store of the monitoring `name`: a GeoPackage (`application_id` 'GPKG')
    /// whose `provenance` table holds `monitoring = name` (or, in a store of an earlier layout that
    /// recorded no name, a `store_layout`). Opened read-only; any failure is false.
    public static func isStore(at path: String, of name: String) -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return false }
        defer { try? queue.close() }
        let found = try? queue.read { db -> Bool in
            guard try Int.fetchOne(db, sql: "PRAGMA application_id") == 1196444487, try db.tableExists("provenance") else { return false }
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = ?", arguments: [monitoringKey]) {
                return stored == name
            }
            // A store of an earlier layout, written before the name was recorded: Quartier's own.
            return try String.fetchOne(db, sql: "SELECT value FROM provenance WHERE key = 'store_layout'") != nil
        }
        return found ?? false
    }

    /// Refuses a store path that would replace an input of `spec` (always) or an existing file that
    /// is not a store of this monitoring (unless `force`); see `OutputGuard`.
    /// Also removes the temporary files of the store left by dead runs.
    public static func checkTarget(spec: MonitoringSpec, force: Bool) throws {
        try GeoPackageStore(path: spec.storePath).checkTarget(spec: spec, force: force)
    }

    /// What a new run can reuse from the previous store (any backend).
    typealias Cache = MonitoringStoreCache

    /// `unknown-street: 3; unknown-number: 5` → reason → count (as `write` joins them).
    static func reasons(_ text: String?) -> [String: Int] {
        var reasons: [String: Int] = [:]
        for part in (text ?? "").components(separatedBy: "; ") {
            guard let colon = part.range(of: ": ", options: .backwards), let count = Int(part[colon.upperBound...]) else { continue }
            reasons[String(part[..<colon.lowerBound])] = count
        }
        return reasons
    }
}
