import QuartierMethods
import QuartierTestSupport
import Testing

/// GISD-style index on Hamburg's 99 Stadtteil rows (Stadtteilprofile 2014) against numpy's eigh.
/// Reference: `python3 scripts/reference/gisd_hamburg.py ../shared/data/hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv`
/// (dimensions and conventions in the script's docstring); its output is embedded below.
@Suite struct GISDTests {
    @Test func hamburgAgreesWithNumpy() throws {
        let file = try OfficialTable("hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv")
        func column(_ oneBased: Int) throws -> [Double] {
            try (0..<99).map { row in try #require(try file.table.number(row: row, column: oneBased - 1)) }
        }
        let result = GISD.compute(dimensions: [
            GISD.Dimension(name: "employment", indicators: [try column(33), try column(39)], signReference: 0),
            GISD.Dimension(name: "income", indicators: [try column(44), try column(41)], signReference: 1),
            GISD.Dimension(name: "housing", indicators: [try column(53), try column(49)], signReference: 0),
        ], divisor: .sample)
        #expect(result.index.count == Self.index.count)
        for (ours, reference) in try zipEqual(result.index, Self.index) { #expect(abs(ours - reference) < 1e-9) }
        #expect(Dictionary(grouping: result.quintile, by: { $0 }).mapValues(\.count) == [1: 20, 2: 20, 3: 20, 4: 20, 5: 19])
    }

    // numpy 2.4.6 rows 99
    static let index: [Double] = [0.708895489948, 0.203319979479, 0.660178346091, 0.776670530216, 0.588397483828, 0.820139592399, 0.575581959332, 0.628849517454, 0.770539130861, 0.935140077327, 0.818845756546, 0.924573619737, 0.981281162048, 0.953819232527, 0.864771750067, 0.542043363084, 0.739781394384, 0.653146248395, 0.676993439046, 0.511413765010, 0.517447535866, 0.156663034823, 0.129032077573, 0.728742255137, 0.637238860829, 0.000000000000, 0.117761149536, 0.370083158325, 0.358252278756, 0.249887594145, 0.448923828671, 0.325235635713, 0.277654507587, 0.385987160866, 0.476306507398, 0.341279930705, 0.508999105259, 0.588331466516, 0.498564834344, 0.380828816565, 0.341740224882, 0.403460635812, 0.418717151857, 0.394879699735, 0.331992902052, 0.495660222056, 0.524300438277, 0.840447895176, 0.558479773619, 0.426325987287, 0.430211497108, 0.518879903058, 0.529868824607, 0.555588752086, 0.339383213677, 0.880946390077, 0.551151520281, 0.510011690604, 0.537528028896, 1.000000000000, 0.141692077137, 0.164951686311, 0.262734767391, 0.631956468936, 0.089937264090, 0.188340372638, 0.070329277015, 0.233548187958, 0.255184659202, 0.540508119822, 0.601187659135, 0.501147629866, 0.302558090696, 0.217854815932, 0.219684903284, 0.207493682357, 0.232581867373, 0.222945302886, 0.187381828758, 0.301971339304, 0.294842367115, 0.163313506789, 0.251503967434, 0.958575165261, 0.818998923695, 0.289759346830, 0.663033048264, 0.327017304815, 0.455084504709, 0.414297604074, 0.366278279608, 0.547280173359, 0.636370197383, 0.310448397273, 0.714962618285, 0.597955608244, 0.279393757381, 0.537802267352, 0.464930505724]
}
