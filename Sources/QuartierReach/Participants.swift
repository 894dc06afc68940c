import Foundation
import Quartier
import QuartierBase
import QuartierMonitoring
import QuartierTable

/// One accepted participant record: a pseudonymised person in one project and period, with where
/// they live and which of the project's target groups they belong to.
public struct Participant: Sendable, Hashable {
    public var project: String
    public var year: Int
    public var key: String
    /// The lowest-level area they live in (nil: outside every area or on a boundary).
    public var area: String?
    /// Their house coordinate (nil: given by area id only).
    public var x: Double?
    public var y: Double?
    /// Membership of every register group (`ProjectRegister.groups` order).
    public var groups: [Bool]
    /// Whether they live in an area the project serves ("Streuverlust" when false).
    public var inServedArea: Bool
    /// Whether this is the key's first record of the period in the programme (counted once in programme totals).
    public var firstInProgramme: Bool
}

/// Every participant record accounted for, per project and period:
/// records = served + outside served ("Streuverlust") + outside the city + unmatched + rejected.
public struct ParticipantAccounting: Sendable, Hashable {
    public var project: String
    public var year: Int?
    public var records = 0
    /// Living in a served area.
    public var served = 0
    /// Living in an area of the city the project does not serve ("Streuverlust").
    public var outsideServed = 0
    /// Located outside every area, or on a boundary.
    public var outsideCity = 0
    /// An address the house coordinates do not hold, or an unknown area id, by reason.
    public var unmatched: [String: Int] = [:]
    /// Records refused, by reason (unknown project id, key repeated within project and period,
    /// birth year after the period, …).
    public var rejected: [String: Int] = [:]

    public var unmatchedTotal: Int { unmatched.values.reduce(0, +) }
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
    /// records = served + outsideServed + outsideCity + unmatched + rejected, always.
    public var balances: Bool { records == served + outsideServed + outsideCity + unmatchedTotal + rejectedTotal }

    public var summary: String {
        let reasons = (unmatched.merging(rejected) { $0 + $1 }).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return "participants \(year.map(String.init) ?? "-") \(project): \(records) = \(served) in served areas + \(outsideServed) outside them (Streuverlust) + \(outsideCity) outside the city + \(unmatchedTotal) unmatched + \(rejectedTotal) rejected"
            + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
    }
}

/// Reads participants files: each record checked, located (address through the monitoring's
/// geocoder and the lowest level's areas, boundary rule `contains`, or a lowest-level area id),
/// its target groups evaluated, and accounted for.
public struct ParticipantReading: Sendable {
    public var participants: [Participant] = []
    /// Per project and period; records whose project or period is unknown are under their raw values.
    public var accounting: [ParticipantAccounting] = []

