/// A link of an area to its parent in one area system (Quartiere → Stadtteil, or blocks → school district).
/// Two systems over the same areas make linked tables.
public struct AreaLink: Sendable, Hashable {
    public var child: String
    public var parent: String
    /// The area system's name; `""` is the default system.
    public var system: String

    public init(child: String, parent: String, system: String = "") {
        self.child = child
        self.parent = parent
        self.system = system
    }
}

extension DisclosureTable {
    /// Builds the constraints of an area × group table: for each parent area, system and group,
    /// parent = Σ children; and, when `groupTotal` names a group, for each area, total = Σ other groups.
    ///
    /// The grid must be complete (every area has every group). Subtables follow HiTaS (de Wolf 2002): one per
    /// parent and system, holding that parent's and its children's cells, ordered from the top of each
    /// hierarchy down; group constraints of areas in no subtable stand alone.
    ///
    /// - Throws: ``DisclosureError`` for duplicate or missing cells, two parents in one system, cycles,
    ///   negative values, and the first total (in cell order) that is not the sum of its parts.
    /// - Parameter checkAdditivity: off only for a publication whose suppressed values are unknown.
    public init(cells: [DisclosureCell], links: [AreaLink], groupTotal: String?, checkAdditivity: Bool = true) throws(DisclosureError) {
        var index: [CellKey: Int] = [:]
        var areas: [String] = []
        var groups: [String] = []
        var seenAreas = Set<String>(), seenGroups = Set<String>()
        for (i, cell) in cells.enumerated() {
            guard cell.value.isFinite, cell.value >= 0 else { throw .invalidValue(i) }
            if index.updateValue(i, forKey: CellKey(area: cell.area, group: cell.group)) != nil { throw .duplicateCell(i) }
            if seenAreas.insert(cell.area).inserted { areas.append(cell.area) }
            if seenGroups.insert(cell.group).inserted { groups.append(cell.group) }
        }
        func cell(_ area: String, _ group: String, for need: String) throws(DisclosureError) -> Int {
            guard let i = index[CellKey(area: area, group: group)] else { throw .missingCell(area: area, group: group, neededBy: need) }
            return i
        }
        var constraints: [Additivity] = []
        // Group totals per area.
        var groupConstraint: [String: Int] = [:]
        if let groupTotal, seenGroups.contains(groupTotal) {
            let others = groups.filter { $0 != groupTotal }
            for area in areas {
                let total = try cell(area, groupTotal, for: "the total of area \(area)")
                var parts: [Int] = []
                for g in others { parts.append(try cell(area, g, for: "the total of area \(area)")) }
                groupConstraint[area] = constraints.count
                constraints.append(Additivity(total: total, parts: parts))
            }
        }
        // Area hierarchies, one per system.
        var systems: [String] = []
        var childrenOf: [String: [String: [String]]] = [:]   // system → parent → children (in link order)
        var parentOf: [String: [String: String]] = [:]
        for link in links {
            if childrenOf[link.system] == nil { systems.append(link.system) }
            if let existing = parentOf[link.system, default: [:]][link.child] {
                if existing == link.parent { continue }
                throw .twoParents(area: link.child, system: link.system)
            }
            parentOf[link.system, default: [:]][link.child] = link.parent
            childrenOf[link.system, default: [:]][link.parent, default: []].append(link.child)
        }
        struct Block { var depth: Int; var system: Int; var order: Int; var constraints: [Int] }
        var blocks: [Block] = []
        var covered = Set<Int>()
        for (s, system) in systems.enumerated() {
            let parents = parentOf[system] ?? [:]
            func depth(_ area: String) throws(DisclosureError) -> Int {
                var d = 0, current = area
                while let p = parents[current] {
                    d += 1
                    current = p
                    if d > parents.count { throw .cycle(area: area) }
                }
                return d
            }
            let children = childrenOf[system] ?? [:]
            let orderedParents = areas.filter { children[$0] != nil } + children.keys.filter { !seenAreas.contains($0) }.sorted()
            for (order, parent) in orderedParents.enumerated() {
                let kids = children[parent] ?? []
                var block: [Int] = []
                for g in groups {
                    let total = try cell(parent, g, for: "the children of \(parent)")
                    var parts: [Int] = []
                    for kid in kids { parts.append(try cell(kid, g, for: "the total \(parent)")) }
                    block.append(constraints.count)
                    constraints.append(Additivity(total: total, parts: parts))
                }
                for area in [parent] + kids { if let k = groupConstraint[area] { block.append(k); covered.insert(k) } }
                blocks.append(Block(depth: try depth(parent), system: s, order: order, constraints: block))
            }
        }
        blocks.sort { ($0.depth, $0.system, $0.order) < ($1.depth, $1.system, $1.order) }
        var subtables = blocks.map(\.constraints)
        for area in areas { if let k = groupConstraint[area], !covered.contains(k) { subtables.append([k]) } }
        self.init(cells: cells, constraints: constraints, subtables: subtables)
        if checkAdditivity { try self.checkAdditivity() }
    }

    /// Checks that every total equals the sum of its parts (tolerance 1e-6 relative), reporting the total that
    /// comes first in cell order.
    public func checkAdditivity() throws(DisclosureError) {
        var worst: (total: Int, sum: Double, parts: [Int])?
        for constraint in constraints {
            let sum = constraint.parts.reduce(0.0) { $0 + cells[$1].value }
            let total = cells[constraint.total].value
            if abs(sum - total) > 1e-6 * max(1, abs(total)) {
                if worst == nil || constraint.total < worst!.total { worst = (constraint.total, sum, constraint.parts) }
            }
        }
        if let worst { throw .notAdditive(total: worst.total, sum: worst.sum, parts: worst.parts) }
    }
}

struct CellKey: Hashable {
    var area: String
    var group: String
}
