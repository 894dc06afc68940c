import Foundation
import Quartier
import QuartierBase
import QuartierMonitoring
import QuartierTable

extension ProjectRegister {
    /// Reads and checks a project register against a monitoring.
    ///
    /// File layout (TOML; paths relative to the register's folder):
    ///
    ///     population = "einwohner"        # the monitoring source the target groups are counted in
    ///     age_field = "alter"             # its age field
    ///     participants = ["teilnehmende.csv"]
    ///     [groups]
    ///     kinder = { filter = "alter < 18", label = "Kinder und Jugendliche" }
    ///     [[projects]]
    ///     id = "kuemmerer_nord"  name = "…"  provider = "…"  strand = "…"
    ///     areas = ["quartier:3", "block:17"]           # level:id, any level of the monitoring
    ///     contacts = [{ street = "Am Markt 46", number = "3" }]
    ///     start = 2021  end = 2023  funding = 120000
    ///     target_groups = ["kinder"]
    ///
    /// Each problem is one `InputError` naming the register file, the line and the field: an unknown
    /// key, an unknown level or area, a contact address the geocoder does not find, overlapping
    /// periods of one project id, an unknown target group, a target-group filter that does not parse
    /// or reads a field the population register lacks.
    /// - Parameters:
    ///   - areaIDs: the ids of every level's areas (level id → ids).
    ///   - locate: geocodes a contact address (the monitoring's house coordinates).
    public init(path: String, spec: MonitoringSpec, areaIDs: [String: Set<String>],
                locate: (String, String, String) -> AddressMatch) throws {
        let document = try SpecDocument(path: path)
        let root = try SpecTable(root: document)
        try root.rejectUnknownKeys(allowed: ["population", "age_field", "participants", "groups", "projects", "columns"])
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        self.path = path
        let populationName = try root.string("population")
        self.populationSource = populationName
        guard let population = spec.sources.first(where: { $0.name == populationName && $0.holdsRecords }) else {
            let names = Array(Set(spec.sources.filter(\.holdsRecords).map(\.name))).sorted()
            throw root.error("population", found: "\"\(InputError.excerpt(populationName))\"",
                             expected: "a record source of the monitoring: \(names.joined(separator: ", "))")
        }
        let header = try CSVRecordReader(path: population.file).header
        self.ageField = try root.optionalString("age_field") ?? "alter"
        guard header.contains(ageField) else {
            throw root.error("age_field", found: "\"\(InputError.excerpt(ageField))\"", expected: InputError.expectedColumn(ageField, header: header))
        }
        self.participantFiles = try (root.optionalStrings("participants") ?? []).map {
            $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).standardizedFileURL.path
        }
        var columns = ParticipantColumns()
        if let table = try root.optionalTable("columns") {
            let keys = ["project", "period", "key", "street", "number", "suffix", "area_id", "birth_year", "age"]
            try table.rejectUnknownKeys(allowed: Set(keys))
            columns.project = try table.optionalString("project") ?? columns.project
            columns.period = try table.optionalString("period") ?? columns.period
            columns.key = try table.optionalString("key") ?? columns.key
            columns.street = try table.optionalString("street") ?? columns.street
            columns.number = try table.optionalString("number") ?? columns.number
            columns.suffix = try table.optionalString("suffix") ?? columns.suffix
            columns.areaID = try table.optionalString("area_id") ?? columns.areaID
            columns.birthYear = try table.optionalString("birth_year") ?? columns.birthYear
            columns.age = try table.optionalString("age") ?? columns.age
        }
        self.columns = columns

        // Target groups: filters compiled against the register's header (an unknown field fails here).
        var groups: [TargetGroup] = []
        for (name, value) in try root.optionalTable("groups")?.values.sorted(by: { $0.key < $1.key }) ?? [] {
            let groupsTable = try root.table("groups")
            guard MonitoringSpec.isValidIdentifier(name) else {
                throw groupsTable.error(name, found: "the group name \"\(InputError.excerpt(name))\"",
                                        expected: "letters, digits, _ and -, starting with a letter or _")
            }
            let filter: String, label: String
            switch value {
            case .string(let text): filter = text; label = name
            case .table:
                let table = try groupsTable.table(name)
                try table.rejectUnknownKeys(allowed: ["filter", "label"])
                filter = try table.string("filter")
                label = try table.optionalString("label") ?? name
            default:
                throw groupsTable.error(name, found: value.shortDescription, expected: "a filter text or { filter = \"…\", label = \"…\" }")
            }
            let compiled: CompiledFilter
            do {
                compiled = try CompiledFilter(parsing: filter, header: header)
            } catch {
                throw groupsTable.error(name, found: "\(error)",
                                        expected: "a filter over the fields of \(URL(fileURLWithPath: population.file).lastPathComponent): \(header.joined(separator: ", "))")
            }
            groups.append(TargetGroup(name: name, label: label, filter: filter, fields: compiled.columns.map { header[$0] },
                                      line: document.line(of: groupsTable.path.appending(name))))
        }
        self.groups = groups

