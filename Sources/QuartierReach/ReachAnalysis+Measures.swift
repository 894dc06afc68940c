import Foundation
import QuartierMethods
import QuartierMonitoring

/// Citywide figures of one project (or the programme), target group and period, from counts.
public struct ReachSummary: Sendable, Hashable {
    public var project: String      // "programm" for the whole programme
    public var group: String
    public var year: Int
    /// Participants of the group living in the city / the group in the register.
    public var reached: Int64
    public var groupPopulation: Int64
    /// All participants of the project living in the city, and the city's population.
    public var participants: Int64
    public var population: Int64
    /// Living in an area the project does not serve (Streuverlust), of `participants`.
    public var outsideServed: Int64
    /// Unique participants of the group over this and all earlier periods.
    public var cumulativeReached: Int64
    /// Distances (m) from the nearest contact point of participants with a house coordinate, sorted.
    public var distances: [Double]
    public var concentration: ConcentrationIndex?

    public var coverage: Double? { groupPopulation > 0 ? Double(reached) / Double(groupPopulation) : nil }
    public var focusing: Double? { participants > 0 ? Double(reached) / Double(participants) : nil }
    public var groupShare: Double? { population > 0 ? Double(groupPopulation) / Double(population) : nil }
    /// Focusing over the group's share of the population: > 1 reaches the group better than chance.
    public var focusingRatio: Double? { focusing.flatMap { f in groupShare.flatMap { $0 > 0 ? f / $0 : nil } } }
}

/// Coverage of one project and group in one period per need class (quintile of the monitoring's index).
public struct NeedRow: Sendable, Hashable {
    public var project: String
    public var group: String
    public var year: Int
    /// 1 = least deprived fifth of the index level's areas … 5 = most deprived.
    public var quintile: Int
    public var reached: Int64
    public var groupPopulation: Int64
}

extension ReachAnalysis {
    /// The index level's valid areas ordered from the least to the most deprived (status index
    /// ascending, higher = more disadvantaged as in the MSS; ties by area id), for the index's
    /// newest year.
    public var needOrder: [String] {
        guard let year = index.compactMap({ $0.statusIndex == nil ? nil : $0.year }).max() else { return [] }
        return index.filter { $0.year == year && $0.valid && $0.statusIndex != nil }
            .sorted { ($0.statusIndex!, $0.areaID) < ($1.statusIndex!, $1.areaID) }.map(\.areaID)
    }

    /// Need quintile of each area of the index level: ceil(5 · position / N), position 1 = least deprived.
    public var needQuintile: [String: Int] {
        let order = needOrder
        var quintile: [String: Int] = [:]
        for (k, id) in order.enumerated() { quintile[id] = Int((5.0 * Double(k + 1) / Double(order.count)).rounded(.up)) }
        return quintile
    }

    /// Counts of a term per area of `level` in `year` (internal: before the gate).
    func counts(level: String, year: Int, key: String) -> [String: Int64] {
        guard let table = results.counts[level]?[year], let column = table.column(key) else { return [:] }
        var values: [String: Int64] = [:]
        for (row, id) in table.areaIDs.enumerated() where table.mask(row: row, column: column) == nil { values[id] = table[row, column] }
        return values
    }

    /// The (project, group) pairs in register order, then the programme's groups.
    public var pairs: [(project: String, group: String)] {
        var pairs: [(String, String)] = []
        for project in register.projectIDs {
            for group in Set(register.phases(of: project).flatMap(\.targetGroups)).sorted() { pairs.append((project, group)) }
        }
        for group in register.groups { pairs.append((Self.flag(project: nil, group: nil), group.name)) }
        return pairs
    }

