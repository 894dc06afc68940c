import Quartier
import QuartierBase

/// Counts per area for a list of terms (numerators and denominators), at one level and year.
///
/// Counts, not rates: every rate in a monitoring is computed from a `CountTable`, at every level,
/// so a parent's rate is its summed numerator over its summed denominator (never an average of rates).
public struct CountTable: Sendable, Hashable {
    /// Area ids, in the order of the rows (sorted for deterministic output).
    public var areaIDs: [String]
    /// Term names, in the order of the columns.
    public var terms: [String]
    /// Row-major counts: `counts[row * terms.count + column]`.
    public var counts: [Int64]
    /// Cells whose count is not known, with the reason (a publisher's suppression marker such as
    /// the BA's `*`, or a sum that includes such a cell), keyed by `row * terms.count + column`.
    /// Their `counts` entry is 0 and means nothing: read `mask(row:column:)` first.
    public var masked: [Int: String]

    public init(areaIDs: [String], terms: [String], counts: [Int64], masked: [Int: String] = [:]) {
        precondition(counts.count == areaIDs.count * terms.count, "counts must fill areas × terms")
        self.areaIDs = areaIDs
        self.terms = terms
        self.counts = counts
        self.masked = masked
    }

    public subscript(row: Int, column: Int) -> Int64 { counts[row * terms.count + column] }

    /// Why the cell's count is not known; nil when it is.
    public func mask(row: Int, column: Int) -> String? { masked.isEmpty ? nil : masked[row * terms.count + column] }

    /// The columns of both tables side by side (same areas, in the same order); a term present in
    /// both keeps this table's column.
    public func merging(_ other: CountTable) -> CountTable {
        precondition(other.areaIDs == areaIDs, "merged count tables must have the same areas")
        let added = other.terms.indices.filter { !terms.contains(other.terms[$0]) }
        let width = terms.count + added.count
        var flat: [Int64] = []
        flat.reserveCapacity(areaIDs.count * width)
        var masks: [Int: String] = [:]
        for row in areaIDs.indices {
            for column in terms.indices {
                if let reason = mask(row: row, column: column) { masks[flat.count] = reason }
                flat.append(self[row, column])
            }
            for column in added {
                if let reason = other.mask(row: row, column: column) { masks[flat.count] = reason }
                flat.append(other[row, column])
            }
        }
        return CountTable(areaIDs: areaIDs, terms: terms + added.map { other.terms[$0] }, counts: flat, masked: masks)
    }

    /// The column of `term`, if present.
    public func column(_ term: String) -> Int? { terms.firstIndex(of: term) }

    /// The total of each term over all areas.
    public var totals: [Int64] {
        var totals = [Int64](repeating: 0, count: terms.count)
        for row in 0..<areaIDs.count {
            for column in 0..<terms.count { totals[column] += self[row, column] }
        }
        return totals
    }

    /// Sums the rows into the parent areas named by `parentOf`.
    ///
    /// Masking: a parent's sum that includes a masked child cell is masked too, with the child's
    /// reason and how many of its children are masked; it is never the sum of the known cells
    /// (a silent undercount). Why not carry the interval the mask allows: the BA's `*` hides values
    /// of 1 or 2 *and* any value from which such a value could be computed (secondary suppression,
    /// Statistik der Bundesagentur für Arbeit, "Zeichenerklärung"), so no upper bound is safe.
    ///
    /// - Parameters:
    ///   - parentOf: the parent area id of each child id.
    ///   - parentIDs: every area of the parent level (parents without children get zero rows).
    /// - Returns: the parent level's table, rows in the order of `parentIDs` sorted.
    /// - Throws: `RollupError` naming the first child without a parent or with a parent that is not
    ///   an area of the parent level: nothing is dropped silently.
    public func rolledUp(parentOf: [String: String], parentIDs: [String], level: String) throws -> CountTable {
        let parents = parentIDs.sorted()
        var rowOfParent: [String: Int] = [:]
        for (row, id) in parents.enumerated() { rowOfParent[id] = row }
        var sums = [Int64](repeating: 0, count: parents.count * terms.count)
        var maskedChildren: [Int: (count: Int, reason: String)] = [:]
        for (row, child) in areaIDs.enumerated() {
            guard let parent = parentOf[child] else { throw RollupError(level: level, child: child, parent: nil) }
            guard let parentRow = rowOfParent[parent] else { throw RollupError(level: level, child: child, parent: parent) }
            for column in 0..<terms.count {
                let cell = parentRow * terms.count + column
                if let reason = mask(row: row, column: column) {
                    let first = maskedChildren[cell]
                    maskedChildren[cell] = ((first?.count ?? 0) + 1, first?.reason ?? Self.innermost(reason))
                }
                sums[cell] += self[row, column]
            }
        }
        var masks: [Int: String] = [:]
        for (cell, entry) in maskedChildren {
            sums[cell] = 0
            masks[cell] = "sum includes \(entry.count) masked area\(entry.count == 1 ? "" : "s") below: \(entry.reason)"
        }
        return CountTable(areaIDs: parents, terms: terms, counts: sums, masked: masks)
    }
}

extension CountTable {
    /// The publisher's reason of a mask, without the roll-up's "sum includes ..." prefixes.
    static func innermost(_ reason: String) -> String {
        guard reason.hasPrefix("sum includes "), let colon = reason.range(of: ": ") else { return reason }
        return String(reason[colon.upperBound...])
    }
}

/// A child area whose parent is missing from the hierarchy.
public struct RollupError: Error, Sendable, CustomStringConvertible {
    public var level: String
    public var child: String
    public var parent: String?

    public var description: String {
        if let parent {
            "area \(child) names parent \(parent), which is not an area of level \(level)"
        } else {
            "area \(child) has no parent id for level \(level)"
        }
    }
}
