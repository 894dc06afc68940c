import Foundation
import Quartier
import QuartierAccess
import QuartierBase
import QuartierGeometry
import QuartierTable

/// One offer inventory of a monitoring (`[[offers]]`): its offers, the persons source whose records
/// are the target groups, and the catchment. Each run counts, per year (the offers in service that
/// year) and lowest-level area, per offer type: the target group, the target group with an offer
/// within the catchment, and the places in the area — counts like every other term, rolled up the
/// hierarchy by summing, with two indicators per type derived from the summed counts:
/// `<name>_<type>_coverage` (percent of the target group within reach) and `<name>_<type>_places`
/// (places per 1,000 of the target group; CoSI's "Versorgungsgrad"). Both pass the monitoring's
/// publication gate (`PublishedResults`) like any rate.
///
/// ```toml
/// [[offers]]
/// name = "kitas"                  # prefixes the count terms and indicator ids
/// file = "kitas.gpkg"             # CSV with x/y, GeoPackage point layer or GeoJSON
/// layer = "kitas"                 # the GeoPackage layer (optional)
/// source = "einwohner"            # the persons source (records at coordinates) the target groups filter
/// catchment = 500                 # metres, straight line; an offer's own catchment column overrides it
/// target_group = "alter < 6"      # for offers without their own target group (else refused)
/// ```
/// Column keys (defaults in brackets): `id_column` [id], `name_column` [name], `type_column` [type],
/// `capacity_column` [capacity], `target_group_column` [target_group], `opened_column` [opened],
/// `closed_column` [closed], `catchment_column` [catchment], `x` [x], `y` [y]; `default_capacity`.
/// Coverage follows the standalone `quartier access` (a person is covered when an offer of the type
/// with capacity > 0 is within the offer's catchment, cost <= catchment).
///
/// Network distances (`network = "streets.gpkg"`, with `network_layer`, `speed` km/h [4.8],
/// `snap_limit` m [250], `node_tolerance` m [0.5], `oneway_field`, `class_field`, `class_speeds =
/// { footway = 4.8 }`): costs become minutes along the network (`OfferNetworkSpec`, the loader of
/// `quartier access --network`), and `catchment` is in minutes.
///
/// Floating-catchment scores (`methods` [["2sfca", "sa"]], `decay` ["none"]; `steps:5=1,10=0.6` gives
/// E2SFCA): per area the sum of the persons' scores over the area's target group, times 1,000
/// (`<name>_<type>_<method>`, places per 1,000 of the target group). They are not counts: a score row is
/// published only where the same area's coverage row (`_coverage`: the target group as denominator)
/// passes the publication gate (`PublishedResults`, dependent rule).
///
/// Gaps (`need` = an indicator id or "index"; `gap_access` ["coverage" or a method]; `need_quantile`
/// [0.75]; `gap_level` [the index's level, else the lowest]): see `AccessGapTable`. Scenarios (`scenario`
/// = a scenario CSV as `quartier access --scenario` reads): per year the changes of offers in service
/// that year applied to the base (`AccessRun.apply`), entered as count terms `<type>/within_scenario`,
/// `<type>/places_scenario` and score sums beside the base's, giving the indicators
/// `<name>_<type>_coverage_scenario` and `<name>_<type>_<method>_scenario` through the same gate.
public struct OfferSourceSpec: Sendable, Hashable {
    public var name: String
    public var file: String
    public var layer: String?
    /// The persons source (a `[[sources]]` name) whose records form the target groups.
    public var source: String
    /// Metres (straight line) or minutes (`network`), for offers without their own.
    public var catchment: Double
    public var offers: [Offer]
    /// Costs along this network (minutes) instead of straight-line metres.
    public var network: OfferNetworkSpec? = nil
    public var methods: [AccessRun.Method] = [.twoStep, .spatialAvailability]
    public var decay: DistanceDecay = .none
    /// The text of `decay`, for labels and the step hash.
    public var decayText: String = "none"
    /// A what-if scenario file and its changes.
    public var scenario: String? = nil
    public var scenarioChanges: [AccessRun.ScenarioChange] = []
    /// The gaps' need (an indicator id or "index"), access ("coverage" or a method), quantile and level.
    public var need: String? = nil
    public var gapAccess: String = "coverage"
    public var needQuantile: Double = 0.75
    public var gapLevel: String? = nil
    /// The unit of costs and catchments.
    public var unit: String { network == nil ? "m" : "min" }
    /// Offer types in inventory order, each with its one target group.
    public var types: [(type: String, targetGroup: String)] {
        var seen: [String] = []
        var result: [(String, String)] = []
        for offer in offers where !seen.contains(offer.type) { seen.append(offer.type); result.append((offer.type, offer.targetGroup)) }
        return result
    }
    public var line: Int?

