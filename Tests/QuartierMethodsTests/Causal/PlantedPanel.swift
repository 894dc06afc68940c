import QuartierMethods

/// Synthetic panels for the synthetic-control tests, from the project's one RNG (`SeededGenerator`).
enum PlantedPanel {
    /// Donors `D01`… with a level, a trend and noise each; the treated unit `T` is the convex combination
    /// `mix` of donors (index → weight) in every year, plus `noise` × N(0,1), plus `effect` from `start` on.
    static func make(donors: Int = 19, years: Int = 25, preYears: Int = 20, mix: [Int: Double] = [2: 0.5, 7: 0.3, 11: 0.2],
                     effect: Double, noise: Double = 0, seed: UInt64 = 2010) throws -> (panel: SyntheticControlPanel, start: Int) {
        precondition(mix.keys.allSatisfy { $0 < donors }, "mix: donor indices below \(donors)")
        var generator = SeededGenerator(seed: seed)
        let firstYear = 2001
        var donorSeries: [[Double]] = []
        for _ in 0..<donors {
            let level = generator.uniform(10, 30), trend = generator.uniform(-0.5, 0.5)
            donorSeries.append((0..<years).map { t in level + trend * Double(t) + generator.normal() })
        }
        let start = firstYear + preYears
        let treated = (0..<years).map { t in
            mix.reduce(0) { $0 + $1.value * donorSeries[$1.key][t] } + noise * generator.normal() + (t >= preYears ? effect : 0)
        }
        let units = ["T"] + (1...donors).map { $0 < 10 ? "D0\($0)" : "D\($0)" }
        let outcomes = (0..<years).map { t in [treated[t]] + donorSeries.map { $0[t] } }
        return (try SyntheticControlPanel(units: units, years: Array(firstYear..<(firstYear + years)), outcomes: outcomes), start)
    }
}
