import Foundation
import Quartier
import QuartierBase
import QuartierMonitoring
import QuartierReach
import QuartierTable

extension EvaluationPanel {
    /// Reads the panel an evaluation spec names, with its funded areas, and the warnings it gives.
    ///
    /// - From a monitoring: the monitoring is brought up to date (`MonitoringRunner`, as `quartier run`)
    ///   and each chosen indicator's numerator and denominator per area of `level` and year are taken
    ///   from its results (an indicator of published values gives shares only). Funded areas come from
    ///   `[[funded]]` or the project register (`[reach] projects` of the monitoring spec, or `projects`):
    ///   an area served at the evaluation's level is funded; served at a lower level, the area above it
    ///   is; served at a higher level, every area below it is. Its start is the first year of the
    ///   earliest phase of any project serving it.
    /// - From a panel CSV: one row per area and year, the named count (or share) columns; a blank
    ///   cell is no figure (`nan`).
    /// - Throws: `InputError` naming file, line and field for a funded area that does not exist, a start
    ///   year outside the data's years, a level or indicator the monitoring lacks, a repeated area-year.
    public static func load(_ spec: EvaluationSpec, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> (panel: EvaluationPanel, warnings: [String]) {
        var panel: EvaluationPanel
        var registerStarts: [String: (start: Int, location: InputLocation)] = [:]
        switch spec.data {
        case .panel(let path, let areaColumn, let yearColumn, let columns):
            panel = try readCSV(path: path, areaColumn: areaColumn, yearColumn: yearColumn, columns: columns)
        case .monitoring(let path, let level, let indicatorIDs, let projects):
            let monitoring = try MonitoringSpec(path: path)
            let root = try SpecTable(root: spec.document)
            guard let levelIndex = monitoring.levels.firstIndex(where: { $0.id == level }) else {
                throw root.error("level", found: "\"\(InputError.excerpt(level))\"", expected: "a level of \(URL(fileURLWithPath: path).lastPathComponent): \(monitoring.levels.map(\.id).joined(separator: ", "))")
            }
            var chosen: [IndicatorSpec] = []
            for (k, id) in indicatorIDs.enumerated() {
                guard let indicator = monitoring.indicators.first(where: { $0.id == id }) else {
                    throw spec.document.error(at: SpecPath.root.appending("indicators").appending(index: k), found: "\"\(InputError.excerpt(id))\"",
                                              expected: "an indicator of the monitoring: \(monitoring.indicators.map(\.id).joined(separator: ", "))")
                }
                chosen.append(indicator)
            }
            let report = try MonitoringRunner(spec: monitoring, log: log).run()
            let areaIDs = (report.areas[level]?.areas.map(\.id) ?? []).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            let years = monitoring.years
            let row = Dictionary(uniqueKeysWithValues: areaIDs.enumerated().map { ($1, $0) })
            let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
            var indicators: [Indicator] = []
            for indicator in chosen {
                let size = areaIDs.count * years.count
                var numerator = [Double](repeating: .nan, count: size), denominator = numerator, share = numerator
                for value in report.results.indicators where value.level == level && value.indicator == indicator.id {
                    guard let r = row[value.areaID], let j = yearIndex[value.year] else { continue }
                    let cell = r * years.count + j
                    if let x = value.numerator, let n = value.denominator, value.masked == nil {
                        numerator[cell] = Double(x); denominator[cell] = Double(n)
                    }
                    if let v = value.value { share[cell] = v }
                }
                if case .published = indicator.definition {
                    indicators.append(Indicator(id: indicator.id, scale: indicator.scale.factor, shares: share))
                } else {
                    indicators.append(Indicator(id: indicator.id, scale: indicator.scale.factor, numerator: numerator, denominator: denominator))
                }
            }
            panel = EvaluationPanel(areaIDs: areaIDs, years: years, indicators: indicators, start: areaIDs.map { _ in nil })
            if spec.funded.isEmpty {
                registerStarts = try startsFromRegister(monitoring: monitoring, report: report, level: level, levelIndex: levelIndex,
                                                        projects: projects, evaluation: spec)
            }
        }
        // Funded areas and their starts.
        let row = Dictionary(uniqueKeysWithValues: panel.areaIDs.enumerated().map { ($1, $0) })
        let yearRange = "\(panel.years.first ?? 0)–\(panel.years.last ?? 0)"
        if !spec.funded.isEmpty {
            for entry in spec.funded {
                guard let r = row[entry.area] else {
                    throw spec.fundedError(entry, field: "area", found: "the area \"\(InputError.excerpt(entry.area))\", which is not an area of the data",
                                           expected: "an area id of the data (\(panel.areaIDs.prefix(5).joined(separator: ", "))\(panel.areaIDs.count > 5 ? ", …" : ""))")
                }
                guard panel.years.contains(entry.start) else {
                    throw spec.fundedError(entry, field: "start", found: "\(entry.start), outside the data's years \(yearRange)", expected: "a year of the data")
                }
                panel.start[r] = min(panel.start[r] ?? entry.start, entry.start)
            }
        } else {
            guard !registerStarts.isEmpty else {
                throw InputError(InputLocation(file: spec.path, field: "funded"), found: "no funded area",
                                 expected: "[[funded]] entries, or a project register (projects = … or the monitoring's [reach] projects)")
            }
            for (id, entry) in registerStarts {
                guard panel.years.contains(entry.start) else {
                    throw InputError(entry.location, found: "\(entry.start), outside the monitoring's years \(yearRange)", expected: "a start year of the monitoring")
                }
                if let r = row[id] { panel.start[r] = entry.start }
            }
        }
        var warnings: [String] = []
        for window in [("pre", spec.pre), ("post", spec.post)] where !panel.years.contains(where: window.1.contains) {
            throw InputError(InputLocation(file: spec.path, line: spec.document.line(of: SpecPath.root.appending(window.0)), field: window.0),
                             found: "\(window.1.lowerBound)–\(window.1.upperBound), no year of the data", expected: "years within \(yearRange)")
        }
        let outside = panel.funded.filter { !(spec.pre.upperBound < panel.years[panel.years.firstIndex(of: $0.start)!] && $0.start <= spec.post.lowerBound) }
        if !outside.isEmpty {
            warnings.append("\(outside.count) funded area(s) start outside the 2 × 2 windows (after \(spec.pre.upperBound), by \(spec.post.lowerBound)) and enter only Callaway & Sant'Anna and two-way fixed effects: \(outside.map { "\(panel.areaIDs[$0.area]) (\($0.start))" }.joined(separator: ", ")).")
        }
        return (panel, warnings)
    }

    static func startsFromRegister(monitoring: MonitoringSpec, report: MonitoringRunner.Report, level: String, levelIndex: Int,
                                   projects: String?, evaluation: EvaluationSpec) throws -> [String: (start: Int, location: InputLocation)] {
        let fromSpec = try monitoring.reach?.optionalString("projects").map { file in
            file.hasPrefix("/") ? file : URL(fileURLWithPath: monitoring.document.path).deletingLastPathComponent().appendingPathComponent(file).standardizedFileURL.path
        }
        guard let registerPath = projects ?? fromSpec else {
            throw InputError(InputLocation(file: evaluation.path, field: "funded"), found: "neither [[funded]] nor a project register",
                             expected: "[[funded]] entries, projects = \"projekte.toml\", or [reach] projects in the monitoring spec")
        }
        let levels = monitoring.levels.map(\.id)
        var areaIDs: [String: Set<String>] = [:]
        for id in levels { areaIDs[id] = Set(report.areas[id]?.areas.map(\.id) ?? []) }
        let houses = monitoring.sources.compactMap { source -> HouseCoordinateSpec? in
            if case .addressRecords(let records) = source.kind { return records.houseCoordinates }
            return nil
        }.first
        let geocoder = try houses.map(GeocodedAddressTable.init(spec:))
        let register = try ProjectRegister(path: registerPath, spec: monitoring, areaIDs: areaIDs) { street, number, suffix in
            geocoder?.locate(street: street, number: number, suffix: suffix) ?? .unmatched(reason: "no house coordinates in the monitoring")
        }
        // Each area's ancestors on every level above it.
        var parent: [String: [String: String]] = [:]   // level → id → parent id
        for id in levels.dropLast() {
            for area in report.areas[id]?.areas ?? [] { if let p = area.parentIDs.first ?? nil { parent[id, default: [:]][area.id] = p } }
        }
        func ancestor(of id: String, from fromIndex: Int, to toIndex: Int) -> String? {
            var current = id
            for k in fromIndex..<toIndex { guard let p = parent[levels[k]]?[current] else { return nil }; current = p }
            return current
        }
        var starts: [String: (start: Int, location: InputLocation)] = [:]
        for (k, project) in register.projects.enumerated() {
            let location = InputLocation(file: registerPath, line: project.line, field: "projects[\(k)].start")
            for served in project.servedAreas {
                guard let servedIndex = levels.firstIndex(of: served.level) else { continue }
                var targets: [String] = []
                if servedIndex == levelIndex { targets = [served.id] }
                else if servedIndex < levelIndex { targets = ancestor(of: served.id, from: servedIndex, to: levelIndex).map { [$0] } ?? [] }
                else { targets = (areaIDs[level] ?? []).filter { ancestor(of: $0, from: levelIndex, to: servedIndex) == served.id }.sorted() }
                for id in targets where starts[id].map({ project.start < $0.start }) ?? true { starts[id] = (project.start, location) }
            }
        }
        return starts
    }

    /// Reads a panel CSV: one row per area and year.
    static func readCSV(path: String, areaColumn: String, yearColumn: String, columns: [EvaluationSpec.PanelColumns]) throws -> EvaluationPanel {
        let reader = try CSVRecordReader(path: path)
        let areaIndex = try reader.columnIndex(areaColumn), yearIndex = try reader.columnIndex(yearColumn)
        let indices = try columns.map { c in
            (try c.numerator.map(reader.columnIndex), try c.denominator.map(reader.columnIndex), try c.share.map(reader.columnIndex))
        }
        var areaRow: [String: Int] = [:], areaIDs: [String] = []
        var records: [(area: Int, year: Int, values: [(Double, Double, Double)])] = []
        var yearSet = Set<Int>()
        var seen = Set<Int64>()
        try reader.forEachRecord { fields in
            let id = fields.string(areaIndex)
            guard let yearValue = fields.double(yearIndex), yearValue == yearValue.rounded(), abs(yearValue) < 1e6 else {
                throw reader.error(fields, column: yearIndex, expected: "a year")
            }
            let year = Int(yearValue)
            let area: Int
            if let existing = areaRow[id] { area = existing } else { area = areaIDs.count; areaRow[id] = area; areaIDs.append(id) }
            guard seen.insert(Int64(area) << 32 | Int64(year & 0xFFFF_FFFF)).inserted else {
                throw reader.error(fields, column: yearIndex, expected: "one row per area and year (area \(InputError.excerpt(id)) repeats \(year))")
            }
            yearSet.insert(year)
            var values: [(Double, Double, Double)] = []
            for (k, (n, d, s)) in indices.enumerated() {
                func read(_ column: Int?) throws -> Double {
                    guard let column, !fields.isBlank(column) else { return .nan }
                    guard let value = fields.double(column), value >= 0 else {
                        throw reader.error(fields, column: column, expected: "a count or share ≥ 0 for indicator \(columns[k].id), or blank")
                    }
                    return value
                }
                values.append((try read(n), try read(d), try read(s)))
            }
            records.append((area, year, values))
        }
        let years = yearSet.sorted()
        let yearIndexOf = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        let size = areaIDs.count * years.count
        var indicators: [Indicator] = []
        for (k, c) in columns.enumerated() {
            var a = [Double](repeating: .nan, count: size), b = a
            for record in records {
                let cell = record.area * years.count + yearIndexOf[record.year]!
                if c.share != nil { a[cell] = record.values[k].2 } else { a[cell] = record.values[k].0; b[cell] = record.values[k].1 }
            }
            indicators.append(c.share != nil ? Indicator(id: c.id, scale: c.scale, shares: a) : Indicator(id: c.id, scale: c.scale, numerator: a, denominator: b))
        }
        return EvaluationPanel(areaIDs: areaIDs, years: years, indicators: indicators, start: areaIDs.map { _ in nil })
    }
}
