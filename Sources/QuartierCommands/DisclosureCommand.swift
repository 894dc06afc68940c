import ArgumentParser
import Foundation
import Quartier
import QuartierBase
import QuartierDisclosure

/// `quartier disclosure`: statistical disclosure control of count tables before publication.
struct DisclosureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure",
        abstract: "Suppress small counts and small areas, protect them from recomputation, and audit a table.",
        discussion: """
        TABLE is a long-format CSV, one row per cell: area, value, optional group (age group, year; the group \
        'total' is the total over the others), population, parent (the area's parent; parent_<system> for a \
        second area system over the same areas). Totals are rows of their own and must add up.
        RULES is a TOML file: [primary] minimum_population, small_count_limit, suppress_zero; [protection] \
        lower, upper, relative; [secondary] cost = "cells"|"value"; [table] group_total; [output] marker, \
        rounding, suppress_with.
        """,
        subcommands: [Apply.self, Audit.self]
    )
}

/// Loads the rules file, or the defaults when none is given.
func loadDisclosureRules(_ path: String?) throws -> DisclosureRulesFile {
    guard let path else { return DisclosureRulesFile() }
    return try DisclosureRulesFile.read(path)
}
