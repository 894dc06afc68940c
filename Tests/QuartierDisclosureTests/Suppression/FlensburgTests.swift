import Foundation
import Testing
import QuartierDisclosure
import QuartierTestSupport

/// Real counts: Flensburg Sozialatlas (CC0, oklabflensburg/open-social-map), 13 Stadtteile.
/// All 13 Stadtteile have more than 3,000 inhabitants and few small counts, so the thresholds below are raised
/// on purpose (named in each test) to make the real table carry primary cells.
@Suite struct FlensburgTests {
    /// Stadtteile × years 2018–2022 of `arbeitslose_18_65`, population `einwohner`, plus the city row per year
    /// (years have no total).
    static func unemployment() throws -> (cells: [DisclosureCell], links: [AreaLink]) {
        let text = try String(contentsOf: TestPaths.shared("flensburg-2022/flensburg_stadtteile_kennzahlen.csv"), encoding: .utf8)
        var cells: [DisclosureCell] = []
        var city: [String: (Double, Double)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let year = Int(f[0]), (2018...2022).contains(year), let population = Double(f[2]), let count = Double(f[3]) else { continue }
            cells.append(DisclosureCell(area: "st\(f[1])", group: String(year), value: count, population: population))
            city[String(year), default: (0, 0)].0 += count
            city[String(year), default: (0, 0)].1 += population
        }
        for (year, (count, population)) in city.sorted(by: { $0.key < $1.key }) {
            cells.append(DisclosureCell(area: "Flensburg", group: year, value: count, population: population))
        }
        let links = (1...13).map { AreaLink(child: "st\($0)", parent: "Flensburg") }
        return (cells, links)
    }

    /// Stadtteile × six age groups and their total, 2022, from `fl_age_groups_by_district` in the SQL dump,
    /// plus the city row.
    static func ageGroups() throws -> (cells: [DisclosureCell], links: [AreaLink]) {
        let sql = try String(contentsOf: TestPaths.shared("flensburg-2022/flensburg_sozialatlas_original.sql"), encoding: .utf8)
        let start = try #require(sql.range(of: "INSERT INTO fl_age_groups_by_district"))
        let block = sql[start.upperBound...].prefix { $0 != ";" }
        let groups = ["u18", "18-29", "30-44", "45-64", "65-79", "80+"]
        var cells: [DisclosureCell] = []
        var city = [Double](repeating: 0, count: 6)
        for line in block.split(separator: "\n") where line.hasPrefix("(2022,") {
            let numbers = line.filter { "0123456789,".contains($0) }.split(separator: ",").compactMap { Double($0) }
            let values = Array(numbers[2..<8])
            for (g, v) in values.enumerated() {
                cells.append(DisclosureCell(area: "st\(Int(numbers[1]))", group: groups[g], value: v))
                city[g] += v
            }
            cells.append(DisclosureCell(area: "st\(Int(numbers[1]))", group: "total", value: values.reduce(0, +)))
        }
        for (g, v) in city.enumerated() { cells.append(DisclosureCell(area: "Flensburg", group: groups[g], value: v)) }
        cells.append(DisclosureCell(area: "Flensburg", group: "total", value: city.reduce(0, +)))
        return (cells, (1...13).map { AreaLink(child: "st\($0)", parent: "Flensburg") })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var rules: DisclosureRules
        var testDescription: String { name }
    }

    static let cases = [
        // Minimum population 4,000 (instead of 300) catches Altstadt (3,815–3,907); counts up to 60 catch Tarup.
        Case(name: "unemployment × year", rules: DisclosureRules(minimumPopulation: 4000, smallCountLimit: 60)),
        // Counts up to 500 (instead of 2) mark scattered small age cells.
        Case(name: "age groups 2022", rules: DisclosureRules(minimumPopulation: nil, smallCountLimit: 500)),
    ]

    static func load(_ name: String) throws -> (cells: [DisclosureCell], links: [AreaLink]) {
        name.hasPrefix("unemployment") ? try unemployment() : try ageGroups()
    }

    @Test func theTablesAreComplete() throws {
        #expect(try Self.unemployment().cells.count == 14 * 5)
        #expect(try Self.ageGroups().cells.count == 14 * 7)
    }

    @Test(arguments: cases)
    func protectedAndAudited(_ c: Case) throws {
        let (cells, links) = try Self.load(c.name)
        let table = try DisclosureTable(cells: cells, links: links, groupTotal: "total")
        let protected = try DisclosureControl.protect(table, rules: c.rules)
        #expect(protected.status.contains(.primary))
        #expect(protected.audit.exposed.isEmpty)
        let primary = protected.status.map { $0 == .primary ? CellStatus.primary : .published }
        let baseline = BaselineSuppression.apply(to: table, status: primary).filter { $0 == .secondary }.count
        #expect(protected.secondary.secondaryCount <= baseline, "ours \(protected.secondary.secondaryCount), baseline \(baseline)")
    }

    @Test(.enabled(if: ReferenceAttack.available, "needs python3 with scipy"), arguments: cases)
    func independentAttack(_ c: Case) throws {
        let (cells, links) = try Self.load(c.name)
        let protected = try DisclosureControl.protect(try DisclosureTable(cells: cells, links: links, groupTotal: "total"), rules: c.rules)
        let outcome = try ReferenceAttack.attack(protected, links: links)
        #expect(outcome.exposed == 0)
        #expect(outcome.cells == protected.status.filter(\.isSuppressed).count)
    }
}
