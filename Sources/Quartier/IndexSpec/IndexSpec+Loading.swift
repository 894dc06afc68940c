import Foundation
import QuartierBase
import QuartierMethods
import TOMLKit

extension IndexSpec {
    /// Reads and checks a spec file.
    /// - Throws: `InputError` naming the file (and line and column for TOML syntax errors, the key for
    ///   a wrong or missing value).
    public static func load(path: String) throws -> IndexSpec {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(InputLocation(file: path), found: "no readable UTF-8 file", expected: "an index spec in TOML")
        }
        return try parse(text, path: path)
    }

    /// Parses spec text; `path` names it in messages.
    public static func parse(_ text: String, path: String) throws -> IndexSpec {
        let spec: IndexSpec
        do {
            // TOMLKit leaks a little per parsed table (TOOLCHAIN.md): parse once, decode once.
            spec = try TOMLDecoder().decode(IndexSpec.self, from: text)
        } catch let error as TOMLParseError {
            throw InputError(InputLocation(file: path, line: error.source.begin.line, column: error.source.begin.column),
                             found: "invalid TOML (\(error.description))", expected: "an index spec in TOML")
        } catch let error as DecodingError {
            throw InputError(InputLocation(file: path, field: Self.keyPath(of: error)), found: Self.problem(of: error),
                             expected: "a spec as described for `quartier index` (method, id, indicators, …)")
        }
        try spec.check(path: path)
        return spec
    }

    static func keyPath(of error: DecodingError) -> String {
        let path: [CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: path = []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func problem(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound: "a missing key"
        case .typeMismatch(let type, _): "a value that is not \(type)"
        case .valueNotFound: "no value"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }

    /// The SD divisor named in the spec: `population` (or `n`, the default) or `sample` (or `n-1`).
    public func divisor() throws -> StandardDeviationDivisor {
        guard let name = sdDivisor else { return .population }
        guard let divisor = Self.divisor(named: name) else {
            throw InputError(InputLocation(file: "spec", field: "sd_divisor"), found: "\"\(name)\"", expected: "\"population\" or \"sample\"")
        }
        return divisor
    }

    static func divisor(named name: String) -> StandardDeviationDivisor? {
        switch name {
        case "population", "n": .population
        case "sample", "n-1": .sample
        default: nil
        }
    }

    func check(path: String) throws {
        func fail(_ field: String, _ found: String, _ expected: String) -> InputError {
            InputError(InputLocation(file: path, field: field), found: found, expected: expected)
        }
        guard !indicators.isEmpty else { throw fail("indicators", "no indicators", "at least one [[indicators]] table") }
        if let sdDivisor, Self.divisor(named: sdDivisor) == nil {
            throw fail("sd_divisor", "\"\(sdDivisor)\"", "\"population\" or \"sample\"")
        }
        if let missing, !["fail", "mark-invalid"].contains(missing) {
            throw fail("missing", "\"\(missing)\"", "\"fail\" or \"mark-invalid\"")
        }
        for (k, indicator) in indicators.enumerated() {
            if let direction = indicator.direction, !["more", "less"].contains(direction) {
                throw fail("indicators[\(k)].direction", "\"\(direction)\"", "\"more\" or \"less\"")
            }
        }
        for (name, classes) in classes ?? [:] {
            guard classes.breaks.count == classes.includedBelow.count, zip(classes.breaks, classes.breaks.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw fail("classes.\(name)", "\(classes.breaks.count) breaks and \(classes.includedBelow.count) closures", "ascending breaks, one closure each")
            }
            if let labels = classes.labels, labels.count != classes.breaks.count + 1 {
                throw fail("classes.\(name).labels", "\(labels.count) labels", "\(classes.breaks.count + 1) labels (one more than breaks)")
            }
        }
        if let ties = ranking?.ties, TieRule(rawValue: ties) == nil {
            throw fail("ranking.ties", "\"\(ties)\"", TieRule.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        if let rule = ranking?.groupRule, QuantileGroupRule(rawValue: rule) == nil {
            throw fail("ranking.group_rule", "\"\(rule)\"", "\"ceiling\" or \"ntile\"")
        }
        switch method {
        case .berlinMSS:
            let groups = Set(indicators.map { $0.group ?? "" })
            guard groups.isSubset(of: ["status", "dynamics"]), groups.contains("status") else {
                throw fail("indicators.group", groups.sorted().joined(separator: ", "), "\"status\" (and \"dynamics\") for berlin-mss")
            }
            if let status = classes?["status"], status.breaks.count != 3 { throw fail("classes.status", "\(status.breaks.count) breaks", "3 breaks (4 classes)") }
            if let dynamics = classes?["dynamics"], dynamics.breaks.count != 2 { throw fail("classes.dynamics", "\(dynamics.breaks.count) breaks", "2 breaks (3 classes)") }
        case .englishIMD, .weightedZSum:
            guard indicators.allSatisfy({ $0.weight != nil }) else { throw fail("indicators.weight", "an indicator without weight", "a weight for every indicator") }
            if method == .weightedZSum, abs(indicators.reduce(0) { $0 + $1.weight! } - 1) > 1e-9 {
                throw fail("indicators.weight", "weights summing to \(indicators.reduce(0) { $0 + $1.weight! })", "weights summing to 1")
            }
        case .townsend:
            let roles = indicators.map { $0.group ?? "" }.sorted()
            guard roles == ["no-car", "not-owner-occupied", "overcrowding", "unemployment"] else {
                throw fail("indicators.group", roles.joined(separator: ", "), "unemployment, overcrowding, no-car, not-owner-occupied")
            }
        case .gisd:
            guard indicators.allSatisfy({ $0.group != nil }) else { throw fail("indicators.group", "an indicator without dimension", "a dimension (group) for every indicator") }
        case .carstairs:
            guard population != nil else { throw fail("population", "no population column", "the column weighting mean and SD") }
        }
    }
}
