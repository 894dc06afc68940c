import Foundation
import QuartierBase
import QuartierDisclosure

/// A TABLE file of `quartier disclosure`: a long-format CSV, one row per cell.
///
/// Columns (header names; order free, UTF-8, comma-separated):
/// - `area` (required): the area's id.
/// - `value` (required): the count, a number ≥ 0; in a publication the marker for a suppressed cell.
/// - `group` (optional): the second dimension (age group, year). The group named by the rules'
///   `table.group_total` (default `total`) is the total over the others; without it the groups are independent.
/// - `population` (optional): the population of the row's area, for the minimum-population rule.
/// - `parent` (optional): the area's parent in the default area system (empty at the top); `parent_<system>`:
///   its parent in another system over the same areas (linked tables, e.g. `parent_schulbezirk`). Every row of
///   an area must give the same parents. Each parent area needs its own rows: totals are published cells.
/// - `status` (written by `apply --protected`, read by `audit`): `published`, `primary` or `secondary`;
///   `reason`: `population`, `count` or `secondary`.
/// - Any other column is carried through; the columns the rules list in `output.suppress_with` (a rate) are
///   replaced by the marker together with their row's suppressed value.
public struct DisclosureTableFile: Sendable {
    public var path: String
    public var header: [String]
    public var rows: [[String]]
    public var lines: [Int]
    public var table: DisclosureTable
    public var links: [AreaLink]
    /// The `status` column, when the file has one (a protected file).
    public var status: [CellStatus]?
    /// Rows whose value is the marker (a publication).
    public var markedSuppressed: [Bool]

    /// Reads and checks a TABLE file.
    /// - Throws: ``InputError`` naming the line and field: missing columns, values that are not counts ≥ 0,
    ///   disagreeing parents, missing or repeated cells, and the first total that does not add up (with the sum
    ///   its parts give).
    public static func read(_ path: String, options: DisclosureRulesFile) throws -> DisclosureTableFile {
        let (header, records) = try DisclosureCSV.read(path)
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let areaColumn = column("area") else {
            throw InputError(InputLocation(file: path, line: 1), found: "columns \(header.joined(separator: ","))", expected: "a column \"area\"")
        }
        guard let valueColumn = column("value") else {
            throw InputError(InputLocation(file: path, line: 1), found: "columns \(header.joined(separator: ","))", expected: "a column \"value\"")
        }
        let groupColumn = column("group"), populationColumn = column("population"), statusColumn = column("status")
        let parentColumns: [(system: String, column: Int)] = header.enumerated().compactMap { index, name in
            if name == "parent" { return ("", index) }
            if name.hasPrefix("parent_") { return (String(name.dropFirst(7)), index) }
            return nil
        }
        for name in options.suppressWith where column(name) == nil {
            throw InputError(InputLocation(file: path, line: 1, field: name), found: "no such column", expected: "the columns named in output.suppress_with")
        }
        var cells: [DisclosureCell] = []
        var marked: [Bool] = []
        var statuses: [CellStatus] = []
        var parents: [String: (line: Int, values: [String])] = [:]
        var rows: [[String]] = [], lines: [Int] = []
        for record in records {
            var f = record.fields
            guard f.count == header.count else {
                throw InputError(InputLocation(file: path, line: record.line), found: "\(f.count) fields", expected: "\(header.count) fields as in the header")
            }
            func location(_ i: Int) -> InputLocation { InputLocation(file: path, line: record.line, field: header[i]) }
            let area = f[areaColumn]
            guard !area.isEmpty else { throw InputError(location(areaColumn), found: "an empty area", expected: "an area id") }
            let raw = f[valueColumn]
            var value = 0.0, isMarked = false
            if raw == options.rules.marker {
                isMarked = true
            } else {
                guard let v = Double(raw), v.isFinite, v >= 0 else {
                    throw InputError(location(valueColumn), found: "\"\(raw)\"", expected: "a count ≥ 0 or the marker \"\(options.rules.marker)\"")
                }
                value = v
            }
            var population: Double?
            if let p = populationColumn, !f[p].isEmpty {
                guard let v = Double(f[p]), v >= 0 else { throw InputError(location(p), found: "\"\(f[p])\"", expected: "a population ≥ 0") }
                population = v
            }
            if let s = statusColumn {
                guard let status = CellStatus(rawValue: f[s]) else {
                    throw InputError(location(s), found: "\"\(f[s])\"", expected: "published, primary or secondary")
                }
                statuses.append(status)
            }
            let parentValues = parentColumns.map { f[$0.column] }
            if let known = parents[area] {
                if known.values != parentValues {
                    let k = zip(known.values, parentValues).enumerated().first { $0.element.0 != $0.element.1 }!.offset
                    throw InputError(location(parentColumns[k].column), found: "\"\(parentValues[k])\"",
                                     expected: "\"\(known.values[k])\" as on line \(known.line) for area \(area)")
                }
            } else {
                parents[area] = (record.line, parentValues)
            }
            f[valueColumn] = raw
            cells.append(DisclosureCell(area: area, group: groupColumn.map { f[$0] } ?? "", value: value, population: population))
            marked.append(isMarked)
            rows.append(f)
            lines.append(record.line)
        }
        var links: [AreaLink] = []
        for area in parents.keys.sorted() {
            for (k, parent) in parents[area]!.values.enumerated() where !parent.isEmpty {
                links.append(AreaLink(child: area, parent: parent, system: parentColumns[k].system))
            }
        }
        // Keep the order of first appearance for links (deterministic subtables).
        let order = Dictionary(uniqueKeysWithValues: parents.map { ($0.key, $0.value.line) })
        links.sort { (order[$0.child]!, $0.system) < (order[$1.child]!, $1.system) }
        if statusColumn != nil, let i = zip(marked, statuses).enumerated().first(where: { $0.element.0 && $0.element.1 == .published })?.offset {
            throw InputError(InputLocation(file: path, line: lines[i], field: "value"), found: "the marker in a published row", expected: "a count")
        }
        let publicationOnly = marked.contains(true)
        let table: DisclosureTable
        do {
            table = try DisclosureTable(cells: cells, links: links, groupTotal: options.groupTotal, checkAdditivity: !publicationOnly)
        } catch {
            throw Self.inputError(error, path: path, lines: lines, header: header, cells: cells)
        }
        return DisclosureTableFile(path: path, header: header, rows: rows, lines: lines, table: table, links: links,
                                   status: statusColumn == nil ? nil : statuses, markedSuppressed: marked)
    }

