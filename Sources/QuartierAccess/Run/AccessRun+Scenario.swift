import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

extension AccessRun {
    /// One change of a what-if scenario.
    public enum ScenarioChange: Sendable, Hashable {
        case add(Offer)
        case remove(id: String)
        case move(id: String, to: Point)
        case resize(id: String, capacity: Double)

        var id: String {
            switch self {
            case .add(let offer): offer.id
            case .remove(let id), .move(let id, _), .resize(let id, _): id
            }
        }
    }

    /// The outcome with `changes` applied to `base`: only the catchments of added and moved offers are
    /// computed (paths or distances); every other offer keeps its pairs from the base, and the methods
    /// are rerun per touched type over the pairs (O(pairs)). `area(of:)` places a new or moved offer.
    /// Refused: a change naming an offer that is not in the base (or an added id that is), naming the change.
    public func apply(_ changes: [ScenarioChange], to base: Outcome, area: (Point) -> Int32) throws(AccessError) -> Outcome {
        var states = base.states
        var touchedTypes = Set<Int>()
        var offNetwork: [OffNetworkOffer] = []
        var warnings: [String] = []
        var computed = 0
        func locate(_ id: String) -> (Int, Int)? {
            for (s, state) in states.enumerated() { if let k = state.offers.firstIndex(where: { $0.id == id }) { return (s, k) } }
            return nil
        }
        for (n, change) in changes.enumerated() {
            let found = locate(change.id)
            switch change {
            case .add(let offer):
                guard found == nil else { throw AccessError("scenario change \(n + 1): found add of offer \(offer.id), which is in the base, expected a new id") }
                guard offer.inService(settings.year) else { warnings.append("scenario change \(n + 1): offer \(offer.id) is not in service in \(settings.year.map(String.init) ?? "-")"); continue }
                var s = states.firstIndex { $0.type == offer.type }
                if s == nil {
                    guard let group = targetGroups.firstIndex(of: offer.targetGroup) else {
                        throw AccessError("scenario change \(n + 1): offer type \(offer.type): target group \"\(offer.targetGroup)\" was not read with the persons")
                    }
                    states.append(TypeState(type: offer.type, group: group, members: members(group: group), offers: [], offerArea: [], pairs: []))
                    s = states.count - 1
                }
                guard states[s!].offers.isEmpty || states[s!].offers[0].targetGroup == offer.targetGroup else {
                    throw AccessError("scenario change \(n + 1): found target group \"\(offer.targetGroup)\" for type \(offer.type), expected \"\(states[s!].offers[0].targetGroup)\"")
                }
                let pairs = try pairs(offers: [offer], members: states[s!].members, offNetwork: &offNetwork)
                computed += 1
                states[s!].offers.append(offer)
                states[s!].offerArea.append(area(offer.location))
                states[s!].pairs.append(pairs[0])
                touchedTypes.insert(s!)
            case .remove(let id):
                guard let (s, k) = found else { throw AccessError("scenario change \(n + 1): found remove of offer \(id), expected an offer of the base") }
                states[s].offers.remove(at: k); states[s].offerArea.remove(at: k); states[s].pairs.remove(at: k)
                touchedTypes.insert(s)
            case .move(let id, let to):
                guard let (s, k) = found else { throw AccessError("scenario change \(n + 1): found move of offer \(id), expected an offer of the base") }
                states[s].offers[k].location = to
                states[s].offerArea[k] = area(to)
                states[s].pairs[k] = try pairs(offers: [states[s].offers[k]], members: states[s].members, offNetwork: &offNetwork)[0]
                computed += 1
                touchedTypes.insert(s)
            case .resize(let id, let capacity):
                guard let (s, k) = found else { throw AccessError("scenario change \(n + 1): found resize of offer \(id), expected an offer of the base") }
                guard capacity >= 0, capacity.isFinite else { throw AccessError("scenario change \(n + 1): found capacity \(capacity), expected a capacity >= 0") }
                states[s].offers[k].capacity = capacity
                touchedTypes.insert(s)
            }
        }
        var results: [AreaResult] = []
        for (s, state) in states.enumerated() {
            if touchedTypes.contains(s) {
                results += try evaluate(state)
            } else {
                results += base.results.filter { $0.type == state.type }
            }
        }
        return Outcome(results: results, states: states, offNetwork: base.offNetwork + offNetwork, warnings: warnings, catchmentsComputed: computed)
    }

    /// Reads a scenario file: a CSV with an `action` column (`add`, `remove`, `move`, `resize`) and the
    /// offer columns (`OfferColumns`); `add` lines need every column an inventory needs, `move` lines
    /// the id and coordinates, `resize` lines the id and capacity, `remove` lines the id.
    public static func readScenario(path: String, columns: OfferColumns = OfferColumns(), options: TableOptions = TableOptions()) throws -> [ScenarioChange] {
        var options = options
        options.textColumns.formUnion([columns.id, columns.name, columns.type, columns.targetGroup, "action"])
        let table = try Table.read(path: path, options: options)
        guard let action = table.header.firstIndex(of: "action"), let id = table.header.firstIndex(of: columns.id) else {
            throw InputError(InputLocation(file: path, line: 1), found: "columns \(table.header.joined(separator: ", "))", expected: "a scenario with the columns action and \(columns.id)")
        }
        // The add lines are an offer inventory of their own: read them with the inventory's rules.
        var changes: [ScenarioChange?] = []   // nil: an add line, read below
        var addLines: [Int] = []
        for row in 0..<table.rowCount {
            let verb = table.text(row: row, column: action)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let offerID = table.text(row: row, column: id)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !offerID.isEmpty else { throw InputError(table.location(row: row, column: id), found: "an empty id", expected: "the id of the offer changed") }
            func number(_ name: String) throws -> Double {
                guard let c = table.header.firstIndex(of: name), let value = try table.number(row: row, column: c), value.isFinite else {
                    throw InputError(InputLocation(file: path, line: table.lines[row], field: name), found: "no number", expected: "\(name) for a \(verb) line")
                }
                return value
            }
            switch verb {
            case "add": addLines.append(row); changes.append(nil)
            case "remove": changes.append(.remove(id: offerID))
            case "move": changes.append(.move(id: offerID, to: Point(x: try number(columns.x), y: try number(columns.y))))
            case "resize": changes.append(.resize(id: offerID, capacity: try number(columns.capacity)))
            default:
                throw InputError(table.location(row: row, column: action), found: "\"\(InputError.excerpt(verb))\"", expected: "add, remove, move or resize")
            }
        }
        if !addLines.isEmpty {
            var kept = table
            kept.cells = addLines.map { table.cells[$0] }
            kept.lines = addLines.map { table.lines[$0] }
            let offers = try Offer.read(table: kept, path: path, columns: columns)
            var next = 0
            for k in changes.indices where changes[k] == nil { changes[k] = .add(offers[next]); next += 1 }
        }
        return changes.compactMap { $0 }
    }
}
