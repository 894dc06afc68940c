import QuartierBase
import Testing

@testable import Quartier

@Suite struct SpecDocumentTests {
    static let text = """
        # a comment
        name = "Beispielstadt"
        years = 5
        scale = 100.0
        strict = true

        [levels.block]
        file = "blocks.gpkg"
        "parent.column" = "quartier_id"

        [[sources]]
        year = 2020
        persons = "p2020.csv"

        [[sources]]
        year = 2021
        persons = "p2021.csv"
        tags = [
          "a",
          "b",
        ]
        personz = "typo.csv"
        """

    @Test func typesSurviveTheConversion() throws {
        let root = try SpecTable(root: SpecDocument(text: Self.text, path: "spec.toml"))
        #expect(try root.string("name") == "Beispielstadt")
        #expect(try root.int("years") == 5)
        #expect(try root.double("scale") == 100)
        #expect(try root.optionalBool("strict") == true)
        #expect(throws: InputError.self) { try root.int("scale") }
        let sources = try root.arrayOfTables("sources")
        #expect(sources.count == 2)
        #expect(try sources[1].optionalStrings("tags") == ["a", "b"])
        let levels = try root.namedTables("levels")
        #expect(levels.map(\.name) == ["block"])
        #expect(try levels[0].table.string("parent.column") == "quartier_id")
    }

    @Test(arguments: [
        (SpecPath.root.appending("name"), 2),
        (SpecPath.root.appending("levels").appending("block").appending("file"), 8),
        (SpecPath.root.appending("levels").appending("block").appending("parent.column"), 9),
        (SpecPath.root.appending("sources").appending(index: 0).appending("year"), 12),
        (SpecPath.root.appending("sources").appending(index: 1).appending("persons"), 17),
        (SpecPath.root.appending("sources").appending(index: 1).appending("personz"), 22),
        (SpecPath.root.appending("sources").appending(index: 1).appending("missing"), 15),
    ])
    func linesOfKeys(path: SpecPath, line: Int) throws {
        let document = try SpecDocument(text: Self.text, path: "spec.toml")
        #expect(document.line(of: path) == line)
    }

    @Test func unknownKeyNamesItsLine() throws {
        let root = try SpecTable(root: SpecDocument(text: Self.text, path: "spec.toml"))
        let second = try root.arrayOfTables("sources")[1]
        let error = try #require(throws: InputError.self) {
            try second.rejectUnknownKeys(allowed: ["year", "persons", "tags"])
        }
        #expect(error.location.line == 22)
        #expect(error.description.contains("unknown key \"personz\""))
        #expect(error.description.contains("persons, tags, year"))
    }

    @Test func syntaxErrorNamesLineAndColumn() {
        let error = #expect(throws: InputError.self) {
            try SpecDocument(text: "a = 1\nb = = 2\n", path: "bad.toml")
        }
        #expect(error?.location.line == 2)
        #expect(error?.location.file == "bad.toml")
    }

    /// Table headers that make toml++ 3 assert (abort) instead of reporting an error: found by
    /// Fuzz/FuzzSpec (`[[ = "S1"` in a mutated Berlin spec); refused with their line before TOMLKit sees them.
    @Test(arguments: [("a = 1\n[[\n", 2), ("[ = 1\n", 1), ("x = 2\n  [[ = \"S1\"\n", 2), ("[\t\n", 1)])
    func headersTOMLKitWouldAbortOnAreErrors(text: String, line: Int) {
        let error = #expect(throws: InputError.self) { try SpecDocument(text: text, path: "bad.toml") }
        #expect(error?.location.line == line)
        #expect(error?.found.contains("table header") == true, "\(String(describing: error))")
    }

    /// What the header check lets through still parses: nested arrays, quoted keys, array tables.
    @Test func validHeadersAndArraysPass() throws {
        let document = try SpecDocument(text: "[a]\nx = [\n  [1, 2],\n  []\n]\n[\"b c\".d]\ny = 1\n[[e]]\nz = 2\n", path: "ok.toml")
        #expect(document.text.contains("[[e]]"))
    }
}
