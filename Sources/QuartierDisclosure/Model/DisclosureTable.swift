/// One cell of a table to be published: an area, a group of the second dimension (age group, year; `""` in a
/// one-dimensional table), its count and, for the minimum-population rule, the population of its area (for the
/// cell's reference date: in an area × year table it may differ between years).
public struct DisclosureCell: Sendable, Hashable {
    public var area: String
    public var group: String
    public var value: Double
    public var population: Double?
    /// A cell the attacker knows anyway (a total published elsewhere, e.g. the city's): secondary suppression
    /// avoids it at any reasonable cost (the caller checks that it stayed published).
    public var mustPublish: Bool

    public init(area: String, group: String = "", value: Double, population: Double? = nil, mustPublish: Bool = false) {
        self.area = area
        self.group = group
        self.value = value
        self.population = population
        self.mustPublish = mustPublish
    }
}

/// A linear additivity constraint of a table: `cells[total] = Σ cells[parts]`.
public struct Additivity: Sendable, Hashable {
    public var total: Int
    public var parts: [Int]

    public init(total: Int, parts: [Int]) {
        self.total = total
        self.parts = parts
    }
}

/// A table with totals, as disclosure control sees it: cells, the linear constraints that tie them
/// (hierarchies, two dimensions, linked area systems) and a decomposition into subtables.
///
/// Any attacker who reads the published cells knows these constraints and that counts are ≥ 0; that is the
/// attacker model of Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley, ch. 4.
public struct DisclosureTable: Sendable {
    public var cells: [DisclosureCell]
    public var constraints: [Additivity]
    /// Groups of constraint indices, in processing order (higher levels first), for the modular method
    /// (de Wolf 2002, HiTaS). A table without a hierarchy has one subtable per constraint.
    public var subtables: [[Int]]

    /// - Parameter subtables: defaults to one subtable holding every constraint.
    public init(cells: [DisclosureCell], constraints: [Additivity], subtables: [[Int]]? = nil) {
        self.cells = cells
        self.constraints = constraints
        self.subtables = subtables ?? (constraints.isEmpty ? [] : [Array(constraints.indices)])
    }

    /// For each cell, the constraints it appears in.
    public func constraintsByCell() -> [[Int]] {
        var result = [[Int]](repeating: [], count: cells.count)
        for (k, constraint) in constraints.enumerated() {
            result[constraint.total].append(k)
            for part in constraint.parts { result[part].append(k) }
        }
        return result
    }
}

/// Why a table cannot be protected as given.
public enum DisclosureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `cells[total]` differs from the sum of its parts: the first such total in cell order.
    case notAdditive(total: Int, sum: Double, parts: [Int])
    /// A total needs a cell the table does not have.
    case missingCell(area: String, group: String, neededBy: String)
    /// Two cells for the same area and group.
    case duplicateCell(Int)
    /// A count below 0 or not a number.
    case invalidValue(Int)
    /// An area is its own ancestor.
    case cycle(area: String)
    /// An area has two parents in one area system.
    case twoParents(area: String, system: String)
    /// The published cells admit no table at all (the attacker's LP is infeasible).
    case inconsistentPublication

    public var description: String {
        switch self {
        case .notAdditive(let total, let sum, _): return "cell \(total) is not the sum of its parts (sum \(sum))"
        case .missingCell(let area, let group, let neededBy): return "no cell for area \(area), group \(group) (needed by \(neededBy))"
        case .duplicateCell(let i): return "cell \(i) repeats an area and group"
        case .invalidValue(let i): return "cell \(i) is not a count ≥ 0"
        case .cycle(let area): return "area \(area) is its own ancestor"
        case .twoParents(let area, let system): return "area \(area) has two parents in system \(system.isEmpty ? "(default)" : system)"
        case .inconsistentPublication: return "the published cells contradict the totals"
        }
    }
}
