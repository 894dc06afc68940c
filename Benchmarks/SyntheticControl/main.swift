// Placebo runs of the synthetic control for one Quartier among 1,000 areas (15 years, 10 pre-years):
// every donor in turn treated, the others as donors (999 fits of 998 donors each), as
// `SyntheticControl.placeboTest` runs them. Built and run by Benchmarks/synthetic-control.sh (release).
import Dispatch
import Foundation

let areas = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1000
let repeats = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 3
let years = Array(2010..<2025), start = 2020, predictors = 4

var generator = SeededGenerator(seed: 42)
let units = (0..<areas).map { String(format: "A%04d", $0) }
var series: [[Double]] = []
for _ in 0..<areas {
    let level = generator.uniform(5, 40), trend = generator.uniform(-0.5, 0.5)
    series.append(years.indices.map { level + trend * Double($0) + generator.normal() })
}
for t in years.indices where years[t] >= start { series[0][t] -= 3 }  // the funded Quartier
let outcomes = years.indices.map { t in units.indices.map { series[$0][t] } }
let covariates = (0..<predictors).map { i in
    SyntheticControlPanel.Predictor(name: "x\(i + 1)", values: units.indices.map { u in
        (i == 0 ? series[u].prefix(10).reduce(0, +) / 10 : 0) + generator.uniform(0, 10)
    })
}
let panel = try SyntheticControlPanel(units: units, years: years, outcomes: outcomes, predictors: covariates)

func time(_ name: String, _ runs: Int, _ body: () throws -> SyntheticControlPlaceboTest) rethrows {
    var seconds: [Double] = []
    var last: SyntheticControlPlaceboTest?
    for _ in 0..<runs {
        let begin = DispatchTime.now().uptimeNanoseconds
        last = try body()
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
    }
    seconds.sort()
    print(String(format: "%@: median %.3f s (min %.3f, max %.3f, %d runs); %d placebos, p = %.4f, pre-RMSPE %.3f",
                 name, seconds[seconds.count / 2], seconds[0], seconds[seconds.count - 1], runs,
                 last!.placebos.count, last!.pValue, last!.fit.preRMSPE))
}

print("synthetic control placebo runs, \(areas) areas × \(years.count) years (\(start - years[0]) pre-years), \(ProcessInfo.processInfo.activeProcessorCount) cores")
try time("pre-period outcomes (V = I)", repeats) {
    try SyntheticControl.placeboTest(panel, treated: units[0], start: start, matching: .preperiodOutcomes)
}
try time("\(predictors) predictors, given V", repeats) {
    try SyntheticControl.placeboTest(panel, treated: units[0], start: start, matching: .predictors(.given([0.4, 0.2, 0.2, 0.2])))
}
try time("\(predictors) predictors, V optimised for the treated area and kept for the placebos", repeats) {
    try SyntheticControl.placeboTest(panel, treated: units[0], start: start, matching: .predictors(.optimised), placeboWeights: .treatedUnits)
}
if CommandLine.arguments.contains("--optimised") {
    try time("\(predictors) predictors, V optimised per placebo (ADH)", 1) {
        try SyntheticControl.placeboTest(panel, treated: units[0], start: start, matching: .predictors(.optimised))
    }
}
