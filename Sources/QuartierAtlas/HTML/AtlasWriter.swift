import QuartierBase

/// Writes the atlas into a folder: `atlas.html`, atomically, never over an input.
public enum AtlasWriter {
    /// Writes `html` as `folder/atlas.html` and returns its path.
    /// - Parameters:
    ///   - inputs: files the atlas must never replace (the spec's inputs and store; `OutputGuard`).
    ///   - force: replace an `atlas.html` Quartier did not write there (`OutputManifest`); never an input.
    public static func write(_ html: String, to folder: String, inputs: [String] = [], force: Bool = false) throws -> String {
        let path = try OutputFileName.path(in: folder, "", "atlas", ".html")
        try OutputGuard.check(path, kind: "atlas", inputs: inputs, force: force, isOwnOutput: OutputManifest.lists)
        try AtomicFile.write(html, to: path)
        try OutputManifest.record([path], in: folder)
        return path
    }
}
