import QuartierTestSupport
import Testing
import QuartierDisclosure

@Suite struct DisclosureTableTests {
    /// Two areas × two groups with totals and a city row (worked by hand in AttackerAuditTests).
    static func small() -> ([DisclosureCell], [AreaLink]) {
        let rows: [(String, [Double])] = [("A", [1, 5, 6]), ("B", [4, 3, 7]), ("city", [5, 8, 13])]
        var cells: [DisclosureCell] = []
        for (area, values) in rows {
            for (group, value) in zip(["g1", "g2", "total"], values) { cells.append(DisclosureCell(area: area, group: group, value: value)) }  // zip: lengths equal by construction
        }
        return (cells, [AreaLink(child: "A", parent: "city"), AreaLink(child: "B", parent: "city")])
    }

    @Test func constraintsOfATwoDimensionalHierarchy() throws {
        let (cells, links) = Self.small()
        let table = try DisclosureTable(cells: cells, links: links, groupTotal: "total")
        // 3 group totals (A, B, city) + 3 area totals (g1, g2, total).
        #expect(table.constraints.count == 6)
        #expect(table.subtables == [[3, 4, 5, 2, 0, 1]])
        #expect(table.constraints.contains(Additivity(total: 8, parts: [2, 5])))
    }

    @Test func withoutAGroupTotalTheGroupsAreIndependent() throws {
        let cells = ["2021", "2022"].flatMap { year in
            [DisclosureCell(area: "A", group: year, value: 2), DisclosureCell(area: "B", group: year, value: 3),
             DisclosureCell(area: "city", group: year, value: 5)]
        }
        let table = try DisclosureTable(cells: cells, links: [AreaLink(child: "A", parent: "city"), AreaLink(child: "B", parent: "city")], groupTotal: "total")
        #expect(table.constraints == [Additivity(total: 2, parts: [0, 1]), Additivity(total: 5, parts: [3, 4])])
    }

    /// The first total (in cell order) that does not add up is named, with the sum found.
    @Test func aTableThatDoesNotAddUpIsRefusedAtItsFirstBadRow() {
        var (cells, links) = Self.small()
        cells[5].value = 8      // B's total: 4 + 3 ≠ 8
        cells[8].value = 14     // city total wrong too, later row
        #expect(throws: DisclosureError.notAdditive(total: 5, sum: 7, parts: [3, 4])) {
            try DisclosureTable(cells: cells, links: links, groupTotal: "total")
        }
    }

    @Test func badStructuresAreRefused() {
        let (cells, links) = Self.small()
        #expect(throws: DisclosureError.missingCell(area: "B", group: "g2", neededBy: "the total of area B")) {
            try DisclosureTable(cells: cells.filter { !($0.area == "B" && $0.group == "g2") }, links: links, groupTotal: "total")
        }
        #expect(throws: DisclosureError.duplicateCell(9)) {
            try DisclosureTable(cells: cells + [cells[0]], links: links, groupTotal: "total")
        }
        #expect(throws: DisclosureError.twoParents(area: "A", system: "")) {
            try DisclosureTable(cells: cells, links: links + [AreaLink(child: "A", parent: "B")], groupTotal: "total")
        }
        var negative = cells
        negative[0].value = -1
        #expect(throws: DisclosureError.invalidValue(0)) {
            try DisclosureTable(cells: negative, links: links, groupTotal: "total")
        }
        #expect(throws: DisclosureError.cycle(area: "A")) {
            try DisclosureTable(cells: cells, links: links + [AreaLink(child: "city", parent: "A")], groupTotal: "total")
        }
    }
}
