import Foundation
import QuartierBase
import QuartierTestSupport
import Testing

import Quartier
@testable import QuartierMonitoring

@Suite struct MonitoringSpecTests {
    /// A spec with three levels and two years, written into a fresh folder with input files that
    /// are empty but for the persons files' header (the spec's columns are checked against it).
    static func writeSpec(_ text: String) throws -> String {
        let folder = try TestPaths.temporaryFolder()
        for file in ["blocks.gpkg", "persons_2020.csv", "persons_2021.csv"] {
            FileManager.default.createFile(atPath: folder.appendingPathComponent(file).path,
                                           contents: file.hasSuffix(".csv") ? Data("id,x,y,age,sgb2\n".utf8) : Data())
        }
        let path = folder.appendingPathComponent("monitoring.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let valid = """
        [monitoring]
        name = "Beispielstadt"
        crs = "EPSG:25832"

        [levels.stadtteil]
        label = "Stadtteil"
        file = "blocks.gpkg"
        id = "stadtteil_id"

        [levels.block]
        label = "Baublock"
        parent = "quartier"
        file = "blocks.gpkg"
        id = "block_id"
        parent_column = "quartier_id"

        [levels.quartier]
        parent = "stadtteil"
        file = "blocks.gpkg"
        id = "quartier_id"
        parent_column = "stadtteil_id"

        [[sources]]
        year = 2021
        persons = "persons_2021.csv"

        [[sources]]
        year = 2020
        persons = "persons_2020.csv"

        [[indicators]]
        id = "kinderarmut"
        numerator = "age < 15 and sgb2 == 1"
        denominator = "age < 15"

        [dynamics]
        years = 1
        """

    @Test func readsLevelsInOrderAndSourcesByYear() throws {
        let spec = try MonitoringSpec(path: Self.writeSpec(Self.valid))
        #expect(spec.levels.map(\.id) == ["block", "quartier", "stadtteil"])
        #expect(spec.years == [2020, 2021])
        #expect(spec.indicators.first?.definition == .rate(numerator: .filter("age < 15 and sgb2 == 1"), denominator: .filter("age < 15")))
        #expect(spec.indicators.first?.scale == .percent)
        #expect(spec.dynamics?.years == 1)
        #expect(spec.storePath.hasSuffix("/monitoring.gpkg"))
    }

    @Test(arguments: [
        // (replace, with, line of the error, text the message contains)
        ("denominator = \"age < 15\"", "denominatr = \"age < 15\"", 34, "unknown key \"denominatr\""),
        ("persons = \"persons_2020.csv\"", "persons = \"missing.csv\"", 29, "no readable file"),
        ("[levels.stadtteil]\nlabel = \"Stadtteil\"", "[levels.stadtteil]\nparent = \"block\"\nparent_column = \"x\"\nlabel = \"Stadtteil\"", 14, "cyclic hierarchy"),
        ("parent = \"quartier\"", "parent = \"quartir\"", 12, "\"quartir\""),
        ("year = 2021", "year = 2020", 28, "a second time"),
        ("id = \"block_id\"", "id = \"block_id\"\nversions = []", 13, "either one file or a list of versions"),
    ])
    func errorsNameTheLine(replace: String, with replacement: String, line: Int, message: String) throws {
        let text = Self.valid.replacingOccurrences(of: replace, with: replacement)
        #expect(text != Self.valid)
        let path = try Self.writeSpec(text)
        let error = try #require(throws: InputError.self) { try MonitoringSpec(path: path) }
        #expect(error.location.line == line, "\(error)")
        #expect(error.description.contains(message), "\(error)")
        #expect(error.location.file == path)
    }
}
