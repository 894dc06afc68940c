import Dispatch
import Foundation

/// A table after disclosure control: the status and reason of each cell, the audit, and the values to publish.
public struct ProtectedTable: Sendable {
    public var table: DisclosureTable
    public var rules: DisclosureRules
    public var status: [CellStatus]
    public var reasons: [SuppressionReason?]
    public var audit: AuditReport
    public var secondary: SecondarySuppressionResult
    /// Whether the population rule could be applied (the table gives populations).
    public var populationRuleApplied: Bool

    /// The value to publish for cell `i`: `nil` when suppressed, else rounded as the rules ask.
    public func publishedValue(_ i: Int) -> Double? {
        guard !status[i].isSuppressed else { return nil }
        let value = table.cells[i].value
        guard let base = rules.roundingBase else { return value }
        return Rounding.round(value, toMultipleOf: base)
    }

    /// The text to print for cell `i`: the rules' marker for a suppressed cell, else the (rounded) value
    /// without a trailing `.0`.
    public func publishedText(_ i: Int) -> String {
        guard let value = publishedValue(i) else { return rules.marker }
        return Footnote.formatValue(value)
    }

    /// A value derived from cell `i` alone (its rate, its share): `nil` when the cell is suppressed, since the
    /// rate of a suppressed count would give the count back.
    public func publishedDependent(_ i: Int, _ value: Double) -> Double? {
        status[i].isSuppressed ? nil : value
    }

    /// The footnote for this table.
    public func footnote(_ language: Footnote.Language) -> String { Footnote.text(for: rules, language: language) }
}

/// The library entry point of disclosure control: primary suppression by the named rules, secondary
/// suppression (``SecondarySuppression`` from two starts: the primary cells, and the pattern of
/// ``BaselineSuppression``), and the attacker's audit, in that order. The monitoring run and the report call this before
/// anything is written for publication.
///
/// ```swift
/// let table = try DisclosureTable(cells: cells, links: links, groupTotal: "total")
/// let protected = try DisclosureControl.protect(table, rules: DisclosureRules())
/// precondition(protected.audit.exposed.isEmpty)
/// ```
///
/// Blocks the calling thread until done; the two starts of secondary suppression run on two threads of their
/// own, each with its own GLPK problems (GLPK's environment is per thread).
public enum DisclosureControl {
    public static func protect(_ table: DisclosureTable, rules: DisclosureRules) throws -> ProtectedTable {
        try protect(table, primary: PrimarySuppression.reasons(for: table, rules: rules), rules: rules)
    }

    /// Protects `table` whose primary cells a caller has decided by rules of its own (the monitoring's
    /// `PublicationRules`: small denominators, complements and shares of 0 or 100 % are rules about pairs of
    /// counts, which a one-count table cannot see). `primary[i]` non-nil marks cell `i` primary; the rest of
    /// the procedure (secondary suppression, audit) is that of ``protect(_:rules:)``.
    public static func protect(_ table: DisclosureTable, primary reasons: [SuppressionReason?], rules: DisclosureRules) throws -> ProtectedTable {
        precondition(reasons.count == table.cells.count, "one primary reason (or nil) per cell")
        let primary = reasons.map { $0 == nil ? CellStatus.published : .primary }
        // Two starts: from the primary cells alone, and from the simple baseline's pattern (its cells then
        // repaired and cleaned up like any other). The cheaper result under the rules' cost is kept (ties: fewer
        // cells, then the first), so the result is never worse than the baseline made safe.
        // The two starts run on two threads; each builds its own GLPK problems on its own thread (GLPK's
        // environment is per thread, see LinearProgram), and nothing GLPK-owned crosses between them.
        let starts = [primary, BaselineSuppression.apply(to: table, status: primary)]
        let results = ResultBox(count: starts.count)
        DispatchQueue.concurrentPerform(iterations: starts.count) { k in
            results.set(k, Result { try SecondarySuppression.apply(to: table, status: starts[k], rules: rules) })
        }
        let candidates = try results.values.map { try $0!.get() }
        func score(_ r: SecondarySuppressionResult) -> (Int, Double, Int) {
            let cost = table.cells.indices.filter { r.status[$0] == .secondary }.reduce(0.0) { $0 + table.cells[$1].cost(rules) }
            return (r.unprotectable.count, (cost * 1e6).rounded() / 1e6, r.secondaryCount)
        }
        let secondary = candidates.min { score($0) < score($1) }!
        let audit = try AttackerAudit.audit(table, status: secondary.status, protection: rules.protection)
        let allReasons = zip(reasons, secondary.status).map { reason, status in
            reason ?? (status == .secondary ? SuppressionReason.secondary : nil)
        }
        return ProtectedTable(table: table, rules: rules, status: secondary.status, reasons: allReasons, audit: audit,
                              secondary: secondary, populationRuleApplied: PrimarySuppression.hasPopulation(table))
    }
}

/// Results of the parallel starts. `@unchecked Sendable`: every access goes through `lock`.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<SecondarySuppressionResult, any Error>?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: Result<SecondarySuppressionResult, any Error>) {
        lock.lock(); defer { lock.unlock() }
        storage[k] = value
    }
    var values: [Result<SecondarySuppressionResult, any Error>?] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }
}
