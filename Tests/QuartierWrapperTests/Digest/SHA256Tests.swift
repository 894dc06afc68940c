import Foundation
import QuartierDigest
import QuartierTestSupport
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "Example Algorithms", SHA256.pdf).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nistVectors(text: String, digest: String) {
        #expect(ContentHash.sha256(text) == digest)
    }

    @Test func fileDigestEqualsTextDigest() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("a.txt").path
        let text = String(repeating: "Quartier ", count: 1_000_000) // several read blocks
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ContentHash.sha256(file: path) == ContentHash.sha256(text))
    }

    @Test("an empty file, a device read in blocks (not mapped) and a missing file")
    func fileEdgeCases() throws {
        let folder = try TestPaths.temporaryFolder()
        let empty = folder.appendingPathComponent("empty.txt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try ContentHash.sha256(file: empty) == ContentHash.sha256(""))
        #expect(try ContentHash.sha256(file: "/dev/null") == ContentHash.sha256(""))
        #expect(throws: (any Error).self) { _ = try ContentHash.sha256(file: folder.appendingPathComponent("missing.txt").path) }
    }
}
