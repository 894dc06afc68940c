import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierDisclosure

extension DisclosureCommand {
    /// `quartier disclosure apply`: primary and secondary suppression, audit, then the publication.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the rules to TABLE and write the publication (suppressed cells as the marker).",
            discussion: """
            Nothing is written when a primary cell cannot be protected. Prints one summary line: cells, \
            primary cells by rule, secondary cells (and the simple baseline's count for comparison), audit.
            """
        )

        @Option(help: "The rules (TOML).") var rules: String
        @Argument(help: "The table (CSV with true values).") var table: String
        @Option(help: "The publication (CSV): values, or the marker for suppressed cells; no status column.") var out: String
        @Option(help: "Also write the protected table (CSV, true values with status and reason; internal, the input of 'audit').")
        var protected: String?
        @Option(help: "Also write the footnote (German and English, one line each).") var footnote: String?

        func run() async throws {
            let options = try loadDisclosureRules(rules)
            let file = try DisclosureTableFile.read(table, options: options)
            if let row = file.markedSuppressed.firstIndex(of: true) {
                throw InputError(InputLocation(file: table, line: file.lines[row], field: "value"),
                                 found: "the marker \"\(options.rules.marker)\"", expected: "true counts (apply works on unsuppressed tables)")
            }
            let result = try DisclosureControl.protect(file.table, rules: options.rules)
            let exposed = result.audit.exposed
            if !exposed.isEmpty {
                let list = exposed.prefix(5).map { "line \(file.lines[$0.cell])" }.joined(separator: ", ")
                throw ValidationError("\(exposed.count) primary cell(s) cannot be protected in this table (\(list)); nothing written")
            }
            try AtomicFile.write(file.publicationText(result, suppressWith: options.suppressWith), to: out)
            if let protected { try AtomicFile.write(file.protectedText(result), to: protected) }
            if let footnote {
                try AtomicFile.write(result.footnote(.german) + "\n" + result.footnote(.english) + "\n", to: footnote)
            }
            print(Self.summary(result))
            if !result.populationRuleApplied && options.rules.minimumPopulation != nil {
                FileHandle.standardError.write(Data("note: the table has no population column; the minimum-population rule was not applied\n".utf8))
            }
        }

        static func summary(_ result: ProtectedTable) -> String {
            let primary = result.status.filter { $0 == .primary }.count
            let byPopulation = result.reasons.filter { $0 == .population }.count
            let byCount = result.reasons.filter { $0 == .count }.count
            let baseline = BaselineSuppression.apply(to: result.table, status: result.status.map { $0 == .primary ? .primary : .published })
                .filter { $0 == .secondary }.count
            return "cells \(result.table.cells.count), primary \(primary) (population \(byPopulation), count \(byCount)), "
                + "secondary \(result.secondary.secondaryCount) (baseline \(baseline)), "
                + "audit: \(result.audit.exposed.count) of \(result.audit.intervals.count) suppressed cells exposed"
        }
    }
}
