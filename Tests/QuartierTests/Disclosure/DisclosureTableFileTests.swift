import Foundation
import Testing
import Quartier
import QuartierBase
import QuartierDisclosure
import QuartierTestSupport

@Suite struct DisclosureTableFileTests {
    static func write(_ text: String) throws -> String {
        let path = try TestPaths.temporaryFolder().appendingPathComponent("table.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func quotedNamesLinkedSystemsAndPassThroughColumns() throws {
        let lines = ["\u{FEFF}area,value,parent,parent_schule,name", "a,1,Q,K1,\"Nord, Alt\"", "b,4,Q,K1,\"Süd \"\"neu\"\"\"",
                     "Q,5,,,Quartier", "K1,5,,,=Schule"]
        let path = try Self.write(lines.joined(separator: "\r\n") + "\r\n")
        let file = try DisclosureTableFile.read(path, options: DisclosureRulesFile())
        #expect(file.rows.count == 4)
        #expect(file.rows[0][4] == "Nord, Alt" && file.rows[1][4] == "Süd \"neu\"")
        #expect(Set(file.links) == [AreaLink(child: "a", parent: "Q"), AreaLink(child: "b", parent: "Q"),
                                    AreaLink(child: "a", parent: "K1", system: "schule"), AreaLink(child: "b", parent: "K1", system: "schule")])
        #expect(file.table.constraints.count == 2)
        let protected = try DisclosureControl.protect(file.table, rules: DisclosureRules(minimumPopulation: nil))
        let text = file.publicationText(protected, suppressWith: [])
        // Names are escaped; a leading "=" is neutralised for spreadsheets.
        #expect(text.contains("\"Nord, Alt\"") && text.contains("\"Süd \"\"neu\"\"\"") && text.contains("'=Schule"))
        #expect(text.hasPrefix("area,value,parent,parent_schule,name\n"))
    }

    @Test(arguments: [
        ("area,value\na,1,2\n", 2, nil as String?, "3 fields"),
        ("area,value\na,x\n", 2, "value", "\"x\""),
        ("area,value\na,-1\n", 2, "value", "\"-1\""),
        ("area,group,value,parent\na,1,3,Q\na,2,4,P\nQ,1,3,\nQ,2,4,\nP,1,0,\nP,2,0,\n", 3, "parent", "\"P\""),
        ("area,value,status\na,.,published\n", 2, "value", "the marker in a published row"),
        ("area,value,status\na,1,hidden\n", 2, "status", "\"hidden\""),
        ("area,value\na,1\na,2\n", 3, "area", "a second row for area a"),
        ("name,value\na,1\n", 1, nil, "columns name,value"),
    ])
    func badTablesNameLineAndField(text: String, line: Int, field: String?, found: String) throws {
        let path = try Self.write(text)
        let error = #expect(throws: InputError.self) { try DisclosureTableFile.read(path, options: DisclosureRulesFile()) }
        #expect(error?.location.line == line)
        #expect(error?.location.field == field)
        #expect(error?.found.hasPrefix(found) == true, "\(String(describing: error))")
    }

    @Test func rulesFromTOML() throws {
        let file = try DisclosureRulesFile.parse("""
        [primary]
        minimum_population = false
        small_count_limit = 5
        suppress_zero = true
        [protection]
        lower = 2
        upper = 3.5
        relative = 0.1
        [secondary]
        cost = "value"
        [table]
        group_total = "insgesamt"
        [output]
        marker = "*"
        rounding = 5
        suppress_with = ["quote"]
        """, file: "rules.toml")
        #expect(file.rules == DisclosureRules(minimumPopulation: nil, smallCountLimit: 5, suppressZero: true,
                                              protection: ProtectionLevels(lower: 2, upper: 3.5, relative: 0.1),
                                              cost: .value, roundingBase: 5, marker: "*"))
        #expect(file.groupTotal == "insgesamt" && file.suppressWith == ["quote"])
        #expect(try DisclosureRulesFile.parse("", file: "empty.toml").rules == DisclosureRules())
        let error = #expect(throws: InputError.self) { try DisclosureRulesFile.parse("[primary\n", file: "bad.toml") }
        #expect(error?.location.line == 1)
    }
}
