import Testing
import QuartierDisclosure

@Suite struct AttackerAuditTests {
    /// All four inner cells of the 2 × 2 table suppressed. With A.g1 = t the constraints give A.g2 = 6 − t,
    /// B.g1 = 5 − t, B.g2 = 2 + t, and non-negativity t ∈ [0, 5] (worked by hand).
    @Test func intervalsOfTheTwoByTwoTable() throws {
        let (cells, links) = DisclosureTableTests.small()
        let table = try DisclosureTable(cells: cells, links: links, groupTotal: "total")
        var status = [CellStatus](repeating: .published, count: cells.count)
        for i in [0, 1, 3, 4] { status[i] = .primary }
        let report = try AttackerAudit.audit(table, status: status, protection: ProtectionLevels(lower: 1, upper: 1))
        let bounds = report.intervals.map { [$0.lower, $0.upper] }
        #expect(bounds == [[0, 5], [1, 6], [0, 5], [2, 7]])
        #expect(report.exposed.isEmpty)
        #expect(report.linearProgramsSolved == 8)
        // Protection levels wider than the feasible range expose the cell.
        let strict = try AttackerAudit.audit(table, status: status, protection: ProtectionLevels(lower: 1, upper: 5))
        #expect(strict.exposed.map(\.cell) == [0, 1, 3, 4])   // x + 5 > the upper bound everywhere
    }

    @Test func aSingleSuppressedCellInARowIsRecomputed() throws {
        let (cells, links) = DisclosureTableTests.small()
        let table = try DisclosureTable(cells: cells, links: links, groupTotal: "total")
        var status = [CellStatus](repeating: .published, count: cells.count)
        status[0] = .primary
        let report = try AttackerAudit.audit(table, status: status, protection: ProtectionLevels())
        #expect(report.intervals.count == 1)
        #expect(report.intervals[0].lower == 1 && report.intervals[0].upper == 1)
        #expect(report.exposed.count == 1)
        // Publication-only knowledge sees the same width 0.
        let blind = try AttackerAudit.audit(table, status: status, protection: ProtectionLevels(), knowledge: .publicationOnly)
        #expect(blind.exposed.count == 1)
    }

    @Test func aCellWithoutConstraintsIsUnbounded() throws {
        let table = DisclosureTable(cells: [DisclosureCell(area: "A", value: 1)], constraints: [])
        let report = try AttackerAudit.audit(table, status: [.primary], protection: ProtectionLevels())
        #expect(report.intervals[0].lower == 0 && report.intervals[0].upper == .infinity)
        #expect(report.exposed.isEmpty)
    }

    /// Linked tables: the same four blocks in Quartiere (b1+b2, b3+b4) and school districts (b1+b3, b2+b4).
    /// Suppressing b1 and b2 hides b1 within the Quartiere, but the school district total minus b3 gives it away.
    @Test func differencingLinkedTablesIsCaught() throws {
        let values: [(String, Double)] = [("b1", 1), ("b2", 7), ("b3", 9), ("b4", 6), ("Q1", 8), ("Q2", 15),
                                           ("S1", 10), ("S2", 13), ("city", 23)]
        let cells = values.map { DisclosureCell(area: $0.0, value: $0.1) }
        let quartiere = [("b1", "Q1"), ("b2", "Q1"), ("b3", "Q2"), ("b4", "Q2"), ("Q1", "city"), ("Q2", "city")]
            .map { AreaLink(child: $0.0, parent: $0.1, system: "quartiere") }
        let schools = [("b1", "S1"), ("b3", "S1"), ("b2", "S2"), ("b4", "S2"), ("S1", "city"), ("S2", "city")]
            .map { AreaLink(child: $0.0, parent: $0.1, system: "schulen") }
        var status = [CellStatus](repeating: .published, count: cells.count)
        status[0] = .primary
        status[1] = .secondary
        let one = try DisclosureTable(cells: cells, links: quartiere, groupTotal: nil)
        #expect(try AttackerAudit.audit(one, status: status, protection: ProtectionLevels()).exposed.isEmpty)
        let linked = try DisclosureTable(cells: cells, links: quartiere + schools, groupTotal: nil)
        let attack = try AttackerAudit.audit(linked, status: status, protection: ProtectionLevels())
        #expect(attack.exposed.map(\.cell) == [0])
        // Protection of the linked table holds against both systems.
        let protected = try DisclosureControl.protect(linked, rules: DisclosureRules(minimumPopulation: nil))
        #expect(protected.audit.exposed.isEmpty)
        #expect(protected.status[0] == .primary)
        #expect(protected.secondary.secondaryCount >= 3)
    }
}
