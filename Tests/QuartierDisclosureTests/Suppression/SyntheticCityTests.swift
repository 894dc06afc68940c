import Testing
import QuartierDisclosure

/// The synthetic city (200 blocks → 20 Quartiere → 4 Stadtteile → city × 5 age groups and total).
@Suite struct SyntheticCityTests {
    static let rules = DisclosureRules(minimumPopulation: 100, smallCountLimit: 2)

    @Test func theCityHasManySmallCells() throws {
        let table = try SyntheticCity().table()
        #expect(table.cells.count == (200 + 20 + 4 + 1) * 6)
        #expect(table.subtables.count == 20 + 4 + 1)
        let small = table.cells.filter { $0.value >= 1 && $0.value <= 2 }.count
        #expect(small > 150)
    }

    @Test func afterProtectionTheAuditFindsNoExposedCell() throws {
        let protected = try DisclosureControl.protect(try SyntheticCity().table(), rules: Self.rules)
        #expect(protected.status.contains(.primary))
        #expect(protected.status.contains(.secondary))
        #expect(protected.audit.exposed.isEmpty)
        #expect(protected.audit.intervals.count == protected.status.filter(\.isSuppressed).count)
        #expect(protected.secondary.unprotectable.isEmpty)
    }

    @Test func fewerSecondarySuppressionsThanTheBaseline() throws {
        let table = try SyntheticCity().table()
        let protected = try DisclosureControl.protect(table, rules: Self.rules)
        let primary = protected.status.map { $0 == .primary ? CellStatus.primary : .published }
        let baseline = BaselineSuppression.apply(to: table, status: primary)
        let ours = protected.secondary.secondaryCount
        let theirs = baseline.filter { $0 == .secondary }.count
        #expect(ours < theirs, "secondary: ours \(ours), baseline \(theirs)")
    }

    @Test(.enabled(if: ReferenceAttack.available, "needs python3 with scipy"))
    func anIndependentAttackRecoversNothing() throws {
        let city = SyntheticCity()
        let protected = try DisclosureControl.protect(try city.table(), rules: Self.rules)
        let outcome = try ReferenceAttack.attack(protected, links: city.links)
        #expect(outcome.cells == protected.status.filter(\.isSuppressed).count)
        #expect(outcome.exposed == 0)
        // The widths agree with our own audit to LP tolerance.
        let ours = protected.audit.intervals.map(\.width).min() ?? .infinity
        #expect(abs(outcome.minimumWidth - ours) < 1e-6 * max(1, ours))
    }

    @Test(arguments: [SuppressionCost.cells, .value])
    func bothObjectivesGiveSafePatterns(cost: SuppressionCost) throws {
        var rules = Self.rules
        rules.cost = cost
        let protected = try DisclosureControl.protect(try SyntheticCity(stadtteile: 2, quartiereEach: 3, blocksEach: 6).table(), rules: rules)
        #expect(protected.audit.exposed.isEmpty)
    }

    @Test func theValueObjectiveSuppressesLessTotalValue() throws {
        let table = try SyntheticCity(stadtteile: 2, quartiereEach: 3, blocksEach: 6).table()
        func suppressedValue(_ cost: SuppressionCost) throws -> Double {
            var rules = Self.rules
            rules.cost = cost
            let p = try DisclosureControl.protect(table, rules: rules)
            return table.cells.indices.filter { p.status[$0] == .secondary }.reduce(0) { $0 + table.cells[$1].value }
        }
        #expect(try suppressedValue(.value) <= suppressedValue(.cells))
    }

    /// Linked tables: the same blocks also published by 8 school districts. The audit covers differencing
    /// between the two systems; so does the independent attack.
    @Test func linkedTablesAreProtectedAgainstDifferencing() throws {
        let city = SyntheticCity(stadtteile: 2, quartiereEach: 4, blocksEach: 8, schoolDistricts: 8)
        let table = try city.table()
        #expect(Set(city.links.map(\.system)) == ["", "schule"])
        let protected = try DisclosureControl.protect(table, rules: Self.rules)
        #expect(protected.audit.exposed.isEmpty)
        // The pattern found for the Quartier hierarchy alone is not safe once the school districts are published.
        let alone = SyntheticCity(stadtteile: 2, quartiereEach: 4, blocksEach: 8)
        let aloneProtected = try DisclosureControl.protect(try alone.table(), rules: Self.rules)
        var status = [CellStatus](repeating: .published, count: table.cells.count)
        let index = Dictionary(uniqueKeysWithValues: table.cells.enumerated().map { ("\($0.element.area)|\($0.element.group)", $0.offset) })
        for (i, cell) in alone.cells.enumerated() where aloneProtected.status[i].isSuppressed {
            status[index["\(cell.area)|\(cell.group)"]!] = aloneProtected.status[i]
        }
        let differencing = try AttackerAudit.audit(table, status: status, protection: Self.rules.protection)
        #expect(!differencing.exposed.isEmpty)
    }

    @Test(.enabled(if: ReferenceAttack.available, "needs python3 with scipy"))
    func linkedTablesResistAnIndependentAttack() throws {
        let city = SyntheticCity(stadtteile: 2, quartiereEach: 4, blocksEach: 8, schoolDistricts: 8)
        let protected = try DisclosureControl.protect(try city.table(), rules: Self.rules)
        let outcome = try ReferenceAttack.attack(protected, links: city.links)
        #expect(outcome.cells == protected.status.filter(\.isSuppressed).count)
        #expect(outcome.exposed == 0)
    }
}
