import Foundation
import QuartierTestSupport
import Testing

/// `quartier reach` on bad input: exit 1, one error line naming the file, line and field; nothing
/// of the reach outputs written.
@Suite struct ReachCommandTests {
    /// A copy of the demo with `projekte.toml` or `teilnehmende.csv` changed.
    static func demo(replacing original: String, with replacement: String, in name: String) throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        for file in ["monitoring.toml", "city_areas.gpkg", "einwohner.csv", "hauskoordinaten.csv", "ba_sgb2_bloecke.csv",
                     "schueler_uebergaenge.csv", "schuleingang.csv", "projekte.toml", "teilnehmende.csv"] {
            try FileManager.default.copyItem(at: TestPaths.data.appendingPathComponent("demo/\(file)"), to: folder.appendingPathComponent(file))
        }
        let path = folder.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: original), "\(name) has no \(original)")
        try text.replacingCharacters(in: range, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        return folder
    }

    @Test(arguments: [
        ("projekte.toml", "areas = [\"quartier:", "areas = [\"quartier:9", "projekte.toml:", "field \"projects[0].areas[0]\"", "which is not an area of level quartier"),
        ("projekte.toml", "kinder = { filter = \"alter < 18\"", "kinder = { filter = \"alter < 18 and sgb2 == 1\"", "projekte.toml:", "field \"groups.kinder\"", "sgb2"),
        ("projekte.toml", "target_groups = [\"familien\"]", "target_groups = [\"familie\"]", "projekte.toml:", "field \"projects[1].target_groups[0]\"", "\"familie\""),
        ("teilnehmende.csv", "projekt,jahr,schluessel", "projekt,jahr,key", "teilnehmende.csv", "schluessel", "schluessel"),
    ])
    func badInput(file: String, original: String, replacement: String, place: String, field: String, message: String) throws {
        let folder = try Self.demo(replacing: original, with: replacement, in: file)
        let result = try CLI.run(["reach", folder.appendingPathComponent("monitoring.toml").path])
        #expect(result.status == 1)
        let errors = result.error.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "\(result.error)")
        let error = String(errors.first ?? "")
        #expect(error.contains(place) && error.contains(field) && error.contains(message), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/reach/export").path))
        #expect(result.output.isEmpty)
    }
}