        var projects: [Project] = []
        for table in try root.arrayOfTables("projects") {
            try table.rejectUnknownKeys(allowed: ["id", "name", "provider", "strand", "areas", "contacts", "start", "end",
                                                  "funding", "target_groups"])
            let id = try table.string("id")
            guard MonitoringSpec.isValidIdentifier(id) else {
                throw table.error("id", found: "\"\(InputError.excerpt(id))\"", expected: "letters, digits, _ and -, starting with a letter or _, at most 63 characters")
            }
            let start = try table.int("start"), end = try table.int("end")
            guard start <= end else { throw table.error("end", found: "\(end), before start \(start)", expected: "a year from start on") }
            for other in projects where other.id == id && other.start <= end && start <= other.end {
                throw table.error("start", found: "\(start)–\(end) overlapping the period \(other.start)–\(other.end) of project \(id) (line \(other.line.map(String.init) ?? "?"))",
                                  expected: "periods of one project that do not overlap")
            }
            var served: [AreaReference] = []
            for (k, text) in (try table.optionalStrings("areas") ?? []).enumerated() {
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                let at = { (found: String, expected: String) in
                    document.error(at: table.path.appending("areas").appending(index: k), found: found, expected: expected)
                }
                guard parts.count == 2 else { throw at("\"\(InputError.excerpt(text))\"", "level:id, e.g. \(spec.levels.last!.id):1") }
                guard let ids = areaIDs[parts[0]] else {
                    throw at("the level \"\(InputError.excerpt(parts[0]))\"", "one of the levels \(spec.levels.map(\.id).joined(separator: ", "))")
                }
                guard ids.contains(parts[1]) else {
                    throw at("the area \"\(InputError.excerpt(parts[1]))\", which is not an area of level \(parts[0])", "an area id of level \(parts[0])")
                }
                served.append(AreaReference(level: parts[0], id: parts[1]))
            }
            guard !served.isEmpty else { throw table.error("areas", found: "no served areas", expected: "areas = [\"level:id\", …]") }
            var contacts: [ContactPoint] = []
            if case .array(let items)? = table.values["contacts"] {
                for k in items.indices {
                    let itemPath = table.path.appending("contacts").appending(index: k)
                    guard case .table(let values) = items[k] else {
                        throw document.error(at: itemPath, found: items[k].typeName, expected: "{ street = \"…\", number = \"…\" }")
                    }
                    let contact = SpecTable(document: document, path: itemPath, values: values)
                    try contact.rejectUnknownKeys(allowed: ["street", "number", "suffix"])
                    let street = try contact.string("street"), number = try contact.string("number")
                    let suffix = try contact.optionalString("suffix") ?? ""
                    switch locate(street, number, suffix) {
                    case .located(let x, let y, let method):
                        contacts.append(ContactPoint(street: street, number: number, suffix: suffix, x: x, y: y, method: method))
                    case .unmatched(let reason):
                        throw contact.error("street", found: "the address \(InputError.excerpt("\(street) \(number)\(suffix)")), which the house coordinates do not hold (\(reason))",
                                            expected: "an address of the house-coordinate table")
                    }
                }
            } else if table.contains("contacts") {
                throw table.error("contacts", found: table.values["contacts"]!.shortDescription, expected: "a list of { street, number, suffix }")
            }
            let targets = try table.optionalStrings("target_groups") ?? []
            guard !targets.isEmpty else { throw table.error("target_groups", found: "no target group", expected: "target_groups = [\"GROUP\", …]") }
            for (k, name) in targets.enumerated() where !groups.contains(where: { $0.name == name }) {
                throw document.error(at: table.path.appending("target_groups").appending(index: k), found: "\"\(InputError.excerpt(name))\"",
                                     expected: "one of the [groups]: \(groups.map(\.name).joined(separator: ", "))")
            }
            projects.append(Project(
                id: id, name: try table.optionalString("name") ?? id, provider: try table.optionalString("provider") ?? "",
                strand: try table.optionalString("strand") ?? "", servedAreas: served, contacts: contacts, start: start, end: end,
                funding: try table.optionalDouble("funding") ?? 0, targetGroups: targets, line: document.line(of: table.path)))
        }
        guard !projects.isEmpty else { throw root.error("projects", found: "no [[projects]]", expected: "at least one project") }
        self.projects = projects
    }
}