    /// The count key of a term of `type`: `kitas/kita/target`, `.../within`, `.../places`.
    public func countKey(type: String, _ term: String) -> String { "\(name)/\(type)/\(term)" }

    /// The indicator id of a floating-catchment score.
    public func scoreIndicator(type: String, _ method: AccessRun.Method) -> String { "\(name)_\(type)_\(method.rawValue)" }

    /// The indicator ids of a type with their kind (`coverage`, `places`, a method, and with a scenario
    /// `coverage_scenario` and `<method>_scenario`), in spec order.
    public func indicatorIDs(type: String) -> [(id: String, kind: String)] {
        var kinds = ["coverage", "places"] + methods.map(\.rawValue)
        if scenario != nil { kinds += ["coverage_scenario"] + methods.map { $0.rawValue + "_scenario" } }
        return kinds.map { ("\(name)_\(type)_\($0)", $0) }
    }

    /// "600 m", "10 min".
    public var catchmentText: String {
        "\(catchment == catchment.rounded() ? String(Int64(catchment)) : String(catchment)) \(unit)"
    }

    /// The terms each type has, in store order.
    public static let terms = ["target", "within", "places"]
}

extension MonitoringSpec {
    /// Reads `[[offers]]` (see `OfferSourceSpec`), each error naming the spec's line and key, or the
    /// offer file's line (or feature) and field: the file is read here, so a run never starts on a bad
    /// inventory. Checked: the name is an identifier not used by a source; the persons source exists,
    /// holds records at coordinates (one file per year) in the working CRS; the catchment is > 0;
    /// every offer passes `Offer`'s rules; capacities are whole numbers (they are counted); offers of
    /// one type share one target group, which names fields of the persons file; the indicator ids
    /// (`<name>_<type>_coverage`) are identifiers not used by another indicator.
    static func offerSources(_ tables: [SpecTable], sources: [RecordSourceSpec], indicators: [IndicatorSpec], workingCRS: CRS,
                             resolve: (String) -> String, headers: inout SourceHeaders) throws -> [OfferSourceSpec] {
        var result: [OfferSourceSpec] = []
        var indicatorIDs = Set(indicators.map(\.id))
        for table in tables {
            try table.rejectUnknownKeys(allowed: ["name", "file", "layer", "source", "catchment", "target_group", "default_capacity",
                                                  "id_column", "name_column", "type_column", "capacity_column", "target_group_column",
                                                  "opened_column", "closed_column", "catchment_column", "x", "y",
                                                  "network", "network_layer", "speed", "snap_limit", "node_tolerance", "oneway_field",
                                                  "class_field", "class_speeds", "methods", "decay", "scenario",
                                                  "need", "gap_access", "need_quantile", "gap_level"])
            let name = try table.string("name")
            guard isValidIdentifier(name) else { throw table.error("name", found: "\"\(InputError.excerpt(name))\"", expected: identifierRule) }
            guard !result.contains(where: { $0.name == name }), !sources.contains(where: { $0.name == name }) else {
                throw table.error("name", found: "\"\(name)\", the name of another source or offer inventory", expected: "a name of its own")
            }
            let file = resolve(try table.string("file"))
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw table.error("file", found: "no readable file \(file)", expected: "an offer inventory (CSV, GeoPackage or GeoJSON)")
            }
            let sourceName = try table.string("source")
            let persons = sources.filter { $0.name == sourceName }
            guard let first = persons.first else {
                throw table.error("source", found: "source \"\(sourceName)\", which the spec does not have",
                                  expected: "one of the sources \(Set(sources.map(\.name)).sorted().joined(separator: ", "))")
            }
            guard case .persons(let personsFile, _, _, let crs) = first.kind, persons.allSatisfy({ $0.yearSelector == nil }) else {
                throw table.error("source", found: "source \"\(sourceName)\", which is not a file of records at coordinates per year",
                                  expected: "a source of person records with x and y, one file per year")
            }
            if let crs, crs != workingCRS {
                throw table.error("source", found: "source \"\(sourceName)\" in \(crs.definition.prefix(40))", expected: "persons in the working CRS \(workingCRS.definition.prefix(40))")
            }
            let catchment = try table.double("catchment")
            let network = try offerNetwork(table, resolve: resolve)
            guard catchment > 0, catchment.isFinite else {
                throw table.error("catchment", found: "\(catchment)", expected: network == nil ? "a catchment > 0 (metres)" : "a catchment > 0 (minutes along the network)")
            }
            var methods: [AccessRun.Method] = [.twoStep, .spatialAvailability]
            if let names = try table.optionalStrings("methods") {
                methods = []
                for text in names {
                    guard let method = AccessRun.Method(rawValue: text), !methods.contains(method) else {
                        throw table.error("methods", found: "\"\(InputError.excerpt(text))\"", expected: "distinct methods of 2sfca, 3sfca, bfca, sa")
                    }
                    methods.append(method)
                }
            }
            let decayText = try table.optionalString("decay") ?? "none"
            let decay: DistanceDecay
            do { decay = try DistanceDecay(parsing: decayText) } catch { throw table.error("decay", found: "\"\(InputError.excerpt(decayText))\"", expected: error.message) }
            let gapAccess = try table.optionalString("gap_access") ?? "coverage"
            guard gapAccess == "coverage" || methods.contains(where: { $0.rawValue == gapAccess }) else {
                throw table.error("gap_access", found: "\"\(InputError.excerpt(gapAccess))\"", expected: "coverage or one of the methods \(methods.map(\.rawValue).joined(separator: ", "))")
            }
            let needQuantile = try table.optionalDouble("need_quantile") ?? 0.75
            guard needQuantile > 0, needQuantile < 1 else { throw table.error("need_quantile", found: "\(needQuantile)", expected: "a quantile between 0 and 1") }
            var columns = OfferColumns()
            columns.id = try table.optionalString("id_column") ?? columns.id
            columns.name = try table.optionalString("name_column") ?? columns.name
            columns.type = try table.optionalString("type_column") ?? columns.type
            columns.capacity = try table.optionalString("capacity_column") ?? columns.capacity
            columns.targetGroup = try table.optionalString("target_group_column") ?? columns.targetGroup
            columns.opened = try table.optionalString("opened_column") ?? columns.opened
            columns.closed = try table.optionalString("closed_column") ?? columns.closed
            columns.catchment = try table.optionalString("catchment_column") ?? columns.catchment
            columns.x = try table.optionalString("x") ?? columns.x
            columns.y = try table.optionalString("y") ?? columns.y
            columns.defaultTargetGroup = try table.optionalString("target_group")
            columns.defaultCapacity = try table.optionalDouble("default_capacity")
            let layer = try table.optionalString("layer")
            let offers = try OfferInventory.read(path: file, layer: layer, columns: columns, crs: workingCRS)
            // The persons' header, for the target groups' fields (every year's file: each must have them).
            var typeGroup: [String: Offer] = [:]
            for offer in offers {
                guard offer.capacity == offer.capacity.rounded(), offer.capacity < 1e15 else {
                    throw InputError(InputLocation(file: offer.source, field: columns.capacity), found: "capacity \(offer.capacity) of offer \"\(InputError.excerpt(offer.id))\"",
                                     expected: "a whole number of places (a monitoring counts them)")
                }
                if let other = typeGroup[offer.type] {
                    guard other.targetGroup == offer.targetGroup else {
                        throw InputError(InputLocation(file: offer.source, field: columns.targetGroup),
                                         found: "target group \"\(InputError.excerpt(offer.targetGroup))\" for type \(offer.type)",
                                         expected: "\"\(InputError.excerpt(other.targetGroup))\" as offer \(other.id) (\(other.source)): one target group per type")
                    }
                    continue
                }
                typeGroup[offer.type] = offer
                for id in (["coverage", "places", "coverage_scenario"] + methods.flatMap { [$0.rawValue, $0.rawValue + "_scenario"] }).map({ "\(name)_\(offer.type)_\($0)" }) {
                    guard isValidIdentifier(id), !indicatorIDs.contains(id) else {
                        throw InputError(InputLocation(file: offer.source, field: columns.type), found: "type \"\(InputError.excerpt(offer.type))\", giving the indicator id \"\(InputError.excerpt(id))\"",
                                         expected: "a type that makes an indicator id of its own (\(identifierRule))")
                    }
                    indicatorIDs.insert(id)
                }
                for source in persons {
                    let header = try headers.header(of: source.file, table: table, key: "source", reading: source.reading)
                    do { _ = try CompiledFilter(parsing: offer.targetGroup, header: header) } catch {
                        throw table.error("source", found: "the target group \"\(InputError.excerpt(offer.targetGroup))\" of offer \(offer.id) (\(offer.source)): \((error as? FilterError)?.message ?? "\(error)")",
                                          expected: "a filter over the fields of \(URL(fileURLWithPath: source.file).lastPathComponent): \(header.joined(separator: ", "))")
                    }
                }
            }
            _ = personsFile
            var scenario: String?
            var changes: [AccessRun.ScenarioChange] = []
            if let path = try table.optionalString("scenario") {
                let resolved = resolve(path)
                guard FileManager.default.isReadableFile(atPath: resolved) else {
                    throw table.error("scenario", found: "no readable file \(resolved)", expected: "a scenario CSV (action add/remove/move/resize and offer columns)")
                }
                changes = try AccessRun.readScenario(path: resolved, columns: columns)
                for case .add(let offer) in changes {
                    guard let group = typeGroup[offer.type]?.targetGroup, group == offer.targetGroup else {
                        throw InputError(InputLocation(file: offer.source, field: columns.type), found: "offer \(offer.id) of type \"\(InputError.excerpt(offer.type))\" with target group \"\(InputError.excerpt(offer.targetGroup))\"",
                                         expected: "a type of the inventory \(URL(fileURLWithPath: file).lastPathComponent) with its target group (the scenario is compared per type)")
                    }
                }
                scenario = resolved
            }
            var spec = OfferSourceSpec(name: name, file: file, layer: layer, source: sourceName, catchment: catchment, offers: offers,
                                       line: table.document.line(of: table.path))
            spec.network = network
            spec.methods = methods
            spec.decay = decay
            spec.decayText = decayText
            spec.scenario = scenario
            spec.scenarioChanges = changes
            spec.need = try table.optionalString("need")
            spec.gapAccess = gapAccess
            spec.needQuantile = needQuantile
            spec.gapLevel = try table.optionalString("gap_level")
            result.append(spec)
        }
        return result
    }

    /// The indicators of each type of each inventory, after the spec's own: coverage, places, one per
    /// method; with a scenario the scenario's coverage and methods beside them (`_scenario`).
    static func accessIndicators(_ offers: [OfferSourceSpec]) -> [IndicatorSpec] {
        offers.flatMap { inventory in
            inventory.types.flatMap { type, group in
                inventory.indicatorIDs(type: type).map { id, kind in
                    let scenario = kind.hasSuffix("_scenario") ? " — scenario \(URL(fileURLWithPath: inventory.scenario ?? "").lastPathComponent)" : ""
                    switch kind {
                    case "coverage", "coverage_scenario":
                        return IndicatorSpec(id: id, label: "\(type): target group (\(group)) with an offer within \(inventory.catchmentText), %\(scenario) (\(inventory.name))",
                                             definition: .rate(numerator: .column("\(type)/\(kind == "coverage" ? "within" : "within_scenario")"), denominator: .column("\(type)/target")),
                                             scale: .percent, numeratorSource: inventory.name, denominatorSource: inventory.name, direction: -1, line: inventory.line)
                    case "places":
                        return IndicatorSpec(id: id, label: "\(type): places per 1,000 of the target group (\(group)) (\(inventory.name))",
                                             definition: .rate(numerator: .column("\(type)/places"), denominator: .column("\(type)/target")), scale: .per1000,
                                             numeratorSource: inventory.name, denominatorSource: inventory.name, direction: -1, line: inventory.line)
                    default:
                        let method = AccessRun.Method(rawValue: String(kind.prefix { $0 != "_" }))!
                        return IndicatorSpec(id: id, label: "\(type): \(method.label(decay: inventory.decay)), places per 1,000 of the target group (\(group)), catchment \(inventory.catchmentText)\(scenario) (\(inventory.name))",
                                             definition: .published(column: inventory.countKey(type: type, kind)), scale: .per1000,
                                             numeratorSource: inventory.name, denominatorSource: inventory.name, direction: -1, line: inventory.line)
                    }
                }
            }
        }
    }

    /// The access inventory and type of a floating-catchment score indicator, and the id of the coverage
    /// indicator whose publication it follows; nil for any other indicator.
    public func accessScore(of indicator: String) -> (inventory: OfferSourceSpec, type: String, method: AccessRun.Method, coverage: String)? {
        for inventory in offers {
            for (type, _) in inventory.types {
                for (id, kind) in inventory.indicatorIDs(type: type) where id == indicator {
                    guard let method = AccessRun.Method(rawValue: String(kind.prefix { $0 != "_" })) else { return nil }
                    return (inventory, type, method, "\(inventory.name)_\(type)_coverage\(kind.hasSuffix("_scenario") ? "_scenario" : "")")
                }
            }
        }
        return nil
    }

    /// Whether a count term is public (the places of an offer inventory: capacities published by the
    /// providers), so that the publication gate protects the person counts beside it, not it.
    func isPublicCount(_ term: String) -> Bool {
        offers.contains { inventory in inventory.types.contains { term == inventory.countKey(type: $0.type, "places") || term == inventory.countKey(type: $0.type, "places_scenario") } }
    }

    /// The count keys of an access indicator in `year` (nil: that year has no persons for it); `.none`
    /// when `indicator` is not one of an `[[offers]]` inventory.
    func accessCountKeys(of indicator: IndicatorSpec, year: Int) -> (numerator: String, denominator: String)?? {
        guard let inventory = offers.first(where: { $0.name == indicator.numeratorSource }),
              case .rate(.column(let numerator), .column(let denominator)) = indicator.definition else { return .none }
        guard source(named: inventory.source, in: year) != nil else { return .some(nil) }
        return .some(("\(inventory.name)/\(numerator)", "\(inventory.name)/\(denominator)"))
    }
}

