import Dispatch
import Foundation

/// The temporary files of atomic writes (`AtomicFile`, `GeoPackageWriter`, `XLSXWorkbook`):
/// one naming scheme, a registry of the ones this process has open, removal of those left by dead
/// runs, and removal of this process's own on SIGINT/SIGTERM.
///
/// A temporary file is `.<name>.<pid>.tmp` (plus a suffix such as `.xlsx` or SQLite's `-journal`)
/// beside its target `<name>`. A process killed by SIGKILL or a power cut cannot remove its own;
/// the next write of the same target removes every such file whose pid is no longer alive
/// (`kill(pid, 0)` fails with ESRCH) — the files of a live concurrent run are left alone.
///
/// ```swift
/// let temporary = TemporaryFiles.path(for: "out/monitoring.gpkg")   // out/.monitoring.gpkg.4711.tmp
/// TemporaryFiles.removeStale(for: "out/monitoring.gpkg")
/// TemporaryFiles.register(temporary); defer { TemporaryFiles.unregister(temporary) }
/// ```
public enum TemporaryFiles {
    private static let lock = NSLock()
    // Guarded by `lock`; read by the signal handler's dispatch queue and written by writers.
    nonisolated(unsafe) private static var registered: Set<String> = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// The temporary path beside `target` for this process: `.<name>.<pid>.tmp<suffix>`.
    public static func path(for target: String, suffix: String = "") -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp\(suffix)").path
    }

    public static func register(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        registered.insert(path)
    }

    public static func unregister(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        registered.remove(path)
    }

    /// The paths registered now (for tests).
    public static var current: Set<String> {
        lock.lock(); defer { lock.unlock() }
        return registered
    }

    /// Removes the temporary files of `target` left by processes that are no longer alive; returns
    /// the paths removed. Files of this process and of live processes are kept.
    @discardableResult
    public static func removeStale(for target: String) -> [String] {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: "."), let pid = pid_t(rest[..<dot]), pid > 0,
                  rest[dot...].hasPrefix(".tmp"), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }  // alive (or not ours to judge)
            let path = (folder as NSString).appendingPathComponent(name)
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// Installs handlers for SIGINT and SIGTERM that remove every registered temporary file (and its
    /// SQLite `-journal`) and exit with 128 + the signal (130, 143), as shells report a death by
    /// that signal. The targets are never touched, so the previous outputs stay. Idempotent.
    public static func installSignalHandlers() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)  // let the dispatch source receive it instead of the default action
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global(qos: .userInitiated))
            source.setEventHandler {
                lock.lock()
                let paths = registered
                lock.unlock()
                for path in paths {
                    unlink(path)
                    unlink(path + "-journal")
                }
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
