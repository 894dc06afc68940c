import Foundation
import QuartierGeometry

extension AreaCheckReport {
    /// The report as `quartier areas check` prints it: a summary line per check, then the details
    /// (at most `limit` per check).
    public func text(limit: Int = 20) -> String {
        var lines: [String] = []
        lines.append("\(source): \(areaCount) areas, CRS \(crs.prefix(80))")
        func point(_ p: Point?) -> String { p.map { "at (\(Self.format($0.x, 2)) \(Self.format($0.y, 2)))" } ?? "" }
        func section<T>(_ title: String, _ items: [T], _ render: (T) -> String) {
            lines.append("\(title): \(items.count)")
            for item in items.prefix(limit) { lines.append("  " + render(item)) }
            if items.count > limit { lines.append("  … \(items.count - limit) more (--json lists all)") }
        }
        section("invalid geometries", invalid) {
            "\($0.id) (feature \($0.feature)): \($0.reason)\($0.repaired ? " — repaired" : "")"
        }
        section("empty geometries", emptyGeometries) { $0 }
        section("duplicate ids", duplicateIDs) { "\($0.id) in features \($0.features.map(String.init).joined(separator: ", "))" }
        if let overlaps {
            let total = overlaps.reduce(0) { $0 + $1.area }
            lines.append("overlaps larger than \(Self.format(tolerance, 2)) m²: \(overlaps.count), total \(Self.format(total, 3)) m²")
            for o in overlaps.prefix(limit) { lines.append("  \(o.first) × \(o.second): \(Self.format(o.area, 3)) m² \(point(o.point))") }
            if overlaps.count > limit { lines.append("  … \(overlaps.count - limit) more (--json lists all)") }
        }
        if let gaps {
            let total = gaps.reduce(0) { $0 + $1.area }
            lines.append("gaps larger than \(Self.format(tolerance, 2)) m²: \(gaps.count), total \(Self.format(total, 3)) m²")
            for g in gaps.prefix(limit) { lines.append("  \(Self.format(g.area, 3)) m² \(point(g.point))") }
            if gaps.count > limit { lines.append("  … \(gaps.count - limit) more (--json lists all)") }
        }
        for level in levels {
            lines.append("level \(level.column): \(level.parentCount) parents, \(level.childrenWithoutParent.count) children without parent id, \(level.inconsistencies.count) inconsistent, \(level.multipartParents.count) in several pieces")
            for id in level.childrenWithoutParent.prefix(limit) { lines.append("  \(id): no \(level.column)") }
            for i in level.inconsistencies.prefix(limit) {
                lines.append("  \(level.column) \(i.parentID): children name \(i.higherColumn) \(i.higherIDs.joined(separator: ", "))")
            }
            if !level.multipartParents.isEmpty {
                lines.append("  in several pieces (information): \(level.multipartParents.prefix(limit).joined(separator: ", "))")
            }
        }
        if let nesting {
            lines.append("children outside their parent (more than \(Self.format(100 * 0.001, 1)) % of their area): \(nesting.count)")
            for n in nesting.prefix(limit) {
                lines.append(n.parentMissing ? "  \(n.childID): parent \(n.parentID) not in the parent file"
                                             : "  \(n.childID): \(Self.format(100 * n.shareOutside, 2)) % outside \(n.parentID)")
            }
        }
        for note in notes { lines.append("note: \(note)") }
        lines.append(problemCount == 0 ? "no problems found" : "\(problemCount) problem(s) found")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Deterministic JSON (sorted keys).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var text = String(decoding: try encoder.encode(JSONReport(report: self)), as: UTF8.self)
        text += "\n"
        return text
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}

/// The JSON form adds the problem count.
private struct JSONReport: Encodable {
    var report: AreaCheckReport

    enum CodingKeys: String, CodingKey { case report, problemCount }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report, forKey: .report)
        try container.encode(report.problemCount, forKey: .problemCount)
    }
}
