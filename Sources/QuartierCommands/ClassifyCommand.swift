import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierGeometry
import QuartierMethods

/// `quartier classify AREAS --field F --method fisher-jenks --k 5`: choropleth classes of one indicator.
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify an indicator for a map: quantiles, equal interval, SD, Fisher-Jenks, head/tail or user breaks.",
        discussion: """
        Intervals are right-closed, (lower, upper]; bins are the upper bounds, as mapclassify's. Areas without a \
        value are listed and get no class. --json prints mapclassify's attribute names (bins, counts, gadf) plus \
        Jenks's goodness of variance fit (gvf).
        Example: quartier classify lsoa.geojson --id lsoa11_code --field imd_score --method fisher-jenks --k 5 --json
        """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case quantiles, equalInterval = "equal-interval", stdMean = "std-mean", fisherJenks = "fisher-jenks"
        case headTail = "head-tail", user
    }

    @OptionGroup var areas: SpatialAreaOptions

    @Option(help: "The numeric property to classify.")
    var field: String

    @Option(help: "quantiles, equal-interval, std-mean, fisher-jenks, head-tail or user.")
    var method: Method = .fisherJenks

    @Option(help: "The number of classes (quantiles, equal-interval, fisher-jenks).")
    var k: Int = 5

    @Option(name: .customLong("sd-divisor"), help: "std-mean: the SD divisor, n-1 (mapclassify) or n (population, MSS).")
    var sdDivisor: String = "n-1"

    @Option(help: "std-mean: the SD multiples, comma-separated.")
    var multiples: String = "-2,-1,1,2"

    @Option(help: "user: the class upper bounds, comma-separated and ascending.")
    var breaks: String?

    @Option(name: .customLong("head-share"), help: "head-tail: stop when the head exceeds this share (Jiang 2013: 0.4); default: until one distinct value (mapclassify).")
    var headShare: Double?

    @Option(help: "Write id,value,class (1-based; empty for areas without a value) to this CSV file.")
    var output: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Print the time of each phase to stderr.")
    var timings = false

    func numbers(_ text: String, _ flag: String) throws -> [Double] {
        try text.split(separator: ",").map {
            guard let x = Double($0.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("\(flag) \(text): expected numbers separated by commas") }
            return x
        }
    }

    func classificationMethod() throws -> ClassificationMethod {
        switch method {
        case .quantiles: return .quantiles(k: k)
        case .equalInterval: return .equalInterval(k: k)
        case .fisherJenks: return .fisherJenks(k: k)
        case .stdMean:
            guard let divisor = StandardDeviationDivisor(rawValue: sdDivisor) else { throw ValidationError("--sd-divisor \(sdDivisor): expected n-1 or n") }
            return .standardDeviation(multiples: try numbers(multiples, "--multiples"), divisor: divisor)
        case .headTail: return .headTail(stop: headShare.map { .headShare($0) } ?? .singleValue)
        case .user:
            guard let breaks else { throw ValidationError("--method user needs --breaks, e.g. --breaks 10,20,30") }
            return .userBreaks(try numbers(breaks, "--breaks"))
        }
    }

    func run() async throws {
        do {
            var timer = PhaseTimer(enabled: timings)
            let method = try classificationMethod()
            let set = try areas.load(fields: [field])
            let (kept, values, missing) = try set.requiringNumbers(field: field)
            timer.lap("read")
            let result = try Classification.classify(values, method: method)
            timer.lap("classify")
            if let output {
                var text = SpatialOutput.csvLine(["id", field, "class"])
                var classOf: [String: (Double, Int)] = [:]
                for (i, area) in kept.areas.enumerated() { classOf[area.id] = (values[i], result.classOfValue[i] + 1) }
                for area in set.areas {
                    let entry = classOf[area.id]
                    text += SpatialOutput.csvLine([area.id, SpatialOutput.number(entry?.0), entry.map { String($0.1) } ?? ""])
                }
                try AtomicFile.write(text, to: output)
            }
            print(json ? Self.json(result, field: field, missing: missing).serialized : Self.text(result, field: field, missing: missing), terminator: json ? "\n" : "")
            timer.lap("write")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }

    static func json(_ c: Classification, field: String, missing: [String]) -> JSONValue {
        .object([
            ("classifier", .string(c.method.mapclassifyName)),
            ("method", .string(c.method.description)),
            ("closure", .string(Classification.closure)),
            ("field", .string(field)),
            ("n", .integer(Int64(c.classOfValue.count))),
            ("k", .integer(Int64(c.k))),
            ("bins", .array(c.bins.map { .number($0) })),
            ("counts", .array(c.counts.map { .integer(Int64($0)) })),
            ("min", .number(c.minimum)),
            ("gadf", .number(c.gadf)),
            ("gvf", .number(c.gvf)),
            ("missing", SpatialOutput.json(missing)),
            ("notes", SpatialOutput.json(c.notes)),
        ])
    }

    static func text(_ c: Classification, field: String, missing: [String]) -> String {
        var text = "\(c.method.mapclassifyName) of \(field): \(c.method)\n"
        text += "intervals: \(Classification.closure)\n"
        text += "values: \(c.classOfValue.count)\(missing.isEmpty ? "" : ", without a value (no class): \(missing.count) (\(SpatialOutput.list(missing)))")\n"
        text += "class  lower                  upper                  count\n"
        for i in 0..<c.k {
            let lower = i > 0 ? "(\(JSONValue.format(c.bins[i - 1]))" : c.minimum <= c.bins[0] ? "[\(JSONValue.format(c.minimum))" : "(-inf"
            text += "\(String(i + 1).padding(toLength: 7, withPad: " ", startingAt: 0))\(lower.padding(toLength: 23, withPad: " ", startingAt: 0))\((JSONValue.format(c.bins[i]) + "]").padding(toLength: 23, withPad: " ", startingAt: 0))\(c.counts[i])\n"
        }
        text += "gadf (goodness of absolute deviation fit, mapclassify): \(JSONValue.format(c.gadf))\n"
        text += "gvf (goodness of variance fit, Jenks 1977): \(JSONValue.format(c.gvf))\n"
        for note in c.notes { text += "note: \(note)\n" }
        return text
    }
}
