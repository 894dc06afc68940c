import QuartierMethods
import Testing

/// The same method on the 2013–2019 editions (447 PLR; four status indicators in 2013–2017, three in
/// 2019) and the areas whose class depends on the SD convention (METHODS.md step 3).
@Suite struct BerlinMSSEditionsTests {
    static func compute(_ edition: MSSEdition, _ divisor: StandardDeviationDivisor) throws -> BerlinMSS.Result {
        try BerlinMSS.compute(ids: edition.ids, status: edition.status, statusNames: edition.statusNames,
                              dynamics: edition.dynamics, dynamicsNames: edition.dynamicsNames,
                              valid: edition.valid, divisor: divisor)
    }

    @Test(arguments: [(2013, 4), (2015, 4), (2017, 4), (2019, 3)])
    func everyValidAreaGetsAClass(year: Int, statusIndicators: Int) throws {
        let edition = try MSSEdition.older(year)
        #expect(edition.ids.count == 447)
        #expect(edition.status.count == statusIndicators)
        #expect(edition.dynamics.count == statusIndicators)
        let result = try Self.compute(edition, .population)
        let validCount = edition.valid.filter { $0 }.count
        #expect(result.combined.compactMap { $0 }.count == validCount)
        // Invalid areas carry 0.0 in the files; they are excluded, not standardised as zeros.
        for area in edition.ids.indices where !edition.valid[area] { #expect(result.statusClass[area] == nil) }
    }

    /// METHODS.md: n versus n − 1 moves one area to another class in 2013 (`12214422`), 2015
    /// (`07070707`) and 2019 (`09030901`); none in 2017 and 2021.
    @Test(arguments: [(2013, ["12214422"]), (2015, ["07070707"]), (2017, []), (2019, ["09030901"]), (2021, [])])
    func areasWhoseClassDependsOnTheConvention(year: Int, expected: [String]) throws {
        let edition = try year == 2021 ? MSSEdition.mss2021() : MSSEdition.older(year)
        let population = try Self.compute(edition, .population), sample = try Self.compute(edition, .sample)
        let differing = edition.ids.indices.filter { population.combined[$0] != sample.combined[$0] }.map { edition.ids[$0] }
        #expect(differing == expected)
    }
}
