import Foundation
import QuartierTestSupport
import Testing

/// Rules for the tests themselves, checked over every Swift file under Tests/.
@Suite struct TestHygieneTests {
    /// Every zipped comparison checks the lengths first (`zipEqual`): a bare `zip` stops at the shorter
    /// side, so comparing an empty or truncated result with its reference would pass. A `zip` whose sides
    /// have equal length by construction says so in a `// zip: lengths equal by construction` comment.
    @Test func zippedComparisonsCheckTheirLengths() throws {
        let root = TestPaths.packageRoot.appendingPathComponent("Tests")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("QuartierTestSupport/") }
        #expect(files.count > 50)
        let pattern = try Regex(#"(^|[^A-Za-z_])zip\("#)
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(pattern) && !line.contains("// zip: lengths equal by construction") {
                offenders.append("\(file):\(k + 1)")
            }
        }
        #expect(offenders.isEmpty, "zip without a length check: \(offenders.joined(separator: ", "))")
    }
}
