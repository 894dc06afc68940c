import Foundation

/// Writes outputs atomically: into a temporary file beside the target, then `rename(2)`,
/// so a failed or interrupted run leaves the earlier output intact and readers never see half a file.
/// The temporary file is registered with `TemporaryFiles` (removed on SIGINT/SIGTERM; a dead run's
/// is removed by the next write of the same target).
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the parent folder if needed.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { handle in try handle.write(contentsOf: data) }
    }

    /// Writes the UTF-8 bytes of `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Calls `body` with a handle on a temporary file beside `path`, then renames it onto `path`.
    /// When `body` throws, the temporary file is removed and `path` is untouched.
    public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        TemporaryFiles.removeStale(for: path)
        let temporary = URL(fileURLWithPath: TemporaryFiles.path(for: path))
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputError(path: path, reason: "cannot create temporary file \(temporary.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try body(handle)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputError(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// An output could not be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(InputError.escaped(path)): \(reason)" }
}
