import Foundation
import Quartier
import QuartierAccess
import QuartierAggregation
import QuartierBase
import QuartierDigest
import QuartierGeometry

extension MonitoringRunner {
    /// The access figures of every `[[offers]]` inventory and year (see `OfferSourceSpec`), per
    /// lowest-level area: the persons source's records of that year are read (QuartierAccess's
    /// `PersonPoints`, the reader of `quartier access`), placed into the lowest level's areas by the
    /// same rule (`contains`), and each type's offers in service that year (`opened <= year < closed`)
    /// computed by `AccessRun` as `quartier access` does: straight-line, or along the inventory's
    /// network (`OfferNetworkSpec`, loaded once per run), with its methods and decay; with a scenario,
    /// `AccessRun.apply` gives the scenario's figures beside the base (only the touched catchments
    /// recomputed). Counts enter the count tables; the methods' sums (not counts) go to `AccessAreaSums`.
    /// - Returns: per year the counts to enter at the lowest level, the score and scenario sums, the
    ///   inputs read and a step record each.
    func accessCounts(lowestIDs: [String], lowestGeometries: [MultiPolygon], lowestHash: String, crs: CRS?,
                      hashes: InputHashes) throws -> (counts: [Int: CountTable], sums: AccessAreaSums, inputs: [Provenance.Input], steps: [StepRecord]) {
        guard !spec.offers.isEmpty else { return ([:], AccessAreaSums(), [], []) }
        let clock = ContinuousClock()
        let locator = AreaLocator(areas: lowestGeometries)
        let area: @Sendable (Point) -> Int32 = { p in
            locator.assign(x: p.x, y: p.y, code: locator.cellCode(x: p.x, y: p.y), rule: .contains).area.map(Int32.init) ?? -1
        }
        var counts: [Int: CountTable] = [:]
        var sums = AccessAreaSums()
        var inputs: [Provenance.Input] = []
        var steps: [StepRecord] = []
        for inventory in spec.offers {
            let offersInput = try hashes.input(role: "offers \(inventory.name)", path: inventory.file)
            inputs.append(offersInput)
            var extraHashes: [String] = []
            var distances = AccessRun.Distances.straightLine
            if let network = inventory.network {
                let networkInput = try hashes.input(role: "network \(inventory.name)", path: network.file)
                inputs.append(networkInput)
                extraHashes += [networkInput.sha256, network.key]
                let loaded = try network.load(crs: crs)
                distances = loaded.distances
                log("access \(inventory.name): \(loaded.summary)")
            }
            if let scenario = inventory.scenario {
                let scenarioInput = try hashes.input(role: "scenario \(inventory.name)", path: scenario)
                inputs.append(scenarioInput)
                extraHashes.append(scenarioInput.sha256)
            }
            let types = inventory.types
            var groups = types.map(\.targetGroup).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for case .add(let offer) in inventory.scenarioChanges where !groups.contains(offer.targetGroup) { groups.append(offer.targetGroup) }
            for source in spec.sources where source.name == inventory.source {
                guard case .persons(let file, let x, let y, _) = source.kind else { continue }
                let start = clock.now
                let personsInput = try hashes.input(role: "persons \(source.year) \(source.name)", path: file)
                let people = try PersonPoints.read(path: file, xColumn: x, yColumn: y, targetGroups: groups, options: source.reading)
                var personArea = [Int32](repeating: -1, count: people.count)
                for i in 0..<people.count { personArea[i] = area(Point(x: people.x[i], y: people.y[i])) }
                let offerArea = inventory.offers.map { area($0.location) }
                let settings = AccessRun.Settings(catchment: inventory.catchment, decay: inventory.decay, methods: inventory.methods,
                                                  unit: inventory.unit, year: source.year, threads: threads)
                let run = try AccessRun(persons: people, personArea: personArea, areaCount: lowestIDs.count, targetGroups: groups,
                                        settings: settings, distances: distances)
                let outcome = try run.compute(offers: inventory.offers, offerArea: offerArea)
                for off in outcome.offNetwork {
                    log("access \(source.year) \(inventory.name): offer \(off.id) (\(off.source)) is \(off.distance.map { String(format: "%.1f m", $0) } ?? "far") from the network, beyond the snapping limit: no access to it")
                }
                for warning in outcome.warnings { log("access \(source.year) \(inventory.name): warning: \(warning)") }
                // The scenario: its changes of offers in service this year, applied to this year's base
                // (only the catchments of added and moved offers are computed again).
                var changed: AccessRun.Outcome?
                if inventory.scenario != nil {
                    let inService = Set(inventory.offers.filter { $0.inService(source.year) }.map(\.id))
                    let changes = inventory.scenarioChanges.filter { change in
                        switch change {
                        case .add: true
                        case .remove(let id), .move(let id, _), .resize(let id, _): inService.contains(id)
                        }
                    }
                    changed = try run.apply(changes, to: outcome, area: area)
                    log("access \(source.year) \(inventory.name): scenario \(URL(fileURLWithPath: inventory.scenario!).lastPathComponent): \(changes.count) of \(inventory.scenarioChanges.count) changes applied (the others name offers not in service), \(changed!.catchmentsComputed) catchments computed again")
                }
                // Every type has its terms every year (a type without an offer in service: none within reach, no places).
                var terms: [String] = []
                var columns: [[Int64]] = []
                for (type, group) in types {
                    let bit: UInt64 = 1 << UInt64(groups.firstIndex(of: group)!)
                    var target = [Int64](repeating: 0, count: lowestIDs.count)
                    for i in 0..<people.count where personArea[i] >= 0 && people.groups[i] & bit != 0 { target[Int(personArea[i])] += 1 }
                    for (suffix, result) in [("", outcome)] + (changed.map { [("_scenario", $0)] } ?? []) {
                        var within = [Int64](repeating: 0, count: lowestIDs.count), places = within
                        var scores = [[Double]](repeating: [Double](repeating: 0, count: lowestIDs.count), count: inventory.methods.count)
                        for r in result.results where r.type == type {
                            precondition(Int64(r.targetGroup) == target[r.area], "access run and monitoring count one target group")
                            within[r.area] = Int64(r.accessible)
                            places[r.area] = Int64(r.places)
                            for m in scores.indices { scores[m][r.area] = r.methodSums[m] }
                        }
                        let named = suffix.isEmpty ? zip(OfferSourceSpec.terms, [target, within, places]).map { ($0, $1) }
                            : [("within" + suffix, within), ("places" + suffix, places)]
                        for (term, column) in named {
                            terms.append(inventory.countKey(type: type, term))
                            columns.append(column)
                        }
                        for (m, method) in inventory.methods.enumerated() {
                            sums.scores[source.year, default: [:]][inventory.countKey(type: type, method.rawValue + suffix)] = scores[m]
                        }
                    }
                }
                var flat: [Int64] = []
                flat.reserveCapacity(lowestIDs.count * terms.count)
                for row in lowestIDs.indices { for column in columns { flat.append(column[row]) } }
                let table = CountTable(areaIDs: lowestIDs, terms: terms, counts: flat)
                counts[source.year] = counts[source.year].map { $0.merging(table) } ?? table
                let hash = ContentHash.sha256(([offersInput.sha256, personsInput.sha256, lowestHash, x, y, source.readingKey,
                                                "\(inventory.catchment)", inventory.layer ?? "", inventory.decayText,
                                                inventory.methods.map(\.rawValue).joined(separator: ","), QuartierVersion.string] + extraHashes).joined(separator: "\u{1F}"))
                let seconds = (clock.now - start).inSeconds
                steps.append(StepRecord(step: "access:\(source.year):\(inventory.name)", inputHash: hash, recomputed: true, seconds: seconds))
                let inServiceCount = inventory.offers.filter { $0.inService(source.year) }.count
                log("access \(source.year) \(inventory.name): \(inServiceCount) of \(inventory.offers.count) offers in service, \(people.count) persons (\(people.rejected) rejected), \(types.count) types in \(String(format: "%.2f", seconds)) s")
            }
        }
        return (counts, sums, inputs, steps)
    }
}
