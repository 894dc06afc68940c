import Foundation
import QuartierBase
import QuartierDisclosure

extension DisclosureTableFile {
    /// The publication: the input's columns and rows in input order, `status`/`reason` dropped (telling primary
    /// from secondary cells would tell readers which values are 1 or 2), suppressed values and the columns of
    /// `suppressWith` as the marker, published values rounded as the rules ask.
    public func publicationText(_ protected: ProtectedTable, suppressWith: [String]) -> String {
        let keep = header.indices.filter { header[$0] != "status" && header[$0] != "reason" }
        let valueColumn = header.firstIndex(of: "value")!
        let blank = Set(suppressWith.compactMap { header.firstIndex(of: $0) })
        var text = keep.map { DisclosureCSV.escape(header[$0]) }.joined(separator: ",") + "\n"
        for (i, row) in rows.enumerated() {
            let suppressed = protected.status[i].isSuppressed
            text += keep.map { c -> String in
                if c == valueColumn { return DisclosureCSV.escape(protected.publishedText(i)) }
                if suppressed && blank.contains(c) { return DisclosureCSV.escape(protected.rules.marker) }
                return DisclosureCSV.escape(row[c])
            }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The protected file (internal, never for publication): the true values with `status` and `reason`
    /// columns, the input of `quartier disclosure audit`.
    public func protectedText(_ protected: ProtectedTable) -> String {
        let keep = header.indices.filter { header[$0] != "status" && header[$0] != "reason" }
        let valueColumn = header.firstIndex(of: "value")!
        var text = (keep.map { DisclosureCSV.escape(header[$0]) } + ["status", "reason"]).joined(separator: ",") + "\n"
        for (i, row) in rows.enumerated() {
            var fields = keep.map { c in c == valueColumn ? Footnote.formatValue(table.cells[i].value) : DisclosureCSV.escape(row[c]) }
            fields.append(protected.status[i].rawValue)
            fields.append(protected.reasons[i]?.rawValue ?? "")
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The audit's intervals, one row per suppressed cell in input order:
    /// `area,group,status,value,lower,upper,required_lower,required_upper,exposed` (value and required bounds
    /// empty when only the publication is known; an unbounded upper end is `inf`).
    public func intervalsText(_ report: AuditReport, status: [CellStatus], knowsValues: Bool) -> String {
        func number(_ x: Double?) -> String {
            guard let x else { return "" }
            if x == .infinity { return "inf" }
            let rounded = (x * 1e6).rounded() / 1e6
            return Footnote.formatValue(rounded == 0 ? 0 : rounded)
        }
        var text = "area,group,status,value,lower,upper,required_lower,required_upper,exposed\n"
        for interval in report.intervals {
            let cell = table.cells[interval.cell]
            text += [DisclosureCSV.escape(cell.area), DisclosureCSV.escape(cell.group), knowsValues ? status[interval.cell].rawValue : "suppressed",
                     knowsValues ? number(cell.value) : "", number(interval.lower), number(interval.upper),
                     number(interval.requiredLower), number(interval.requiredUpper), interval.exposed ? "yes" : "no"].joined(separator: ",") + "\n"
        }
        return text
    }

    /// The pattern the file describes for an audit: its `status` column, or else the marked values.
    public var auditStatus: (status: [CellStatus], knowledge: AttackerAudit.Knowledge) {
        if let status { return (status, .trueValues) }
        return (markedSuppressed.map { $0 ? CellStatus.primary : .published }, .publicationOnly)
    }
}
