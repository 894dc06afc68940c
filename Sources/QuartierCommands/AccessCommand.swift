import ArgumentParser
import Foundation
import Quartier
import QuartierAccess
import QuartierBase
import QuartierGeocoding
import QuartierGeometry
import QuartierMonitoring
import QuartierTable

/// `quartier access`: supply against need per area — offers, catchments, floating catchment methods,
/// what-if scenarios — through the publication rules.
struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Access to offers per area: supply ratio, coverage, 2SFCA/E2SFCA/3SFCA/BFCA/spatial availability, what-if scenarios.",
        discussion: """
        Persons (CSV with coordinates, in the areas' CRS) are placed into the areas; offers (CSV: id, name, type, \
        capacity, target_group as a filter over person fields, opened, closed, x, y, optional catchment) are grouped \
        by type (one target group per type). Costs are straight-line metres, or minutes along --network (a line layer: \
        ends joined within --node-tolerance, persons and offers snapped within --snap-limit metres, snap distance \
        walked at --speed). A pair is in a catchment when its cost <= the offer's catchment (closed).
        Output, one row per area and type: counts first (persons, target_group, places, offers, \
        accessible_target_group, no_offer_in_network_part, off_network), then ratios (places_per_1000, coverage_pct, \
        <method>_per_1000: supply per 1,000 of the target group), through the monitoring's publication rules \
        (minimum population, small counts, small complements: person-derived cells of such a row show the marker).
        Example: quartier access --areas quartiere.gpkg --id q_id --persons persons.csv --offers kitas.csv \
        --catchment 500 --method 2sfca --method sa --decay steps:250=1,500=0.6 --out access.csv
        """
    )

    @Option(help: "The areas (GeoPackage, GeoJSON, Shapefile) to report on.") var areas: String
    @Option(help: "The GeoPackage layer of --areas.") var layer: String?
    @Option(help: "The id property of the areas.") var id: String?
    @Option(name: .customLong("report-by"), help: "Report per this property of the areas (a parent id such as quartier_id) instead of per area.") var reportBy: String?
    @Option(help: "Persons: a CSV with coordinates and the fields the target groups read.") var persons: String
    @Option(help: "The x column of --persons.") var x: String = "x"
    @Option(help: "The y column of --persons.") var y: String = "y"
    @Option(name: .customLong("need-weight"), help: "FILTER=W: persons passing FILTER count W times (first match wins), repeatable; e.g. 'sgb2 == 1=2'.")
    var needWeights: [String] = []
    @Option(help: "The offer inventory: CSV with coordinates (or addresses), or a GeoPackage/GeoJSON point layer.") var offers: String
    @Option(name: .customLong("offers-layer"), help: "The GeoPackage layer of --offers.") var offersLayer: String?
    @Option(help: "House coordinates (CSV: street, number, suffix, x, y) to geocode offers given by address (columns street, number, suffix).") var addresses: String?
    @Option(name: .customLong("addresses-street"), help: "Street column of --addresses.") var addressesStreet: String = "strasse"
    @Option(name: .customLong("addresses-number"), help: "House number column of --addresses.") var addressesNumber: String = "hausnummer"
    @Option(name: .customLong("addresses-suffix"), help: "Suffix column of --addresses.") var addressesSuffix: String = "zusatz"
    @Option(name: .customLong("capacity-column"), help: "The capacity column of --offers (places, hours or staff).") var capacityColumn: String = "capacity"
    @Option(name: .customLong("target-column"), help: "The target group column of --offers.") var targetColumn: String = "target_group"
    @Option(name: .customLong("default-capacity"), help: "Capacity of offers whose capacity is empty (else such a line is refused).") var defaultCapacity: Double?
    @Option(name: .customLong("default-target-group"), help: "Target group of offers whose target group is empty (else refused).") var defaultTargetGroup: String?
    @Option(help: "Only offers in service in this year (opened <= year < closed).") var year: Int?
    @Option(help: "The catchment of offers without their own: metres (straight line) or minutes (--network).") var catchment: Double
    @Option(help: "2sfca, 3sfca, bfca or sa (spatial availability), repeatable.") var method: [String] = ["2sfca", "sa"]
    @Option(help: "none, steps:C=W,C=W,... (E2SFCA), gravity:EXPONENT, gaussian:SIGMA or exponential:RATE.") var decay: String = "none"
    @Option(help: "A road/path line layer: costs become minutes along it.") var network: String?
    @Option(name: .customLong("network-layer"), help: "The GeoPackage layer of --network.") var networkLayer: String?
    @Option(name: .customLong("snap-limit"), help: "Persons and offers farther than this (m) from the network have no access (reported).") var snapLimit: Double = 250
    @Option(name: .customLong("node-tolerance"), help: "Line ends closer than this (m) are joined.") var nodeTolerance: Double = 0.5
    @Option(help: "Speed in km/h of lines without a class speed, and of the walk to and from the network (walking: 4.8).") var speed: Double = 4.8
    @Option(name: .customLong("oneway-field"), help: "A field of --network with B/FT/TF (or no/yes/-1).") var onewayField: String?
    @Option(name: .customLong("class-field"), help: "A field of --network naming the line class.") var classField: String?
    @Option(name: .customLong("class-speed"), help: "CLASS=KMH, repeatable.") var classSpeeds: [String] = []
    @Option(help: "A what-if scenario (CSV: action add/remove/move/resize and offer columns).") var scenario: String?
    @Option(name: .customLong("changes-out"), help: "With --scenario: the change per area against the base (CSV).") var changesOut: String?
    @Option(name: .customLong("need-filter"), help: "Need per area: the share (%) of persons passing this filter (e.g. 'sgb2 == 1').") var needFilter: String?
    @Option(name: .customLong("need-table"), help: "Need per area from a CSV (e.g. the monitoring's index export) instead of --need-filter.") var needTable: String?
    @Option(name: .customLong("need-id"), help: "The area id column of --need-table.") var needID: String = "id"
    @Option(name: .customLong("need-column"), help: "The need column of --need-table (higher = more need).") var needColumn: String?
    @Option(name: .customLong("need-quantile"), help: "High need: at or above this quantile of the areas' needs.") var needQuantile: Double = 0.75
    @Option(name: .customLong("gap-access"), help: "The access figure of the gaps: coverage or a --method name.") var gapAccess: String = "coverage"
    @Option(name: .customLong("gaps-out"), help: "Areas with high need and low access, ranked (CSV).") var gapsOut: String?
    @Option(name: .customLong("internal-detail"), help: "INTERNAL, person-level, not for publication: write persons.csv (line, area, weight, membership per type) and costs.csv (type, line, offer, cost) to this folder, for checks against peers.")
    var internalDetail: String?
    @Option(name: .customLong("min-population"), help: "Publication rule: areas with fewer persons publish no person-derived figure.") var minPopulation: Int = PublicationRules.defaultMinimumPopulation
    @Option(name: .customLong("small-count"), help: "Publication rule: counts 1 … this are suppressed, with their complements.") var smallCount: Int = 2
    @Option(name: .customLong("extreme-share-minimum"), help: "Publication rule: shares of 0 % or 100 % of fewer persons are suppressed.") var extremeShareMinimum: Int = PublicationRules.defaultExtremeShareMinimumDenominator
    @Option(help: "Worker threads.") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "The results (CSV), written atomically.") var out: String
    @Flag(help: "Print the time of each phase to stderr.") var timings = false

    func validate() throws {
        guard catchment > 0 else { throw ValidationError("--catchment must be > 0") }
        guard speed > 0 else { throw ValidationError("--speed \(speed): expected a speed > 0 km/h") }
        guard snapLimit >= 0, nodeTolerance >= 0 else { throw ValidationError("--snap-limit and --node-tolerance must be >= 0") }
        for m in method where AccessRun.Method(rawValue: m) == nil { throw ValidationError("--method \(m): expected 2sfca, 3sfca, bfca or sa") }
        if changesOut != nil, scenario == nil { throw ValidationError("--changes-out needs --scenario") }
        if gapsOut != nil, (needFilter == nil) == (needTable == nil || needColumn == nil) {
            throw ValidationError("--gaps-out needs either --need-filter or --need-table with --need-column")
        }
        guard needQuantile > 0, needQuantile < 1 else { throw ValidationError("--need-quantile must be between 0 and 1") }
        guard gapAccess == "coverage" || method.contains(gapAccess) else { throw ValidationError("--gap-access \(gapAccess): expected coverage or one of the --method names") }
    }

    /// `steps:250=1,500=0.6` and co. (`DistanceDecay(parsing:)`, shared with `[[offers]] decay`).
    static func parseDecay(_ text: String) throws -> DistanceDecay {
        do { return try DistanceDecay(parsing: text) } catch { throw ValidationError("--\(error.message)") }
    }

    func run() async throws {
        do {
            let decay = try Self.parseDecay(decay).validated()
            let methods = method.compactMap(AccessRun.Method.init(rawValue:))
            let inputs = [areas, persons, offers] + [network, scenario, addresses].compactMap { $0 }
            try OutputGuard.check(out, kind: "access table", inputs: inputs)
            if let changesOut { try OutputGuard.check(changesOut, kind: "scenario change table", inputs: inputs + [out]) }
            if let gapsOut { try OutputGuard.check(gapsOut, kind: "gap table", inputs: inputs + [out] + [needTable].compactMap { $0 }) }

            var timer = PhaseTimer(enabled: timings)
            // Areas and a locator for persons and offers.
            // Read once: the areas' polygons for the locator (checked as `aggregate` checks them), their
            // properties for --report-by.
            let set = try AreaSet.load(path: areas, options: AreaSet.LoadOptions(layer: layer, idColumn: id))
            let areaSet = try AggregationAreas(idColumn: set.idColumn, ids: set.areas.map(\.id), geometries: set.areas.map(\.geometry),
                                               crs: set.crs, source: areas)
            let locator = AreaLocator(areas: areaSet.geometries)
            // Reporting units: the areas, or the distinct values of --report-by (every area needs one).
            var unitIDs = areaSet.ids, unitColumn = areaSet.idColumn
            var unitOf = Array(0..<Int32(areaSet.count))
            if let reportBy {
                var index: [String: Int32] = [:]
                unitIDs = []
                for (k, a) in set.areas.enumerated() {
                    guard let value = a.properties.first(where: { $0.name == reportBy })?.value.text, !value.isEmpty else {
                        throw InputError(InputLocation(file: areas, feature: a.id, field: reportBy), found: "no value", expected: "the reporting unit of every area")
                    }
                    if index[value] == nil { index[value] = Int32(unitIDs.count); unitIDs.append(value) }
                    unitOf[k] = index[value]!
                }
                unitColumn = reportBy
            }
            let units = unitOf
            let area: @Sendable (Point) -> Int32 = { p in
                guard let a = locator.assign(x: p.x, y: p.y, code: locator.cellCode(x: p.x, y: p.y), rule: .contains).area else { return -1 }
                return units[a]
            }

            timer.lap("areas")
            // Offers (and the scenario's), then the persons with every target group they name.
            var columns = OfferColumns()
            columns.capacity = capacityColumn
            columns.targetGroup = targetColumn
            columns.defaultCapacity = defaultCapacity
            columns.defaultTargetGroup = defaultTargetGroup
            var geocode: Offer.Geocode?
            if let addresses {
                let geocoder = Geocoder(index: try AddressIndex(path: addresses, columns: HouseCoordinateColumns(street: addressesStreet, number: addressesNumber, suffix: addressesSuffix, x: "x", y: "y")))
                geocode = { street, number, suffix in
                    switch geocoder.geocode(street: street, number: number, suffix: suffix) {
                    case .matched(let match): .success(Point(x: match.x, y: match.y))
                    case .unmatched(let reason): .failure(AccessError(reason.rawValue))
                    }
                }
            }
            let inventory = try Self.readOffers(path: offers, layer: offersLayer, columns: columns, geocode: geocode, areasCRS: areaSet.crs)
            let changes = try scenario.map { try AccessRun.readScenario(path: $0, columns: columns) } ?? []
            var groups: [String] = []
            for offer in inventory where !groups.contains(offer.targetGroup) { groups.append(offer.targetGroup) }
            for case .add(let offer) in changes where !groups.contains(offer.targetGroup) { groups.append(offer.targetGroup) }
            let needs = try needWeights.map { text -> PersonPoints.NeedWeight in
                guard let eq = text.lastIndex(of: "="), let w = Double(text[text.index(after: eq)...]), w > 0 else {
                    throw ValidationError("--need-weight \(text): expected FILTER=WEIGHT with a weight > 0")
                }
                return PersonPoints.NeedWeight(filter: String(text[..<eq]).trimmingCharacters(in: .whitespaces), weight: w)
            }
            let offerGroups = groups.count
            if let needFilter, !groups.contains(needFilter) { groups.append(needFilter) }
            let people = try PersonPoints.read(path: persons, xColumn: x, yColumn: y, targetGroups: groups, needWeights: needs, threads: threads)
            timer.lap("offers and persons")
            let xs = people.x, ys = people.y
            let personArea = Self.locate(count: people.count, threads: threads) { i in area(Point(x: xs[i], y: ys[i])) }

            timer.lap("locate")
            // Distances.
            var distances = AccessRun.Distances.straightLine
            var unit = "m"
            if let network {
                var speeds: [String: Double] = [:]
                for entry in classSpeeds {
                    let kv = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    guard kv.count == 2, let kmh = Double(kv[1]) else { throw ValidationError("--class-speed \(entry): expected CLASS=KMH") }
                    speeds[kv[0]] = kmh
                }
                let spec = OfferNetworkSpec(file: network, layer: networkLayer, speed: speed, snapLimit: snapLimit, nodeTolerance: nodeTolerance,
                                            onewayField: onewayField, classField: classField, classSpeeds: speeds)
                let loaded = try spec.load(crs: areaSet.crs)
                distances = loaded.distances
                unit = "min"
                FileHandle.standardError.write(Data("access: \(loaded.summary)\n".utf8))
            }

            timer.lap("network")
            let settings = AccessRun.Settings(catchment: catchment, decay: decay, methods: methods, unit: unit, year: year, threads: threads)
            let run = try AccessRun(persons: people, personArea: personArea, areaCount: unitIDs.count, targetGroups: groups,
                                    settings: settings, distances: distances)
            timer.lap("snap")
            let base = try run.compute(offers: inventory, offerArea: inventory.map { area($0.location) })
            timer.lap("paths and methods")
            let rules = PublicationRules(minimumPopulation: minPopulation, smallCountLimit: smallCount, extremeShareMinimumDenominator: extremeShareMinimum)
            var population = [Int64](repeating: 0, count: unitIDs.count)
            for a in personArea where a >= 0 { population[Int(a)] += 1 }
            let table = AccessTable(ids: unitIDs, idColumn: unitColumn, population: population, methods: methods, rules: rules)
            try CSVWriter().write(header: table.header, rows: base.results.map(table.row), to: out)

            var report = "access: persons \(people.count + people.rejected) records: \(people.count) with coordinates (\(personArea.filter { $0 >= 0 }.count) in an area, \(personArea.filter { $0 < 0 }.count) in none), \(people.rejected) rejected\(people.rejectedExamples.isEmpty ? "" : " (" + people.rejectedExamples.joined(separator: "; ") + ")")\n"
            report += "access: offers \(inventory.count) read, \(inventory.filter { $0.inService(year) }.count) in service\(year.map { " in \($0)" } ?? ""), \(inventory.filter { area($0.location) < 0 }.count) in no area; costs in \(unit), catchment <= \(catchment) \(unit), decay \(decay)\n"
            for off in base.offNetwork {
                report += "access: offer \(off.id) (\(off.source)) is \(off.distance.map { String(format: "%.1f m", $0) } ?? "far") from the network, beyond --snap-limit \(snapLimit) m: no access to it\n"
            }
            for warning in base.warnings { report += "access: warning: \(warning)\n" }

            if let scenario {
                let changed = try run.apply(changes, to: base, area: area)
                report += "access: scenario \(scenario): \(changes.count) changes, \(changed.catchmentsComputed) catchments recomputed\n"
                if let changesOut {
                    try CSVWriter().write(header: table.changeHeader, rows: table.changeRows(base: base.results, scenario: changed.results), to: changesOut)
                }
                for off in changed.offNetwork.dropFirst(base.offNetwork.count) {
                    report += "access: scenario offer \(off.id) is \(off.distance.map { String(format: "%.1f m", $0) } ?? "far") from the network, beyond --snap-limit: no access to it\n"
                }
            }
            if let internalDetail {
                try writeDetail(to: internalDetail, outcome: base, people: people, personArea: personArea, units: unitIDs, inputs: inputs + [out])
            }
            if let gapsOut {
                report += try writeGaps(to: gapsOut, base: base.results, table: table, people: people, personArea: personArea,
                                        groups: groups, offerGroups: offerGroups, units: unitIDs)
            }
            timer.lap("write")
            FileHandle.standardError.write(Data(report.utf8))
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }

    /// The gap table: per type, the published rows with a need and an access value, ranked (AccessGaps).
    func writeGaps(to path: String, base: [AccessRun.AreaResult], table: AccessTable, people: PersonPoints, personArea: [Int32],
                   groups: [String], offerGroups: Int, units: [String]) throws -> String {
        // Need per unit: a filter's share of the persons (a count over a count, checked by the rules), or a table.
        var need = [Double?](repeating: nil, count: units.count)
        if let needFilter, let g = groups.firstIndex(of: needFilter) {
            var count = [Int64](repeating: 0, count: units.count)
            for i in 0..<people.count where personArea[i] >= 0 && people.groups[i] & (1 << UInt64(g)) != 0 { count[Int(personArea[i])] += 1 }
            for u in 0..<units.count where table.population[u] > 0 && table.rules.suppression(population: table.population[u], numerator: count[u], denominator: table.population[u]) == nil {
                need[u] = Double(count[u]) / Double(table.population[u]) * 100
            }
        } else if let needTable, let needColumn {
            var options = TableOptions()
            options.textColumns = [needID]
            let t = try Table.read(path: needTable, options: options)
            let idc = try t.columnIndex(needID), vc = try t.columnIndex(needColumn)
            let index = Dictionary(units.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for row in 0..<t.rowCount {
                guard let id = t.text(row: row, column: idc), let u = index[id] else { continue }
                need[u] = try t.number(row: row, column: vc)
            }
        }
        let methodIndex = table.methods.firstIndex { $0.rawValue == gapAccess }
        var rows: [[CSVWriter.Value]] = []
        var text = ""
        var types: [String] = []
        for r in base where !types.contains(r.type) { types.append(r.type) }
        for type in types {
            let areas = base.filter { $0.type == type }.map { r -> AccessGaps.Area in
                let published = table.rule(r) == nil && r.targetGroup > 0
                let access: Double? = !published ? nil
                    : methodIndex.map { r.methodSums[$0] / r.weightedTargetGroup * 1000 } ?? Double(r.accessible) / Double(r.targetGroup) * 100
                return AccessGaps.Area(id: units[r.area], need: published ? need[r.area] : nil, access: access,
                                       targetGroup: r.targetGroup, withoutAccess: r.targetGroup - r.accessible)
            }
            let gaps = AccessGaps(areas: areas, needQuantile: needQuantile)
            for (k, gap) in gaps.gaps.enumerated() {
                rows.append([.integer(Int64(k + 1)), .text(gap.id), .text(type), .number(gap.need!), .number(gap.access!),
                             .integer(Int64(gap.targetGroup)), .integer(Int64(gap.withoutAccess))])
            }
            text += "access: gaps \(type): \(gaps.gaps.count) areas with need >= \(gaps.needThreshold) (quantile \(needQuantile)) and \(gapAccess) < median \(gaps.accessMedian); \(gaps.notCompared) areas not compared (suppressed or no target group); high-need areas: \(gaps.highNeedShareWithoutAccess.map { String(format: "%.1f %%", $0 * 100) } ?? "-") of the target group without an offer within the catchment\n"
        }
        try CSVWriter().write(header: ["rank", table.idColumn, "type", "need", gapAccess == "coverage" ? "coverage_pct" : "\(gapAccess)_per_1000", "target_group", "without_access"],
                              rows: rows, to: path)
        return text
    }

    /// Person-level detail for checks against peers (not published): which persons are in which area and
    /// target group, and every listed cost.
    func writeDetail(to folder: String, outcome: AccessRun.Outcome, people: PersonPoints, personArea: [Int32], units: [String], inputs: [String]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let personsPath = (folder as NSString).appendingPathComponent("persons.csv")
        let costsPath = (folder as NSString).appendingPathComponent("costs.csv")
        try OutputGuard.check(personsPath, kind: "internal detail", inputs: inputs)
        try OutputGuard.check(costsPath, kind: "internal detail", inputs: inputs)
        let types = outcome.states.map(\.type)
        var rows: [[CSVWriter.Value]] = []
        rows.reserveCapacity(people.count)
        for i in 0..<people.count {
            var row: [CSVWriter.Value] = [.integer(Int64(people.lines[i])), personArea[i] >= 0 ? .text(units[Int(personArea[i])]) : .absent(marker: ""), .number(people.weights[i])]
            for state in outcome.states { row.append(.integer(people.groups[i] & (1 << UInt64(state.group)) != 0 ? 1 : 0)) }
            rows.append(row)
        }
        try CSVWriter().write(header: ["line", "area", "weight"] + types, rows: rows, to: personsPath)
        var costs: [[CSVWriter.Value]] = []
        for state in outcome.states {
            for (j, pairs) in state.pairs.enumerated() {
                for (m, c) in pairs { costs.append([.text(state.type), .integer(Int64(people.lines[Int(state.members[Int(m)])])), .text(state.offers[j].id), .number(c)]) }
            }
        }
        try CSVWriter().write(header: ["type", "line", "offer", "cost"], rows: costs, to: costsPath)
    }
}