    static func inputError(_ error: DisclosureError, path: String, lines: [Int], header: [String], cells: [DisclosureCell]) -> InputError {
        func at(_ i: Int, _ field: String) -> InputLocation { InputLocation(file: path, line: lines[i], field: field) }
        switch error {
        case .notAdditive(let total, let sum, let parts):
            let partLines = parts.map { String(lines[$0]) }.joined(separator: ", ")
            return InputError(at(total, "value"), found: "\(Footnote.formatValue(cells[total].value)) for \(cells[total].area)"
                              + (cells[total].group.isEmpty ? "" : " / \(cells[total].group)"),
                              expected: "the sum of its parts, \(Footnote.formatValue(sum)) (lines \(partLines))")
        case .missingCell(let area, let group, let neededBy):
            return InputError(InputLocation(file: path, field: "area"), found: "no row for area \(area)" + (group.isEmpty ? "" : ", group \(group)"),
                              expected: "a row (needed by \(neededBy))")
        case .duplicateCell(let i):
            return InputError(at(i, "area"), found: "a second row for area \(cells[i].area)" + (cells[i].group.isEmpty ? "" : ", group \(cells[i].group)"),
                              expected: "one row per area and group")
        case .invalidValue(let i):
            return InputError(at(i, "value"), found: "\(cells[i].value)", expected: "a count ≥ 0")
        case .cycle(let area):
            return InputError(InputLocation(file: path, field: "parent"), found: "area \(area) is its own ancestor", expected: "a hierarchy without cycles")
        case .twoParents(let area, let system):
            return InputError(InputLocation(file: path, field: system.isEmpty ? "parent" : "parent_\(system)"),
                              found: "two parents for area \(area)", expected: "one parent per area system")
        case .inconsistentPublication:
            return InputError(InputLocation(file: path), found: "published cells that contradict the totals", expected: "an additive table")
        }
    }
}
