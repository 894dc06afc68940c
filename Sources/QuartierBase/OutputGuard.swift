import Foundation

/// Keeps an output from replacing a file that is not Quartier's output of that kind: never an input
/// of the job (compared by real path through symlinks, and by device and inode, so hard links count
/// too), never a folder or a symlink, and — for outputs that can recognise themselves, such as the
/// monitoring store — never an existing file that is not one of them unless `force`. `force` never
/// allows replacing an input.
///
/// ```swift
/// try OutputGuard.check("out/monitoring.gpkg", kind: "store", inputs: spec.inputFiles, force: false,
///                       isOwnOutput: { MonitoringStore.isStore(at: $0, of: spec.name) })
/// ```
public enum OutputGuard {
    /// Throws `OutputError` naming `path` and why it may not be written.
    /// - Parameters:
    ///   - kind: what the output is, for the message (`store of the monitoring "X"`, `export`, `report`).
    ///   - inputs: the job's input files (relative paths are taken from the current folder).
    ///   - isOwnOutput: whether an existing file at `path` is Quartier's output of this kind; nil
    ///     accepts any regular file that is not an input.
    public static func check(_ path: String, kind: String, inputs: [String], force: Bool = false,
                             isOwnOutput: ((String) -> Bool)? = nil) throws {
        let target = realPath(path)
        let targetID = fileID(path)
        for input in inputs {
            if realPath(input) == target || (targetID != nil && fileID(input) == targetID) {
                throw OutputError(path: path, reason: "it is an input of this job (\(input)); the \(kind) would replace it — choose another path (--force never overwrites an input)")
            }
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing there yet
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK:
            throw OutputError(path: path, reason: "it is a symbolic link; the \(kind) replaces only regular files it wrote itself")
        case S_IFDIR:
            throw OutputError(path: path, reason: "it is a folder, expected the \(kind) file")
        default:
            throw OutputError(path: path, reason: "it is not a regular file, expected the \(kind) file")
        }
        if let isOwnOutput, !force, !isOwnOutput(path) {
            throw OutputError(path: path, reason: "an existing file that is not a \(kind); move it away or pass --force to replace it")
        }
    }

    /// `path` with symlinks resolved; for a path that does not exist yet, its nearest existing
    /// ancestor resolved and the rest appended.
    public static func realPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var head = absolute
        var tail: [String] = []
        while true {
            if let resolved = realpath(head, nil) {
                defer { free(resolved) }
                var result = String(cString: resolved)
                for part in tail.reversed() { result = (result as NSString).appendingPathComponent(part) }
                return result
            }
            let url = URL(fileURLWithPath: head)
            let parent = url.deletingLastPathComponent().path
            if parent == head || head == "/" { return absolute }
            tail.append(url.lastPathComponent)
            head = parent
        }
    }

    /// Device and inode of an existing file (following symlinks), nil when absent.
    static func fileID(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
