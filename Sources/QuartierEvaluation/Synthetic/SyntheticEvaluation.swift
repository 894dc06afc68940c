import Foundation
import QuartierBase
import QuartierMethods
import QuartierTable

/// A synthetic panel with a planted effect, for the evaluation's tests, demo and benchmark: areas ×
/// years of counts (binomial draws around each area's rate), a city-wide trend every area follows,
/// and funded areas (more often the needier ones, as in practice) whose SGB II child rate
/// (`sgb2_kinder`, the first indicator) falls by `effect` percentage points from their start year,
/// with starts in three different years. Every other indicator has no effect.
///
/// Model: p_at = p_a + trend_k·(t − t₀) + effect·1{funded, t ≥ start} + s_at, clamped to [0.001, 0.999]
/// (never reached with the defaults: child poverty p_a ∈ [0.10, 0.34], a city trend of −4 points over the
/// period, an effect of −3), with p_a uniform, s_at ~ N(0, shock²) (an area's year-to-year wobble), denominators n_at around an
/// area size drawn once; numerator ~ Binomial(n_at, p_at) (`Sampling.binomial`, exact) with the one
/// generator of the project (`SeededGenerator`, SplitMix64): same seed, same bytes.
public enum SyntheticEvaluation {
    public struct Options: Sendable {
        public var areas = 400
        public var years = 2010...2024
        public var indicators = 3
        /// Share of the areas funded.
        public var fundedShare = 0.1
        /// The planted effect on the first indicator, in percentage points (negative: the rate falls).
        public var effect = -3.0
        /// SD of the area-year wobble, percentage points.
        public var shock = 0.5
        public var seed: UInt64 = 42

        public init(areas: Int = 400, years: ClosedRange<Int> = 2010...2024, indicators: Int = 3, fundedShare: Double = 0.1,
                    effect: Double = -3.0, shock: Double = 0.5, seed: UInt64 = 42) {
            self.areas = areas
            self.years = years
            self.indicators = indicators
            self.fundedShare = fundedShare
            self.effect = effect
            self.shock = shock
            self.seed = seed
        }

        /// The three start years: at 40 %, 55 % and 70 % of the period.
        public var starts: [Int] {
            let span = Double(years.count - 1)
            return [0.4, 0.55, 0.7].map { years.lowerBound + Int(($0 * span).rounded()) }
        }
        /// The 2 × 2 windows the written spec uses: before the earliest start, from the latest on.
        public var pre: ClosedRange<Int> { years.lowerBound...(starts[0] - 1) }
        public var post: ClosedRange<Int> { starts[2]...years.upperBound }
    }

    static let names = ["sgb2_kinder", "sgb2_quote", "arbeitslos", "alleinerziehend", "migration", "hochbetagt",
                        "uebergang_gym", "uebergewicht", "sprachfoerderung", "impfluecke"]

    public static func indicatorID(_ k: Int) -> String { k < names.count ? names[k] : "indikator_\(k + 1)" }

    /// The panel in memory.
    public static func panel(_ options: Options) -> EvaluationPanel {
        var g = SeededGenerator(seed: options.seed)
        let years = Array(options.years), t = years.count, a = options.areas
        let ids = (0..<a).map { String(format: "q%05d", $0 + 1) }
        var size = [Double](), level = [[Double]](repeating: [], count: options.indicators)
        var start = [Int?](repeating: nil, count: a)
        let starts = options.starts
        for area in 0..<a {
            size.append(150 + 1350 * g.unit())
            for k in 0..<options.indicators { level[k].append(k == 0 ? 0.10 + 0.24 * g.unit() : 0.06 + 0.4 * g.unit()) }
            // Needier areas are funded more often: probability ∝ their child-poverty level.
            let p = min(1, options.fundedShare * 2 * (level[0][area] - 0.10) / 0.24)
            if g.unit() < p { start[area] = starts[g.below(starts.count)] }
        }
        var indicators: [EvaluationPanel.Indicator] = []
        for k in 0..<options.indicators {
            // The city trend over the whole period: −4 points for the first indicator, ±2 for the others
            // (so that no rate reaches the clamp, which would shrink the planted effect).
            let trend = (k == 0 ? -0.04 : (k.isMultiple(of: 2) ? 0.02 : -0.02)) / Double(max(t - 1, 1))
            var numerator = [Double](repeating: 0, count: a * t), denominator = numerator
            for area in 0..<a {
                for j in 0..<t {
                    let n = Int((size[area] * (0.95 + 0.1 * g.unit())).rounded())
                    var p = level[k][area] + trend * Double(j) + options.shock / 100 * g.normal()
                    if k == 0, let s = start[area], years[j] >= s { p += options.effect / 100 }
                    p = min(0.999, max(0.001, p))
                    denominator[area * t + j] = Double(n)
                    numerator[area * t + j] = Double(Sampling.binomial(trials: n, probability: p, &g))
                }
            }
            indicators.append(EvaluationPanel.Indicator(id: indicatorID(k), scale: 100, numerator: numerator, denominator: denominator))
        }
        return EvaluationPanel(areaIDs: ids, years: years, indicators: indicators, start: start)
    }