    /// - Parameters:
    ///   - years: the monitoring's years (a period without a register year is rejected).
    ///   - lowestIDs: the lowest level's area ids, sorted (AreaLocator's indices).
    ///   - served: per project id, the lowest-level areas its phases serve.
    ///   - locateAddress: geocodes an address; `locateArea`: the area index of a point.
    public init(files: [String], register: ProjectRegister, years: [Int], lowestIDs: [String], served: [String: Set<String>],
                locateAddress: (String, String, String) -> AddressMatch, locatePoint: (Double, Double) -> PointLocation) throws {
        var ledger: [String: ParticipantAccounting] = [:]
        func account(_ project: String, _ year: Int?, _ change: (inout ParticipantAccounting) -> Void) {
            let key = "\(project)\u{1F}\(year.map(String.init) ?? "")"
            var entry = ledger[key] ?? ParticipantAccounting(project: project, year: year)
            entry.records += 1
            change(&entry)
            ledger[key] = entry
        }
        let knownIDs = Set(lowestIDs)
        var seen = Set<String>()
        var inProgramme = Set<String>()
        for file in files {
            let reader = try CSVRecordReader(path: file)
            let header = reader.header
            let c = register.columns
            let project = try reader.columnIndex(c.project), period = try reader.columnIndex(c.period)
            let key = try reader.columnIndex(c.key)
            let street = header.firstIndex(of: c.street), number = header.firstIndex(of: c.number)
            let suffix = header.firstIndex(of: c.suffix), areaID = header.firstIndex(of: c.areaID)
            let birthYear = header.firstIndex(of: c.birthYear), age = header.firstIndex(of: c.age)
            guard (street != nil && number != nil) || areaID != nil else {
                throw InputError(InputLocation(file: file, line: 1, field: c.street),
                                 found: "neither \(c.street) and \(c.number) nor \(c.areaID)",
                                 expected: "an address (\(c.street), \(c.number)) or a lowest-level area id (\(c.areaID)) column")
            }
            guard birthYear != nil || age != nil else {
                throw InputError(InputLocation(file: file, line: 1, field: c.birthYear), found: "neither \(c.birthYear) nor \(c.age)",
                                 expected: "a birth year or an age column")
            }
            // The groups' filters read the register's fields: the age field is computed, the others
            // must be columns of the participants file of the same name.
            var virtual = header.map { $0 == register.ageField ? "\u{1F}" : $0 }
            virtual.append(register.ageField)
            let ageSlot = virtual.count - 1
            let filters = try register.groups.map { group -> CompiledFilter in
                for field in group.fields where !virtual.contains(field) {
                    throw InputError(InputLocation(file: file, line: 1, field: field),
                                     found: "no column \(InputError.excerpt(field)), which the target group \(group.name) reads",
                                     expected: InputError.expectedColumn(field, header: header))
                }
                return try CompiledFilter(parsing: group.filter, header: virtual)
            }
            let used = Array(Set(filters.flatMap(\.columns))).filter { $0 != ageSlot }.sorted()
            var values = [Double](repeating: .nan, count: virtual.count)
            try reader.forEachRecord { record in
                let projectID = record.string(project).trimmingCharacters(in: .whitespaces)
                let periodText = record.string(period).trimmingCharacters(in: .whitespaces)
                guard let year = Int(periodText), (1000...9999).contains(year) else {
                    account(projectID, nil) { $0.rejected["period not a year", default: 0] += 1 }
                    return
                }
                guard !register.phases(of: projectID).isEmpty else {
                    account(projectID, year) { $0.rejected["unknown project id", default: 0] += 1 }
                    return
                }
                guard register.phase(of: projectID, in: year) != nil else {
                    account(projectID, year) { $0.rejected["period outside the project's funding", default: 0] += 1 }
                    return
                }
                guard years.contains(year) else {
                    account(projectID, year) { $0.rejected["period without a population register year", default: 0] += 1 }
                    return
                }
                let person = record.string(key).trimmingCharacters(in: .whitespaces)
                guard !person.isEmpty else {
                    account(projectID, year) { $0.rejected["no participant key", default: 0] += 1 }
                    return
                }
                // Age: the age column, else period − birth year; a birth year after the period is refused.
                var ageValue = Double.nan
                if let age, let value = record.double(age) { ageValue = value }
                if let birthYear, let born = record.double(birthYear) {
                    guard born <= Double(year) else {
                        account(projectID, year) { $0.rejected["birth year after the period", default: 0] += 1 }
                        return
                    }
                    if ageValue.isNaN { ageValue = Double(year) - born }
                }
                guard seen.insert("\(projectID)\u{1F}\(year)\u{1F}\(person)").inserted else {
                    account(projectID, year) { $0.rejected["key repeated within project and period", default: 0] += 1 }
                    return
                }
                // Where they live.
                var area: String?, x: Double?, y: Double?
                let streetText = street.map { record.string($0).trimmingCharacters(in: .whitespaces) } ?? ""
                if !streetText.isEmpty, let number {
                    switch locateAddress(streetText, record.string(number), suffix.map { record.string($0) } ?? "") {
                    case .unmatched(let reason):
                        account(projectID, year) { $0.unmatched[reason, default: 0] += 1 }
                        return
                    case .located(let px, let py, _):
                        x = px; y = py
                        if case .interior(let index) = locatePoint(px, py) { area = lowestIDs[index] }
                    }
                } else if let areaID, case let id = record.string(areaID).trimmingCharacters(in: .whitespaces), !id.isEmpty {
                    guard knownIDs.contains(id) else {
                        account(projectID, year) { $0.unmatched["unknown area id", default: 0] += 1 }
                        return
                    }
                    area = id
                } else {
                    account(projectID, year) { $0.rejected["no address and no area id", default: 0] += 1 }
                    return
                }
                for column in used { values[column] = record.double(column) ?? .nan }
                values[ageSlot] = ageValue
                let groups = filters.map { $0.evaluate(values) }
                let inServed = area.map { served[projectID]?.contains($0) ?? false } ?? false
                let first = area != nil && inProgramme.insert("\(year)\u{1F}\(person)").inserted
                participants.append(Participant(project: projectID, year: year, key: person, area: area, x: x, y: y, groups: groups,
                                                inServedArea: inServed, firstInProgramme: first))
                account(projectID, year) { entry in
                    if area == nil { entry.outsideCity += 1 } else if inServed { entry.served += 1 } else { entry.outsideServed += 1 }
                }
            }
        }
        accounting = ledger.values.sorted { ($0.project, $0.year ?? 0) < ($1.project, $1.year ?? 0) }
    }
}
