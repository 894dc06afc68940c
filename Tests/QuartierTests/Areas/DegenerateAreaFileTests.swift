import Foundation
import Quartier
import QuartierBase
import QuartierTestSupport
import Testing

/// Area files that cost memory or time before their error: they must fail early and bounded.
@Suite struct DegenerateAreaFileTests {
    /// A 2 GB sparse file (no disk used) named .geojson fails at once, without reading 2 GB:
    /// the file is memory-mapped and its first 64 KiB checked (the process's peak memory is checked
    /// from the CLI in `HostileInputTests`).
    @Test(arguments: ["zeros", "brace-then-zeros"])
    func sparseGeoJSONFailsEarly(kind: String) throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("big.geojson").path
        #expect(FileManager.default.createFile(atPath: path, contents: kind == "zeros" ? nil : Data("{".utf8)))
        #expect(truncate(path, 2 << 30) == 0)
        let start = ContinuousClock.now
        #expect { try FeatureFile.read(path: path) } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("NUL")
        }
        // Not a timing claim: only that it did not parse 2 GB (which takes minutes).
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func textThatIsNotJSONIsNotQuoted() throws {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("key.geojson").path
        try "-----BEGIN PRIVATE KEY-----\nMIIsecret\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try FeatureFile.read(path: path) } throws: { error in
            !"\(error)".contains("BEGIN") && !"\(error)".contains("secret") && "\(error)".contains(path)
        }
    }
}