    /// Citywide figures per project, group and period (periods the project runs).
    public func summaries() -> [ReachSummary] {
        let top = reachSpec.levels.last!.id
        var out: [ReachSummary] = []
        for (project, groupName) in pairs {
            let isProgramme = project == Self.flag(project: nil, group: nil)
            let group = register.group(named: groupName)!
            let g = register.groups.firstIndex(of: group)!
            var cumulative = Set<String>()
            for year in reachSpec.years {
                guard isProgramme || register.phase(of: project, in: year) != nil else { continue }
                func total(_ key: String) -> Int64 { counts(level: top, year: year, key: key).values.reduce(0, +) }
                let mine = reading.participants.filter { $0.year == year && $0.area != nil && (isProgramme ? $0.firstInProgramme : $0.project == project) }
                for participant in mine where participant.groups[g] { cumulative.insert(participant.key) }
                var distances: [Double] = []
                if !isProgramme, let phase = register.phase(of: project, in: year), !phase.contacts.isEmpty {
                    for participant in mine {
                        guard let x = participant.x, let y = participant.y else { continue }
                        distances.append(phase.contacts.map { ((x - $0.x) * (x - $0.x) + (y - $0.y) * (y - $0.y)).squareRoot() }.min()!)
                    }
                    distances.sort()
                }
                out.append(ReachSummary(
                    project: project, group: groupName, year: year,
                    reached: total(countKey(participants: isProgramme ? nil : project, group: groupName)),
                    groupPopulation: total(countKey(population: group)),
                    participants: total(countKey(participants: isProgramme ? nil : project, group: nil)),
                    population: total(countKey(population: nil)),
                    outsideServed: isProgramme ? 0 : Int64(mine.filter { !$0.inServedArea }.count),
                    cumulativeReached: Int64(cumulative.count), distances: distances,
                    concentration: concentration(project: isProgramme ? nil : project, group: group, year: year)))
            }
        }
        return out
    }

    /// The concentration index of coverage over the index level's areas, least deprived first.
    public func concentration(project: String?, group: TargetGroup, year: Int) -> ConcentrationIndex? {
        guard let level = indexLevel else { return nil }
        let reached = counts(level: level, year: year, key: countKey(participants: project, group: group.name))
        let population = counts(level: level, year: year, key: countKey(population: group))
        var sizes: [Double] = [], rates: [Double] = []
        for id in needOrder {
            guard let n = population[id], n > 0 else { continue }
            sizes.append(Double(n))
            rates.append(Double(reached[id] ?? 0) / Double(n))
        }
        return ConcentrationIndex(sizes: sizes, rates: rates)
    }

    /// Coverage per need quintile (counts summed over the quintile's areas).
    public func needRows() -> [NeedRow] {
        guard let level = indexLevel else { return [] }
        let quintile = needQuintile
        var out: [NeedRow] = []
        for (project, groupName) in pairs {
            let isProgramme = project == Self.flag(project: nil, group: nil)
            let group = register.group(named: groupName)!
            for year in reachSpec.years where isProgramme || register.phase(of: project, in: year) != nil {
                let reached = counts(level: level, year: year, key: countKey(participants: isProgramme ? nil : project, group: groupName))
                let population = counts(level: level, year: year, key: countKey(population: group))
                for q in 1...5 {
                    let ids = quintile.filter { $0.value == q }.keys
                    out.append(NeedRow(project: project, group: groupName, year: year, quintile: q,
                                       reached: ids.reduce(0) { $0 + (reached[$1] ?? 0) },
                                       groupPopulation: ids.reduce(0) { $0 + (population[$1] ?? 0) }))
                }
            }
        }
        return out
    }

    /// "White spots": areas of the index level in the most deprived need quintile that no project
    /// serves in `year`.
    public func whiteSpots(year: Int) -> [String] {
        let servedNow = servedInYear.values.compactMap { $0[year] }.reduce(into: Set<String>()) { $0.formUnion($1) }
        guard let level = indexLevel else { return [] }
        let lowest = reachSpec.levels[0].id
        return needQuintile.filter { $0.value == 5 }.keys.filter { id in
            // An index area is served when any lowest area under it is (the index may sit above the lowest level).
            level == lowest ? !servedNow.contains(id) : !servedNow.contains { lowestParent($0, level: level) == id }
        }.sorted()
    }

    private func lowestParent(_ id: String, level: String) -> String? {
        var current = id
        for (k, spec) in reachSpec.levels.enumerated() {
            if spec.id == level { return current }
            guard k + 1 < reachSpec.levels.count,
                  let parent = areas[spec.id]?.areas.first(where: { $0.id == current })?.parentIDs.first ?? nil else { return nil }
            current = parent
        }
        return nil
    }
}
