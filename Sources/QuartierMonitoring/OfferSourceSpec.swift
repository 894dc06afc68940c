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
public struct OfferSourceSpec: Sendable, Hashable {
    public var name: String
    public var file: String
    public var layer: String?
    /// The persons source (a `[[sources]]` name) whose records form the target groups.
    public var source: String
    /// Metres (straight line), for offers without their own.
    public var catchment: Double
    public var offers: [Offer]
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
                                                  "opened_column", "closed_column", "catchment_column", "x", "y"])
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
            guard catchment > 0, catchment.isFinite else { throw table.error("catchment", found: "\(catchment)", expected: "a catchment > 0 (metres)") }
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
                for id in ["\(name)_\(offer.type)_coverage", "\(name)_\(offer.type)_places"] {
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
            result.append(OfferSourceSpec(name: name, file: file, layer: layer, source: sourceName, catchment: catchment, offers: offers,
                                          line: table.document.line(of: table.path)))
        }
        return result
    }

    /// The two indicators of each type of each inventory, after the spec's own.
    static func accessIndicators(_ offers: [OfferSourceSpec]) -> [IndicatorSpec] {
        offers.flatMap { inventory in
            inventory.types.flatMap { type, group in [
                IndicatorSpec(id: "\(inventory.name)_\(type)_coverage",
                              label: "\(type): target group (\(group)) with an offer within \(inventory.catchment == inventory.catchment.rounded() ? String(Int64(inventory.catchment)) : String(inventory.catchment)) m, % (\(inventory.name))",
                              definition: .rate(numerator: .column("\(type)/within"), denominator: .column("\(type)/target")), scale: .percent,
                              numeratorSource: inventory.name, denominatorSource: inventory.name, direction: -1, line: inventory.line),
                IndicatorSpec(id: "\(inventory.name)_\(type)_places",
                              label: "\(type): places per 1,000 of the target group (\(group)) (\(inventory.name))",
                              definition: .rate(numerator: .column("\(type)/places"), denominator: .column("\(type)/target")), scale: .per1000,
                              numeratorSource: inventory.name, denominatorSource: inventory.name, direction: -1, line: inventory.line),
            ] }
        }
    }

    /// Whether a count term is public (the places of an offer inventory: capacities published by the
    /// providers), so that the publication gate protects the person counts beside it, not it.
    func isPublicCount(_ term: String) -> Bool {
        offers.contains { inventory in inventory.types.contains { term == inventory.countKey(type: $0.type, "places") } }
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
