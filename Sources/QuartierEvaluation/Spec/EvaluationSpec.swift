import Foundation
import Quartier
import QuartierBase

/// What `quartier evaluate SPEC` evaluates: a TOML file naming the data (a monitoring spec and a level,
/// or a panel CSV of counts), the indicators, the funded areas (the monitoring's project register,
/// or an explicit list), the 2 × 2 windows, the methods and their options.
///
///     monitoring = "monitoring.toml"     # or: panel = "panel.csv" (see below)
///     level = "quartier"
///     indicators = ["kinderarmut"]       # the monitoring's indicator ids
///     pre = [2019, 2020]                 # first and last year before the start (2 × 2, matching)
///     post = [2022, 2023]                # first and last year after it
///     methods = ["did", "twfe", "cs", "matching", "comparable"]   # default: all
///     neighbours = 1                     # Mahalanobis neighbours per funded area
///     caliper = 3.0                      # largest Mahalanobis distance (default: none)
///     tolerance = 2.0                    # comparable areas: largest gap per indicator, scale units
///     projects = "projekte.toml"         # default: the monitoring's [reach] projects
///     [[funded]]                         # instead of the register: area and first funded year
///     area = "6"
///     start = 2021
///
/// A panel CSV instead of a monitoring (`quartier synth evaluation` writes one): `panel = "panel.csv"`,
/// `area_column`, `year_column` (default `area`, `year`), and `[[indicators]]` tables
/// `{ id, numerator, denominator, scale }` (counts) or `{ id, share, scale }` (published shares only).
public struct EvaluationSpec: Sendable {
    public enum Data: Sendable {
        case monitoring(path: String, level: String, indicators: [String], projects: String?)
        case panel(path: String, areaColumn: String, yearColumn: String, indicators: [PanelColumns])
    }

    public struct PanelColumns: Sendable, Hashable {
        public var id: String
        public var numerator: String?
        public var denominator: String?
        public var share: String?
        public var scale: Double
        public var line: Int?
    }

    public struct Funded: Sendable, Hashable {
        public var area: String
        public var start: Int
        public var line: Int?
        /// The index in `[[funded]]`.
        public var index: Int
    }

    public var path: String
    public var data: Data
    public var pre: ClosedRange<Int>
    public var post: ClosedRange<Int>
    public var methods: Set<Evaluation.Method>
    public var neighbours: Int
    public var caliper: Double?
    public var tolerance: Double
    /// Explicit funded areas (empty: the project register).
    public var funded: [Funded]
    public var document: SpecDocument

    public init(path: String) throws {
        let document = try SpecDocument(path: path)
        self.document = document
        self.path = path
        let root = try SpecTable(root: document)
        try root.rejectUnknownKeys(allowed: ["monitoring", "panel", "level", "indicators", "area_column", "year_column", "pre", "post",
                                             "methods", "neighbours", "caliper", "tolerance", "projects", "funded"])
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ file: String) -> String { file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path }
        if let monitoring = try root.optionalString("monitoring") {
            guard !root.contains("panel") else { throw root.error("panel", found: "both monitoring and panel", expected: "one of them") }
            guard let indicators = try root.optionalStrings("indicators"), !indicators.isEmpty else {
                throw root.error("indicators", found: "no indicators", expected: "indicators = [\"ID\", …], the monitoring's indicator ids")
            }
            data = .monitoring(path: resolve(monitoring), level: try root.string("level"), indicators: indicators,
                               projects: try root.optionalString("projects").map(resolve))
        } else if let panel = try root.optionalString("panel") {
            var columns: [PanelColumns] = []
            for table in try root.arrayOfTables("indicators") {
                try table.rejectUnknownKeys(allowed: ["id", "numerator", "denominator", "share", "scale"])
                let numerator = try table.optionalString("numerator"), denominator = try table.optionalString("denominator")
                let share = try table.optionalString("share")
                guard (numerator != nil && denominator != nil && share == nil) || (numerator == nil && denominator == nil && share != nil) else {
                    throw table.error("numerator", found: "numerator \(numerator ?? "–"), denominator \(denominator ?? "–"), share \(share ?? "–")",
                                      expected: "numerator and denominator (counts), or share alone (published shares)")
                }
                columns.append(PanelColumns(id: try table.string("id"), numerator: numerator, denominator: denominator, share: share,
                                            scale: try table.optionalDouble("scale") ?? 100, line: document.line(of: table.path)))
            }
            guard !columns.isEmpty else { throw root.error("indicators", found: "no [[indicators]]", expected: "at least one indicator") }
            data = .panel(path: resolve(panel), areaColumn: try root.optionalString("area_column") ?? "area",
                          yearColumn: try root.optionalString("year_column") ?? "year", indicators: columns)
        } else {
            throw root.error(nil, found: "neither monitoring nor panel", expected: "monitoring = \"monitoring.toml\" (with level and indicators) or panel = \"panel.csv\"")
        }
        func window(_ key: String) throws -> ClosedRange<Int> {
            guard let values = try root.optionalDoubles(key) else { throw root.error(key, found: "nothing", expected: "\(key) = [FIRST, LAST], two years") }
            guard values.count == 2, values.allSatisfy({ $0 == $0.rounded() }), values[0] <= values[1] else {
                throw root.error(key, found: "\(values.map { String(format: "%g", $0) })", expected: "two years [FIRST, LAST], FIRST ≤ LAST")
            }
            return Int(values[0])...Int(values[1])
        }
        pre = try window("pre")
        post = try window("post")
        guard pre.upperBound < post.lowerBound else {
            throw root.error("post", found: "\(post.lowerBound), not after the pre-period's last year \(pre.upperBound)", expected: "a post window after the pre window")
        }
        if let names = try root.optionalStrings("methods") {
            var methods = Set<Evaluation.Method>()
            for (k, name) in names.enumerated() {
                guard let method = Evaluation.Method(rawValue: name) else {
                    throw document.error(at: root.path.appending("methods").appending(index: k), found: "\"\(InputError.excerpt(name))\"",
                                         expected: "one of \(Evaluation.Method.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                methods.insert(method)
            }
            self.methods = methods
        } else {
            methods = Set(Evaluation.Method.allCases)
        }
        neighbours = try root.optionalInt("neighbours") ?? 1
        guard neighbours >= 1 else { throw root.error("neighbours", found: "\(neighbours)", expected: "at least 1") }
        caliper = try root.optionalDouble("caliper")
        if let caliper, !(caliper > 0) { throw root.error("caliper", found: "\(caliper)", expected: "a positive Mahalanobis distance") }
        tolerance = try root.optionalDouble("tolerance") ?? 2
        guard tolerance >= 0 else { throw root.error("tolerance", found: "\(tolerance)", expected: "a gap ≥ 0 in scale units") }
        var funded: [Funded] = []
        if root.contains("funded") {
            for (k, table) in try root.arrayOfTables("funded").enumerated() {
                try table.rejectUnknownKeys(allowed: ["area", "start"])
                funded.append(Funded(area: try table.string("area"), start: try table.int("start"), line: document.line(of: table.path), index: k))
            }
        }
        self.funded = funded
    }

    /// An `InputError` at `[[funded]]` entry `entry`, field `field`.
    func fundedError(_ entry: Funded, field: String, found: String, expected: String) -> InputError {
        document.error(at: SpecPath.root.appending("funded").appending(index: entry.index).appending(field), found: found, expected: expected)
    }
}
