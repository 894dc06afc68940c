import Foundation
import Testing
import QuartierBase
import QuartierMonitoring
import QuartierTestSupport
@testable import QuartierReach

/// Register validation: one error naming the file, the line and the field.
@Suite struct ProjectRegisterTests {
    static let base = """
    population = "einwohner"
    participants = ["teilnehmende.csv"]
    [groups]
    kinder = "alter < 18"
    [[projects]]
    id = "a"
    areas = ["quartier:1"]
    start = 2019
    end = 2021
    target_groups = ["kinder"]
    """

    @Test(arguments: [
        ("areas = [\"quartier:1\"]", "areas = [\"quartier:999\"]", 7, "projects[0].areas[0]", "not an area of level quartier"),
        ("areas = [\"quartier:1\"]", "areas = [\"bezirk:1\"]", 7, "projects[0].areas[0]", "the level \"bezirk\""),
        ("kinder = \"alter < 18\"", "kinder = \"alter < 18 and sgb2 == 1\"", 4, "groups.kinder", "sgb2"),
        ("target_groups = [\"kinder\"]", "target_groups = [\"kinder\"]\n[[projects]]\nid = \"a\"\nareas = [\"quartier:2\"]\nstart = 2021\nend = 2023\ntarget_groups = [\"kinder\"]", 14, "projects[1].start", "overlapping the period 2019–2021"),
        ("target_groups = [\"kinder\"]", "target_groups = [\"senioren\"]", 10, "projects[0].target_groups[0]", "\"senioren\""),
    ])
    func invalidRegister(original: String, replacement: String, line: Int, field: String, found: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let spec = try MonitoringSpec(path: TestPaths.data.appendingPathComponent("demo/monitoring.toml").path)
        let path = folder.appendingPathComponent("projekte.toml").path
        try Self.base.replacingOccurrences(of: original, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        let areaIDs: [String: Set<String>] = ["block": Set((1...150).map(String.init)), "quartier": Set((1...24).map(String.init)),
                                              "stadtteil": ["1", "2", "3", "4"]]
        // The valid base loads (so each failure below is the replacement's).
        let valid = folder.appendingPathComponent("valid.toml").path
        try Self.base.write(toFile: valid, atomically: true, encoding: .utf8)
        _ = try ProjectRegister(path: valid, spec: spec, areaIDs: areaIDs) { _, _, _ in .located(x: 0, y: 0, method: "exact") }
        let error = try #require(throws: InputError.self) {
            try ProjectRegister(path: path, spec: spec, areaIDs: areaIDs) { _, _, _ in .located(x: 0, y: 0, method: "exact") }
        }
        #expect(error.location.file == path)
        #expect(error.location.line == line, "\(error)")
        #expect(error.location.field == field, "\(error)")
        #expect(error.found.contains(found), "\(error)")
    }
}
