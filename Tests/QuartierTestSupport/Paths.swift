import Foundation

/// Locations of test inputs: the package's own `Data/` and the shared real data beside the checkout.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `Data/` of the package.
    public static var data: URL { packageRoot.appendingPathComponent("Data") }

    /// `../shared/data`, the real public data kept beside the checkout (CI clones next to it).
    public static var sharedData: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// A file under `../shared/data`.
    public static func shared(_ relative: String) -> URL { sharedData.appendingPathComponent(relative) }

    /// A fresh temporary folder for one test.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quartier-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
