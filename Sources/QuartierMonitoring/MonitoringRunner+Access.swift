import Foundation
import Quartier
import QuartierAccess
import QuartierAggregation
import QuartierBase
import QuartierDigest
import QuartierGeometry

extension MonitoringRunner {
    /// The access counts of every `[[offers]]` inventory and year (see `OfferSourceSpec`), per
    /// lowest-level area: the persons source's records of that year are read (QuartierAccess's
    /// `PersonPoints`, the reader of `quartier access`), placed into the lowest level's areas by the
    /// same rule (`contains`), and each type's offers in service that year (`opened <= year < closed`)
    /// computed by `AccessRun` as `quartier access` does, straight-line. Counts only: the indicators
    /// are derived from them after the roll-up, like every rate.
    /// - Returns: per year the counts to enter at the lowest level, the inputs read and a step record each.
    func accessCounts(lowestIDs: [String], lowestGeometries: [MultiPolygon], lowestHash: String,
                      cache: MonitoringStore.Cache?) throws -> (counts: [Int: CountTable], inputs: [Provenance.Input], steps: [StepRecord]) {
        guard !spec.offers.isEmpty else { return ([:], [], []) }
        let clock = ContinuousClock()
        let locator = AreaLocator(areas: lowestGeometries)
        var counts: [Int: CountTable] = [:]
        var inputs: [Provenance.Input] = []
        var steps: [StepRecord] = []
        for inventory in spec.offers {
            let offersInput = try Self.input(role: "offers \(inventory.name)", path: inventory.file, cache: cache)
            inputs.append(offersInput)
            let types = inventory.types
            let groups = types.map(\.targetGroup).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for source in spec.sources where source.name == inventory.source {
                guard case .persons(let file, let x, let y, _) = source.kind else { continue }
                let start = clock.now
                let personsInput = try Self.input(role: "persons \(source.year) \(source.name)", path: file, cache: cache)
                let people = try PersonPoints.read(path: file, xColumn: x, yColumn: y, targetGroups: groups, options: source.reading)
                var personArea = [Int32](repeating: -1, count: people.count)
                for i in 0..<people.count {
                    let (px, py) = (people.x[i], people.y[i])
                    personArea[i] = locator.assign(x: px, y: py, code: locator.cellCode(x: px, y: py), rule: .contains).area.map(Int32.init) ?? -1
                }
                let offerArea = inventory.offers.map { o in
                    locator.assign(x: o.location.x, y: o.location.y, code: locator.cellCode(x: o.location.x, y: o.location.y), rule: .contains).area.map(Int32.init) ?? -1
                }
                let run = try AccessRun(persons: people, personArea: personArea, areaCount: lowestIDs.count, targetGroups: groups,
                                        settings: AccessRun.Settings(catchment: inventory.catchment, methods: [], year: source.year, threads: threads),
                                        distances: .straightLine)
                let outcome = try run.compute(offers: inventory.offers, offerArea: offerArea)
                // Every type has its three terms every year (a type without an offer in service: none within reach, no places).
                var terms: [String] = []
                var columns: [[Int64]] = []
                for (type, group) in types {
                    let bit: UInt64 = 1 << UInt64(groups.firstIndex(of: group)!)
                    var target = [Int64](repeating: 0, count: lowestIDs.count)
                    for i in 0..<people.count where personArea[i] >= 0 && people.groups[i] & bit != 0 { target[Int(personArea[i])] += 1 }
                    var within = [Int64](repeating: 0, count: lowestIDs.count), places = within
                    for r in outcome.results where r.type == type {
                        precondition(Int64(r.targetGroup) == target[r.area], "access run and monitoring count one target group")
                        within[r.area] = Int64(r.accessible)
                        places[r.area] = Int64(r.places)
                    }
                    for (term, column) in zip(OfferSourceSpec.terms, [target, within, places]) {
                        terms.append(inventory.countKey(type: type, term))
                        columns.append(column)
                    }
                }
                var flat: [Int64] = []
                flat.reserveCapacity(lowestIDs.count * terms.count)
                for row in lowestIDs.indices { for column in columns { flat.append(column[row]) } }
                let table = CountTable(areaIDs: lowestIDs, terms: terms, counts: flat)
                counts[source.year] = counts[source.year].map { $0.merging(table) } ?? table
                let hash = ContentHash.sha256([offersInput.sha256, personsInput.sha256, lowestHash, x, y, source.readingKey,
                                               "\(inventory.catchment)", inventory.layer ?? "", QuartierVersion.string].joined(separator: "\u{1F}"))
                let seconds = (clock.now - start).inSeconds
                steps.append(StepRecord(step: "access:\(source.year):\(inventory.name)", inputHash: hash, recomputed: true, seconds: seconds))
                let inService = inventory.offers.filter { $0.inService(source.year) }.count
                log("access \(source.year) \(inventory.name): \(inService) of \(inventory.offers.count) offers in service, \(people.count) persons (\(people.rejected) rejected), \(types.count) types in \(String(format: "%.2f", seconds)) s")
            }
        }
        return (counts, inputs, steps)
    }
}
