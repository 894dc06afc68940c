import ArgumentParser
import Foundation
import Quartier
import QuartierMonitoring
import QuartierBase

/// `quartier run`: recomputes a monitoring from its spec into its GeoPackage store.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Recompute a social monitoring (aggregation, roll-up, indicators, dynamics) into its GeoPackage store.",
        discussion: """
        Only what changed inputs or spec sections affect is recomputed (by content hash); --full \
        recomputes everything. Each step and its time is printed on stderr. The store is written \
        into a temporary file and renamed, so a failed or interrupted run leaves the previous results.
        """
    )

    @Argument(help: "The monitoring spec (TOML).") var spec: String
    @Flag(help: "Recompute everything, ignoring the store's cached counts.") var full = false
    @Flag(help: "Replace an existing file at the store path that is not a store of this monitoring (never an input of the spec).")
    var force = false
    @Option(help: "Worker threads for the aggregation (default: all cores).") var threads: Int?
    @OptionGroup var storeOption: StoreOption

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var monitoring = try MonitoringSpec(path: spec)
        let store = try storeOption.backend(for: &monitoring)
        var runner = MonitoringRunner(
            spec: monitoring, full: full, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
            log: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })
        runner.force = force
        runner.store = store
        let report = try runner.run()
        for records in report.provenance.records {
            FileHandle.standardError.write(Data((
                records.line + "\n").utf8))
        }
        let recomputed = report.steps.filter { $0.recomputed && $0.step != "indicators" }.count
        let elapsed = clock.now - start
        let seconds = elapsed.inSeconds
        FileHandle.standardError.write(Data(String(
            format: "run: %d of %d steps recomputed, %@ in %.2f s\n", recomputed, report.steps.count - 1,
            report.storeWritten ? "store written" : "store unchanged", seconds).utf8))
    }
}
