import Foundation
import QuartierBase
import QuartierDisclosure
import TOMLKit

/// The rules file of `quartier disclosure` (TOML), read into ``DisclosureRules`` plus the table options.
///
/// ```toml
/// [primary]
/// minimum_population = 300     # areas below get no figures; false = off
/// small_count_limit = 2        # counts 1 … 2 are suppressed (e.g. 5 for health data)
/// suppress_zero = false
///
/// [protection]                 # the attacker's interval must reach x − lower (or 0) and x + upper
/// lower = 1
/// upper = 1
/// relative = 0.0               # or a fraction of the value, whichever is larger
///
/// [secondary]
/// cost = "cells"               # "cells" (fewest cells) or "value" (least suppressed total)
///
/// [table]
/// group_total = "total"        # the group label of the total over groups (absent from the table = no total)
///
/// [output]
/// marker = "."                 # never 0 or empty
/// rounding = 5                 # round published counts to multiples of 5 after suppression; omit = none
/// suppress_with = ["rate"]     # columns blanked with the marker when their row's cell is suppressed
/// ```
/// Every key is optional; unknown keys are errors (a typo must not silently weaken protection).
public struct DisclosureRulesFile: Sendable {
    public var rules: DisclosureRules
    public var groupTotal: String
    public var suppressWith: [String]

    public init(rules: DisclosureRules = DisclosureRules(), groupTotal: String = "total", suppressWith: [String] = []) {
        self.rules = rules
        self.groupTotal = groupTotal
        self.suppressWith = suppressWith
    }

    /// Reads a rules file.
    /// - Throws: ``InputError`` naming the file, the line of a TOML syntax error, and the key of a bad value.
    public static func read(_ path: String) throws -> DisclosureRulesFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(InputLocation(file: path), found: "no readable file", expected: "a TOML rules file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses rules from TOML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> DisclosureRulesFile {
        let root = try TOMLText.parse(text, file: file)
        var result = DisclosureRulesFile()
        let known: [String: Set<String>] = [
            "primary": ["minimum_population", "small_count_limit", "suppress_zero"],
            "protection": ["lower", "upper", "relative"],
            "secondary": ["cost"],
            "table": ["group_total"],
            "output": ["marker", "rounding", "suppress_with"],
        ]
        func fail(_ key: String, _ found: String, _ expected: String) -> InputError {
            InputError(InputLocation(file: file, field: key), found: found, expected: expected)
        }
        for section in root.keys.sorted() {
            guard let keys = known[section] else {
                throw fail(section, "section [\(section)]", "one of [\(known.keys.sorted().joined(separator: "], ["))]")
            }
            guard let table = root[section]?.table else { throw fail(section, "a value", "a table [\(section)]") }
            for key in table.keys.sorted() where !keys.contains(key) {
                throw fail("\(section).\(key)", "unknown key", "one of \(keys.sorted().joined(separator: ", "))")
            }
        }
        func number(_ section: String, _ key: String) throws -> Double? {
            guard let value = root[section]?.table?[key] else { return nil }
            if let i = value.int { return Double(i) }
            if let d = value.double { return d }
            throw fail("\(section).\(key)", value.debugDescription, "a number")
        }
        func nonNegative(_ section: String, _ key: String) throws -> Double? {
            guard let v = try number(section, key) else { return nil }
            guard v >= 0 else { throw fail("\(section).\(key)", "\(v)", "a number ≥ 0") }
            return v
        }
        if let value = root["primary"]?.table?["minimum_population"] {
            if value.bool == false { result.rules.minimumPopulation = nil }
            else if let v = try nonNegative("primary", "minimum_population") { result.rules.minimumPopulation = v }
        }
        if let v = try nonNegative("primary", "small_count_limit") { result.rules.smallCountLimit = v }
        if let value = root["primary"]?.table?["suppress_zero"] {
            guard let b = value.bool else { throw fail("primary.suppress_zero", value.debugDescription, "true or false") }
            result.rules.suppressZero = b
        }
        if let v = try nonNegative("protection", "lower") { result.rules.protection.lower = v }
        if let v = try nonNegative("protection", "upper") { result.rules.protection.upper = v }
        if let v = try nonNegative("protection", "relative") { result.rules.protection.relative = v }
        if let value = root["secondary"]?.table?["cost"] {
            guard let s = value.string, let cost = SuppressionCost(rawValue: s) else {
                throw fail("secondary.cost", value.debugDescription, "\"cells\" or \"value\"")
            }
            result.rules.cost = cost
        }
        if let value = root["table"]?.table?["group_total"] {
            guard let s = value.string, !s.isEmpty else { throw fail("table.group_total", value.debugDescription, "a group label") }
            result.groupTotal = s
        }
        if let value = root["output"]?.table?["marker"] {
            guard let s = value.string, !s.isEmpty, Double(s) == nil else {
                throw fail("output.marker", value.debugDescription, "a non-empty text that is not a number (\".\" or \"*\")")
            }
            result.rules.marker = s
        }
        if let v = try number("output", "rounding") {
            guard v > 0 else { throw fail("output.rounding", "\(v)", "a base > 0") }
            result.rules.roundingBase = v
        }
        if let value = root["output"]?.table?["suppress_with"] {
            guard let array = value.array else { throw fail("output.suppress_with", value.debugDescription, "an array of column names") }
            result.suppressWith = try array.map { element in
                guard let s = element.string else { throw fail("output.suppress_with", element.debugDescription, "a column name") }
                return s
            }
        }
        return result
    }
}
