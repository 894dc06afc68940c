import Testing

import Quartier
@testable import QuartierMonitoring

@Suite struct CountTableTests {
    let blocks = CountTable(
        areaIDs: ["b1", "b2", "b3", "b4"], terms: ["kinder", "kinder_sgb2"],
        counts: [10, 2, 30, 9, 0, 0, 5, 5])
    let parentOf = ["b1": "q1", "b2": "q1", "b3": "q2", "b4": "q2"]

    @Test func rollUpSumsCountsAndKeepsTotals() throws {
        let quartiere = try blocks.rolledUp(parentOf: parentOf, parentIDs: ["q2", "q1", "q3"], level: "quartier")
        #expect(quartiere.areaIDs == ["q1", "q2", "q3"])
        #expect(quartiere.counts == [40, 11, 5, 5, 0, 0])
        #expect(quartiere.totals == blocks.totals)
        // A parent's rate is its summed numerator over its summed denominator, not the mean of the
        // children's rates (20 % and 30 % → 27.5 %, never 25 %).
        #expect(Double(quartiere[0, 1]) / Double(quartiere[0, 0]) == 11.0 / 40.0)
    }

    @Test func orphanIsAnError() {
        #expect(throws: RollupError.self) {
            try blocks.rolledUp(parentOf: ["b1": "q1", "b2": "q1", "b3": "q2"], parentIDs: ["q1", "q2"], level: "quartier")
        }
        let error = #expect(throws: RollupError.self) {
            try blocks.rolledUp(parentOf: parentOf, parentIDs: ["q1"], level: "quartier")
        }
        #expect(error?.description == "area b3 names parent q2, which is not an area of level quartier")
    }
}
