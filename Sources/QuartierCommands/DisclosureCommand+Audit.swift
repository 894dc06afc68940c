import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierDisclosure

extension DisclosureCommand {
    /// `quartier disclosure audit`: the attacker's intervals for every suppressed cell; fails on exposure.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute, by linear programming, what an attacker learns about each suppressed cell of TABLE.",
            discussion: """
            TABLE is either a protected table (true values and a status column, from 'apply --protected'): a \
            primary cell is exposed when its interval does not reach value − lower and value + upper; or a \
            publication (suppressed cells as the marker): a cell is exposed when its interval is narrower than \
            the upper protection level. Audit unrounded tables (rounded totals need not add up). \
            Exit status 1 when a cell is exposed.
            """
        )

        @Option(help: "The rules (TOML; default: the built-in rules).") var rules: String?
        @Argument(help: "The table (CSV).") var table: String
        @Option(help: "Write every suppressed cell's interval (CSV).") var intervals: String?

        func run() async throws {
            let options = try loadDisclosureRules(rules)
            let file = try DisclosureTableFile.read(table, options: options)
            let (status, knowledge) = file.auditStatus
            let report: AuditReport
            do {
                report = try AttackerAudit.audit(file.table, status: status, protection: options.rules.protection, knowledge: knowledge)
            } catch DisclosureError.inconsistentPublication {
                throw InputError(InputLocation(file: table), found: "published values that contradict the totals", expected: "an additive (unrounded) table")
            }
            if let intervals {
                try AtomicFile.write(file.intervalsText(report, status: status, knowsValues: knowledge == .trueValues), to: intervals)
            }
            for interval in report.exposed {
                let cell = file.table.cells[interval.cell]
                let upper = interval.upper == .infinity ? "inf" : Footnote.formatValue(interval.upper)
                print("EXPOSED line \(file.lines[interval.cell]): area \(cell.area)\(cell.group.isEmpty ? "" : " group \(cell.group)") "
                      + "interval [\(Footnote.formatValue(interval.lower)), \(upper)]")
            }
            let minimum = report.intervals.map(\.width).min().map { $0 == .infinity ? "inf" : Footnote.formatValue(($0 * 1e6).rounded() / 1e6) } ?? "-"
            print("audit: \(report.exposed.count) of \(report.intervals.count) suppressed cells exposed "
                  + "(\(report.linearProgramsSolved) LPs, narrowest interval \(minimum))")
            if !report.exposed.isEmpty { throw ExitCode(1) }
        }
    }
}
