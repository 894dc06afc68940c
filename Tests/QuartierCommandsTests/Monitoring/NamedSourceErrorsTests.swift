import Foundation
import QuartierTestSupport
import Testing

@testable import Quartier

/// Bad named-source specs: one message naming the spec file, its line and the field, exit 1,
/// nothing written — checked when the spec loads, before any record is read.
@Suite struct NamedSourceErrorsTests {
    @Test(arguments: [
        // an indicator naming a source that does not exist
        (#"numerator = { source = "schueler", filter = "schulform_code == 1" }"#,
         #"numerator = { source = "schuler", filter = "schulform_code == 1" }"#, "numerator", "source \"schuler\", which the spec does not have"),
        // a source whose file lacks the named column
        (#"area_id = "block_id""#, #"area_id = "blok_id""#, "area_id", "\"blok_id\", which schueler_uebergaenge.csv lacks"),
        // two sources of one name in one year
        (#"name = "einschulung""#, #"name = "schueler""#, "name", "source \"schueler\" a second time in 2019"),
        // a filter that does not parse
        (#"filter = "uebergewicht == 1""#, #"filter = "uebergewicht == ""#, "numerator", "the filter \"uebergewicht == \""),
        // an area table at a level that does not exist
        ("level = \"block\"\nid = \"Baublock-Schlüssel\"", "level = \"baublock\"\nid = \"Baublock-Schlüssel\"", "level", "\"baublock\", which is not a level"),
    ])
    func badNamedSourceSpec(replace: String, with replacement: String, field: String, message: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let path = try SynthMonitoring.generate(areas: 20, persons: 800, years: 2019...2020, seed: 4, folder: folder.path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: replace), "the spec has no \(replace)")
        let bad = text.replacingCharacters(in: range, with: replacement)
        // The line of the changed key (the last line of a multi-line replacement for `level`).
        let offset = replacement.hasPrefix("level") ? 0 : replacement.components(separatedBy: "\n").count - 1
        let line = bad[..<range.lowerBound].components(separatedBy: "\n").count + offset
        try bad.write(toFile: path, atomically: true, encoding: .utf8)

        let result = try CLI.run(["run", path])
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(result.error)")
        #expect(result.error.contains("monitoring.toml:\(line) "), "\(result.error)")
        #expect(result.error.contains("field \"") && result.error.contains(field), "\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