extension MonitoringSpec {
    /// `network = …` and its keys of an `[[offers]]` table (nil without `network`); a key of the network
    /// without `network`, a speed or limit out of range: one error naming the spec's line and key.
    static func offerNetwork(_ table: SpecTable, resolve: (String) -> String) throws -> OfferNetworkSpec? {
        let keys = ["network_layer", "speed", "snap_limit", "node_tolerance", "oneway_field", "class_field", "class_speeds"]
        guard let path = try table.optionalString("network") else {
            if let key = keys.first(where: table.contains) { throw table.error(key, found: "\(key) without network", expected: "network = \"<line layer>\" beside it") }
            return nil
        }
        let file = resolve(path)
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw table.error("network", found: "no readable file \(file)", expected: "a road/path line layer (GeoPackage, GeoJSON or Shapefile)")
        }
        var network = OfferNetworkSpec(file: file, layer: try table.optionalString("network_layer"))
        for (key, value, rule) in [("speed", try table.optionalDouble("speed"), "a speed > 0 km/h"),
                                   ("snap_limit", try table.optionalDouble("snap_limit"), "a limit >= 0 m"),
                                   ("node_tolerance", try table.optionalDouble("node_tolerance"), "a tolerance >= 0 m")] {
            guard let value else { continue }
            guard value.isFinite, key == "speed" ? value > 0 : value >= 0 else { throw table.error(key, found: "\(value)", expected: rule) }
            switch key {
            case "speed": network.speed = value
            case "snap_limit": network.snapLimit = value
            default: network.nodeTolerance = value
            }
        }
        network.onewayField = try table.optionalString("oneway_field")
        network.classField = try table.optionalString("class_field")
        if let speeds = try table.optionalTable("class_speeds") {
            for key in speeds.values.keys.sorted() {
                let kmh = try speeds.double(key)
                guard kmh > 0, kmh.isFinite else { throw speeds.error(key, found: "\(kmh)", expected: "a class speed > 0 km/h") }
                network.classSpeeds[key] = kmh
            }
        }
        return network
    }
}

