import ArgumentParser
import Foundation
import QuartierMonitoring
import QuartierPostGIS

/// `quartier store`: the shared monitoring store in PostgreSQL/PostGIS.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The shared monitoring store in PostgreSQL/PostGIS.",
        subcommands: [Grants.self])

    /// `quartier store grants SPEC --writer ROLE --reader ROLE [--apply]`.
    struct Grants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grants",
            abstract: "Print (or --apply) the SQL giving planners write access to the monitoring's schema and readers the published tables only.",
            discussion: """
              The writer role (best a group role with the planners as members) becomes the owner of the schema \
              and its tables; the reader role gets SELECT on the areas and the published_* tables (the \
              publication gate's output), never on counts, indicators or the provenance. Run it as the \
              database's owner or a superuser, after the first run; later runs keep the grants.
              """)

        @Argument(help: "The monitoring spec (TOML) whose store is a postgresql:// URL (or give --store).") var spec: String
        @OptionGroup var storeOption: StoreOption
        @Option(help: "The role of the planners who write runs into the schema.") var writer: String?
        @Option(help: "The role of those who may read the published tables.") var reader: String?
        @Flag(help: "Run the SQL instead of printing it.") var apply = false

        func validate() throws {
            if writer == nil && reader == nil { throw ValidationError("give --writer ROLE, --reader ROLE or both") }
            for role in [writer, reader].compactMap({ $0 }) where role.isEmpty || role.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw ValidationError("a role name must be non-empty and hold no control characters")
            }
        }

        func run() async throws {
            var monitoring = try MonitoringSpec(path: spec)
            guard let store = try storeOption.backend(for: &monitoring) as? PostGISStore else {
                throw ValidationError("the store of \(spec) is a GeoPackage (\(monitoring.storePath)); grants apply to a postgresql:// store")
            }
            if apply {
                try store.applyGrants(writer: writer, reader: reader)
                FileHandle.standardError.write(Data("store grants: applied to \(store.location)\n".utf8))
            } else {
                print(try store.grantsScript(writer: writer, reader: reader), terminator: "")
            }
        }
    }
}
