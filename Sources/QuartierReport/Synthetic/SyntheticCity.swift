import Foundation
import QuartierBase
import QuartierGeometry
import QuartierMethods

/// A synthetic city for demos, tests and timings: a grid of areas whose shared edges wiggle (identical
/// vertices on both sides, as in a real coverage), districts of 8 × 8 areas, three rate indicators over
/// five years with counts, Wilson intervals and suppressed small counts, an MSS-like index and dynamics.
///
/// Everything is derived from `seed` with SplitMix64 (Steele, Lea & Flood 2014), so the same
/// arguments give the same model. The numbers are invented; they only exercise the report.
public enum SyntheticCity {
    /// Builds a city of `count` areas.
    /// - Parameters:
    ///   - names: replacement names by area number (0-based), e.g. to test escaping.
    public static func model(areas count: Int, language: ReportLanguage = .de, seed: UInt64 = 1,
                             names: [Int: String] = [:]) -> ReportModel {
        let de = language == .de
        let columns = max(1, Int(Double(count).squareRoot().rounded(.up)))
        let rows = max(1, (count + columns - 1) / columns)
        let cell = 250.0, originX = 390_000.0, originY = 5_810_000.0
        func random(_ a: Int, _ b: Int, _ c: Int) -> Double {
            var z = seed &+ UInt64(truncatingIfNeeded: a) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: b) &* 0xBF58_476D_1CE4_E5B9
                &+ UInt64(truncatingIfNeeded: c) &* 0x94D0_49BB_1331_11EB
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
        func node(_ i: Int, _ j: Int) -> Point {
            let interior = i > 0 && i < columns && j > 0 && j < rows
            let dx = interior ? (random(i, j, 1) - 0.5) * cell * 0.3 : 0
            let dy = interior ? (random(i, j, 2) - 0.5) * cell * 0.3 : 0
            return Point(x: originX + Double(i) * cell + dx, y: originY + Double(j) * cell + dy)
        }
        /// Points from node a to node b (both included); interior edges wiggle through 6 points.
        func edge(_ a: (Int, Int), _ b: (Int, Int)) -> [Point] {
            let reversed = (a.0, a.1) > (b.0, b.1)
            let (p, q) = reversed ? (b, a) : (a, b)
            let start = node(p.0, p.1), end = node(q.0, q.1)
            let horizontal = p.1 == q.1
            let interior = horizontal ? (p.1 > 0 && p.1 < rows) : (p.0 > 0 && p.0 < columns)
            var points = [start]
            if interior {
                let key = horizontal ? 3 : 4
                for k in 1...6 {
                    let t = Double(k) / 7
                    let wiggle = (random(p.0 * 7 + k, p.1, key) - 0.5) * cell * 0.12
                    points.append(Point(x: start.x + (end.x - start.x) * t + (horizontal ? 0 : wiggle),
                                        y: start.y + (end.y - start.y) * t + (horizontal ? wiggle : 0)))
                }
            }
            points.append(end)
            return reversed ? points.reversed() : points
        }
        var areas: [ReportArea] = []
        var districts: [String: ReportArea] = [:]
        let width = String(count).count
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        for number in 0..<count {
            let i = number % columns, j = number / columns
            var ring = edge((i, j), (i + 1, j))
            ring += edge((i + 1, j), (i + 1, j + 1)).dropFirst()
            ring += edge((i + 1, j + 1), (i, j + 1)).dropFirst()
            ring += edge((i, j + 1), (i, j)).dropFirst()
            let district = "D" + pad((j / 8) * ((columns + 7) / 8) + i / 8 + 1, 3)
            districts[district] = ReportArea(id: district, name: (de ? "Bezirk " : "District ") + district.dropFirst(), level: 1, geometry: .empty)
            areas.append(ReportArea(id: "Q" + pad(number + 1, width), name: names[number] ?? "Quartier \(number + 1)", level: 0,
                                    parentID: district, geometry: MultiPolygon([Polygon(exterior: ring)])))
        }
        // A smooth disadvantage field plus noise, drifting over the years.
        let years = [2019, 2020, 2021, 2022, 2023]
        let specs: [(String, String, Double)] = [
            ("A", de ? "Arbeitslosenquote" : "Unemployment rate", 6),
            ("B", de ? "Transferbezug" : "Transfer receipt", 10),
            ("C", de ? "Kinderarmut" : "Child poverty", 22),
        ]
        var indicators: [ReportIndicator] = []
        for (k, spec) in specs.enumerated() {
            var values: [String: [Int: ReportCell]] = [:]
            var totals: [Int: (Double, Double)] = [:]
            for (number, area) in areas.enumerated() {
                let i = Double(number % columns) / Double(columns), j = Double(number / columns) / Double(rows)
                let population = random(number, 2, 9) < 0.03 ? 80 + random(number, 0, 9) * 200 : 400 + random(number, 0, 9) * random(number, 1, 9) * 6000
                var row: [Int: ReportCell] = [:]
                for (t, year) in years.enumerated() {
                    let field = 1 + 0.8 * sin(6 * i + Double(k)) * cos(5 * j) + 0.3 * Double(t) * (i - 0.5)
                    let share = max(0.002, min(0.9, spec.2 / 100 * field * (0.7 + 0.6 * random(number, year, k))))
                    let denominator = (population * (0.95 + 0.1 * random(number, year, 20 + k))).rounded()
                    let numerator = (share * denominator).rounded()
                    let sum = totals[year] ?? (0, 0)
                    totals[year] = (sum.0 + numerator, sum.1 + denominator)
                    if denominator < 300 {
                        row[year] = .missing(.tooFewInhabitants)
                    } else if numerator > 0 && numerator < 3 {
                        row[year] = .suppressed(.disclosure)
                    } else {
                        row[year] = .value(100 * numerator / denominator, numerator: numerator, denominator: denominator,
                                           interval: wilson(numerator, denominator))
                    }
                }
                values[area.id] = row
            }
            var city: [Int: ReportCell] = [:]
            for (year, sum) in totals { city[year] = .value(100 * sum.0 / sum.1, numerator: sum.0, denominator: sum.1, interval: wilson(sum.0, sum.1)) }
            indicators.append(ReportIndicator(id: spec.0, label: spec.1, unit: .percent, decimals: 1,
                                              definition: de ? "Synthetische Quote: Zähler je 100 Einwohner der Bezugsgruppe." : "Synthetic rate: numerator per 100 of the reference group.",
                                              referenceDates: Dictionary(uniqueKeysWithValues: years.map { ($0, "31.12.\($0)") }),
                                              values: values, cityValues: city))
        }
        // MSS-like index: z-sum of the latest values standardised again; dynamics on the change since the first year.
        func standardised(_ year: Int) -> [String: Double] {
            var sums: [String: Double] = [:]
            let valid = areas.map(\.id).filter { id in indicators.allSatisfy { $0.cell(id, year: year).number != nil } }
            for indicator in indicators {
                let xs = valid.map { indicator.cell($0, year: year).number! }
                let mean = xs.reduce(0, +) / Double(max(xs.count, 1))
                let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(xs.count, 1))).squareRoot()
                for id in valid { sums[id, default: 0] += sd > 0 ? (indicator.cell(id, year: year).number! - mean) / sd : 0 }
            }
            let xs = Array(sums.values)
            let mean = xs.reduce(0, +) / Double(max(xs.count, 1))
            let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(xs.count, 1))).squareRoot()
            return sums.mapValues { sd > 0 ? ($0 - mean) / sd : 0 }
        }
        let status = standardised(years.last!), before = standardised(years.first!)
        var change: [String: Double] = [:]
        for (id, value) in status { if let old = before[id] { change[id] = value - old } }
        let changeSD = (change.values.map { $0 * $0 }.reduce(0, +) / Double(max(change.count, 1))).squareRoot()
        let order = status.keys.sorted { (status[$0]!, $1) > (status[$1]!, $0) }
        var entries: [String: ReportClassEntry] = [:], dynamics: [String: ReportClassEntry] = [:]
        for (position, id) in order.enumerated() {
            let x = status[id]!
            entries[id] = ReportClassEntry(value: .value(x), rank: position + 1, classID: x < -1 ? 1 : x <= 1 ? 2 : x <= 1.5 ? 3 : 4)
            if let c = change[id] {
                let z = changeSD > 0 ? c / changeSD : 0
                dynamics[id] = ReportClassEntry(value: .value(z), rank: nil, classID: z < -1 ? 1 : z <= 1 ? 3 : 5)
            }
        }
        for area in areas where entries[area.id] == nil {
            entries[area.id] = ReportClassEntry(value: .missing(.tooFewInhabitants), rank: nil, classID: nil)
        }
        let statusClasses = [
            ReportClass(id: 1, label: de ? "Status hoch" : "high status", lower: nil, upper: -1, upperClosed: false),
            ReportClass(id: 2, label: de ? "Status mittel" : "medium status", lower: -1, lowerClosed: true, upper: 1),
            ReportClass(id: 3, label: de ? "Status niedrig" : "low status", lower: 1, upper: 1.5),
            ReportClass(id: 4, label: de ? "Status sehr niedrig" : "very low status", lower: 1.5, upper: nil),
        ]
        let dynamicsClasses = [
            ReportClass(id: 1, label: de ? "Dynamik positiv" : "positive dynamics", lower: nil, upper: -1, upperClosed: false),
            ReportClass(id: 3, label: de ? "Dynamik stabil" : "stable dynamics", lower: -1, lowerClosed: true, upper: 1),
            ReportClass(id: 5, label: de ? "Dynamik negativ" : "negative dynamics", lower: 1, upper: nil),
        ]
        return ReportModel(
            title: de ? "Sozialmonitoring Musterstadt" : "Social monitoring of a sample city",
            subtitle: de ? "Synthetische Demo-Stadt mit \(count) Gebieten, 2019–2023" : "Synthetic demo city with \(count) areas, 2019–2023",
            language: language, crs: "EPSG:25833", levelNames: de ? ["Quartier", "Bezirk"] : ["Neighbourhood", "District"],
            areas: areas + districts.values.sorted { $0.id < $1.id }, indicators: indicators,
            index: ReportClassification(label: de ? "Statusindex" : "Status index", classes: statusClasses, entries: entries, palette: .orangeRed),
            dynamics: ReportClassification(label: de ? "Dynamikindex" : "Dynamics index", classes: dynamicsClasses, entries: dynamics, palette: .purpleOrange),
            methods: [ReportTextItem(title: de ? "Synthetische Daten" : "Synthetic data",
                                     text: de ? "Alle Zahlen sind erfunden (SplitMix64, Startwert \(seed)); Intervalle nach Wilson (1927), 95 %." : "All numbers are invented (SplitMix64, seed \(seed)); Wilson (1927) 95% intervals.")],
            sources: [ReportSource(name: de ? "Synthetische Stadt" : "Synthetic city", referenceDate: "31.12.2023", attribution: "Quartier")],
            disclosureNote: de ? "Primäre Geheimhaltung: Zähler von 1 oder 2 Fällen werden nicht gezeigt (Punkt); Gebiete unter 300 Einwohnern erhalten keinen Wert." : "Primary suppression: numerators of 1 or 2 cases are not shown (dot); areas under 300 inhabitants get no value.",
            quartierVersion: QuartierVersion.string, specHash: nil)
    }

    /// The 95 % Wilson interval in per cent (QuartierMethods' `WilsonInterval`), nil for an empty denominator.
    static func wilson(_ numerator: Double, _ denominator: Double) -> ReportInterval? {
        guard denominator > 0, numerator >= 0, numerator <= denominator else { return nil }
        let interval = WilsonInterval.interval(successes: numerator, trials: denominator).scaled(by: 100)
        return ReportInterval(low: interval.lower, high: interval.upper)
    }
}
