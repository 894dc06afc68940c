import Testing
import QuartierDisclosure

@Suite struct RulesTests {
    @Test(arguments: [
        // (value, population, limit, suppressZero, expected reason)
        (0.0, 500.0, 2.0, false, nil),
        (0, 500, 2, true, SuppressionReason.count),
        (1, 500, 2, false, .count),
        (2, 500, 2, false, .count),
        (3, 500, 2, false, nil),
        (5, 500, 5, false, .count),
        (250, 299, 2, false, .population),
        (250, 300, 2, false, nil),
    ] as [(Double, Double, Double, Bool, SuppressionReason?)])
    func primaryRules(value: Double, population: Double, limit: Double, zero: Bool, expected: SuppressionReason?) {
        let table = DisclosureTable(cells: [DisclosureCell(area: "A", value: value, population: population)], constraints: [])
        let rules = DisclosureRules(smallCountLimit: limit, suppressZero: zero)
        #expect(PrimarySuppression.reasons(for: table, rules: rules) == [expected])
    }

    /// Levels with relative 10 %: lower = min(x, max(lower, 0.1x)), upper = max(upper, 0.1x).
    @Test(arguments: [(1.0, 1.0, 0.0, 1.0, 0.1), (0, 2, 3, 0, 3), (5, 2, 2, 2, 2), (100, 1, 1, 10, 10)])
    func protectionLevels(value: Double, lower: Double, upper: Double, expectedLower: Double, expectedUpper: Double) {
        let levels = ProtectionLevels(lower: lower, upper: upper, relative: 0.1)
        #expect(levels.lowerAmount(for: value) == expectedLower)
        #expect(levels.upperAmount(for: value) == expectedUpper)
    }

    @Test(arguments: [(12.0, 5.0, 10.0), (12.5, 5, 15), (13, 5, 15), (2, 5, 0), (2.5, 5, 5), (7, 3, 6)])
    func roundingAfterSuppression(value: Double, base: Double, expected: Double) {
        #expect(Rounding.round(value, toMultipleOf: base) == expected)
    }

    @Test func suppressedCellsAreWrittenWithTheMarkerAndPublishedOnesRounded() throws {
        let (cells, links) = DisclosureTableTests.small()
        let table = try DisclosureTable(cells: cells, links: links, groupTotal: "total")
        let rules = DisclosureRules(minimumPopulation: nil, roundingBase: 5, marker: "*")
        let protected = try DisclosureControl.protect(table, rules: rules)
        #expect(protected.status[0] == .primary)
        #expect(protected.publishedText(0) == "*")
        let published = cells.indices.filter { !protected.status[$0].isSuppressed }
        for i in published { #expect(protected.publishedValue(i) == Rounding.round(cells[i].value, toMultipleOf: 5)) }
        #expect(!protected.publishedText(0).isEmpty && protected.publishedText(0) != "0")
    }

    @Test func footnotes() {
        let rules = DisclosureRules(roundingBase: 5)
        let german = Footnote.text(for: rules, language: .german)
        #expect(german.hasPrefix(". = aus Gründen der statistischen Geheimhaltung gesperrt."))
        #expect(german.contains("Zahlenwerte von 1 bis 2"))
        #expect(german.contains("weniger als 300 Einwohnerinnen und Einwohnern"))
        #expect(german.contains("Vielfaches von 5"))
        let english = Footnote.text(for: DisclosureRules(minimumPopulation: nil, smallCountLimit: 5), language: .english)
        #expect(english == ". = suppressed for statistical confidentiality. Suppressed are counts from 1 to 5; further figures are suppressed so that suppressed values cannot be recomputed from totals.")
    }

    @Test func theBaselineLeavesNoConstraintWithASingleSuppressedCell() throws {
        let table = try SyntheticCity(stadtteile: 2, quartiereEach: 2, blocksEach: 5).table()
        let primary = PrimarySuppression.reasons(for: table, rules: DisclosureRules(minimumPopulation: 100))
            .map { $0 == nil ? CellStatus.published : .primary }
        let baseline = BaselineSuppression.apply(to: table, status: primary)
        for c in table.constraints {
            #expect(([c.total] + c.parts).filter { baseline[$0].isSuppressed }.count != 1)
        }
    }
}
