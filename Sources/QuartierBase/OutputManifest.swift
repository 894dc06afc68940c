import Foundation

/// The list of files Quartier wrote into an output folder (`.quartier-outputs`, one name a line), so
/// that an export or a report replaces only files it wrote itself: an existing file of the same name
/// that the list does not hold (a planner's own table, another program's file) is refused unless
/// `--force` (`OutputGuard.check(…, isOwnOutput: OutputManifest.lists)`).
///
/// ```swift
/// try OutputGuard.check(path, kind: "export", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists)
/// … write the files …
/// try OutputManifest.record(written, in: folder)
/// ```
public enum OutputManifest {
    /// The manifest's file name inside the output folder.
    public static let fileName = ".quartier-outputs"

    /// Whether the manifest of `path`'s folder lists `path`'s file name.
    public static func lists(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        return names(in: url.deletingLastPathComponent().path).contains(url.lastPathComponent)
    }

    /// The names the manifest of `folder` lists (none when it has none).
    public static func names(in folder: String) -> Set<String> {
        guard let text = try? String(contentsOfFile: URL(fileURLWithPath: folder).appendingPathComponent(fileName).path, encoding: .utf8)
        else { return [] }
        return Set(text.split(separator: "\n").map(String.init))
    }

    /// Adds the file names of `paths` to the manifest of `folder` (atomically; sorted, so the same
    /// outputs give the same bytes).
    public static func record(_ paths: [String], in folder: String) throws {
        let all = names(in: folder).union(paths.map { URL(fileURLWithPath: $0).lastPathComponent })
        try AtomicFile.write(all.sorted().joined(separator: "\n") + "\n", to: URL(fileURLWithPath: folder).appendingPathComponent(fileName).path)
    }
}