extension MonitoringSpec {
    /// Checks `need` and `gap_level` of each `[[offers]]` table once the indicators and the index are
    /// known: the need is an indicator id (not one of the inventory's own) or "index" with an `[index]`;
    /// the gap level is a level (with the index: the index's level).
    static func checkAccessGaps(_ offers: [OfferSourceSpec], tables: [SpecTable], indicators: [IndicatorSpec], levels: [AreaLevelSpec],
                                index: MonitoringIndexSpec?) throws {
        for (inventory, table) in zip(offers, tables) {
            if let level = inventory.gapLevel {
                guard levels.contains(where: { $0.id == level }) else {
                    throw table.error("gap_level", found: "\"\(InputError.excerpt(level))\"", expected: "one of the levels \(levels.map(\.id).joined(separator: ", "))")
                }
            }
            guard let need = inventory.need else {
                if table.contains("gap_level") || table.contains("gap_access") || table.contains("need_quantile") {
                    throw table.error("need", found: "gap keys without need", expected: "need = \"<indicator id>\" or \"index\" beside them")
                }
                continue
            }
            if need == "index" {
                guard let index else { throw table.error("need", found: "\"index\" without an [index] section", expected: "an [index], or need = \"<indicator id>\"") }
                if let level = inventory.gapLevel, level != index.level {
                    throw table.error("gap_level", found: "\"\(level)\"", expected: "the index's level \(index.level) (need = \"index\")")
                }
            } else {
                guard indicators.contains(where: { $0.id == need }), !need.hasPrefix(inventory.name + "_") else {
                    throw table.error("need", found: "\"\(InputError.excerpt(need))\"", expected: "\"index\" or one of the indicators \(indicators.map(\.id).filter { !$0.hasPrefix(inventory.name + "_") }.joined(separator: ", "))")
                }
            }
        }
    }
}
