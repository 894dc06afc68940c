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

    public init(areaIDs: [String], terms: [String], counts: [Int64]) {
        precondition(counts.count == areaIDs.count * terms.count, "counts must fill areas × terms")
        self.areaIDs = areaIDs
        self.terms = terms
        self.counts = counts
    }

    public subscript(row: Int, column: Int) -> Int64 { counts[row * terms.count + column] }

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
        for (row, child) in areaIDs.enumerated() {
            guard let parent = parentOf[child] else { throw RollupError(level: level, child: child, parent: nil) }
            guard let parentRow = rowOfParent[parent] else { throw RollupError(level: level, child: child, parent: parent) }
            for column in 0..<terms.count { sums[parentRow * terms.count + column] += self[row, column] }
        }
        return CountTable(areaIDs: parents, terms: terms, counts: sums)
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