    /// Writes `panel.csv` (area, year, per indicator `<id>_zaehler`, `<id>_nenner`), `foerderung.csv`
    /// (the register of funded areas: area, start) and `evaluation.toml` (the spec `quartier evaluate`
    /// reads, its `[[funded]]` from the register) into `folder`, each atomically.
    /// - Returns: the paths written.
    public static func write(_ options: Options, folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let panel = panel(options)
        let t = panel.years.count
        let csv = URL(fileURLWithPath: folder).appendingPathComponent("panel.csv").path
        try AtomicFile.write(to: csv) { handle in
            var text = "area,year" + panel.indicators.map { ",\($0.id)_zaehler,\($0.id)_nenner" }.joined() + "\n"
            for (area, id) in panel.areaIDs.enumerated() {
                for (j, year) in panel.years.enumerated() {
                    text += "\(id),\(year)"
                    for indicator in panel.indicators {
                        text += ",\(Int(indicator.numerator[area * t + j])),\(Int(indicator.denominator[area * t + j]))"
                    }
                    text += "\n"
                }
                if text.utf8.count > 1 << 20 { handle.write(Data(text.utf8)); text = "" }
            }
            handle.write(Data(text.utf8))
        }
        let register = URL(fileURLWithPath: folder).appendingPathComponent("foerderung.csv").path
        try AtomicFile.write("area,start\n" + panel.funded.map { "\(panel.areaIDs[$0.area]),\($0.start)\n" }.joined(), to: register)
        var spec = """
        # Evaluation of a synthetic panel with a planted effect, written by
        #   quartier synth evaluation --areas \(options.areas) --years \(options.years.lowerBound)-\(options.years.upperBound) --indicators \(options.indicators) --effect \(options.effect) --seed \(options.seed)
        # The funded areas' \(indicatorID(0)) rate falls by \(-options.effect) percentage points from their start year
        # (starts \(options.starts.map(String.init).joined(separator: ", "))); every area follows the city trend; the other indicators have no effect.
        # The [[funded]] list below is foerderung.csv (the register of funded areas).
        panel = "panel.csv"
        pre = [\(options.pre.lowerBound), \(options.pre.upperBound)]
        post = [\(options.post.lowerBound), \(options.post.upperBound)]
        methods = ["did", "twfe", "cs", "matching", "comparable"]
        neighbours = 1
        tolerance = 2.0

        """
        for indicator in panel.indicators {
            spec += "\n[[indicators]]\nid = \"\(indicator.id)\"\nnumerator = \"\(indicator.id)_zaehler\"\ndenominator = \"\(indicator.id)_nenner\"\nscale = 100\n"
        }
        for (area, start) in panel.funded { spec += "\n[[funded]]\narea = \"\(panel.areaIDs[area])\"\nstart = \(start)\n" }
        let specPath = URL(fileURLWithPath: folder).appendingPathComponent("evaluation.toml").path
        try AtomicFile.write(spec, to: specPath)
        return [csv, register, specPath]
    }
}
