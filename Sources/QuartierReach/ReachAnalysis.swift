import Foundation
import Quartier
import QuartierBase
import QuartierMonitoring
import QuartierTable

/// Target-group reach (Zielgruppenerreichung) of a programme's projects, from a monitoring, its
/// project register and the projects' participant lists.
///
/// 1. The monitoring is brought up to date (`MonitoringRunner`): areas, counts, the index.
/// 2. The register is read and checked (`ProjectRegister`); participants are read, located with the
///    monitoring's geocoder and areas, and accounted for (`ParticipantReading`).
/// 3. A *reach monitoring* is derived from the spec: the same levels, the population source, and
///    the located participants as a source of records with a lowest-level area id; its indicators,
///    per project and target group, are counts over counts:
///    - `reichweite__P__G` (coverage): participants of P in group G living in the area / group G in
///      the register;
///    - `fokus__P__G` (focusing): participants of P in group G / all participants of P living there;
///    - `anteil__G`: group G's share of the area's population (focusing's yardstick);
///    - `programm__G`, `programm`: participants of the whole programme, each key once per period.
///    The same runner counts them per lowest area and rolls the *counts* up the hierarchy, so a
///    Stadtteil's coverage is its Quartiere's summed counts divided (never an average of rates),
///    with Wilson intervals; and the same gate (`PublishedResults`) protects them.
/// 4. Measures over the counts (`ReachAnalysis+Measures.swift`): city totals, Streuverlust, distance
///    from contact points, reach by need and the concentration index, unique cumulative reach,
///    white spots.
public struct ReachAnalysis: Sendable {
    public var spec: MonitoringSpec
    public var register: ProjectRegister
    public var reading: ParticipantReading
    /// The derived reach monitoring and its run.
    public var reachSpec: MonitoringSpec
    public var results: MonitoringResults
    public var areas: [String: AreaSet]
    /// The monitoring's index (its level and year), for reach by need.
    public var index: [IndexValue]
    public var indexLevel: String?
    /// Per project id, the lowest-level areas its phases serve.
    public var served: [String: Set<String>]
    /// Per project id and year: the lowest-level areas served in that year.
    public var servedInYear: [String: [Int: Set<String>]]

    /// The name of a project's participants source in the reach monitoring (nil: the programme's).
    public static func sourceName(project: String?) -> String { project.map { "teilnehmende_\($0)" } ?? "teilnehmende" }

    /// Runs the analysis.
    /// - Parameters:
    ///   - registerPath: the project register (default: the spec's `[reach] projects`).
    ///   - participantFiles: participant lists (default: the register's `participants`).
    ///   - folder: the output folder; the located participants (`internal/teilnehmende_verortet.csv`,
    ///     no keys) and the reach store (`reach.gpkg`) go there.
    public init(spec: MonitoringSpec, registerPath: String?, participantFiles: [String], folder: String, force: Bool = false,
                log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.spec = spec
        let monitoring = try MonitoringRunner(spec: spec, log: log).run()
        let areas = monitoring.areas
        let levels = spec.levels.map(\.id)
        let fromSpec = try spec.reach?.optionalString("projects").map { file in
            file.hasPrefix("/") ? file : URL(fileURLWithPath: spec.document.path).deletingLastPathComponent().appendingPathComponent(file).standardizedFileURL.path
        }
        guard let registerPath = registerPath ?? fromSpec else {
            throw InputError(InputLocation(file: spec.document.path, field: "reach.projects"), found: "no project register",
                             expected: "[reach] projects = \"projekte.toml\" in the spec, or --projects FILE")
        }
        if let reach = spec.reach { try reach.rejectUnknownKeys(allowed: ["projects"]) }

        // The monitoring's geocoder: the population source's house coordinates.
        var areaIDs: [String: Set<String>] = [:]
        for level in levels { areaIDs[level] = Set(areas[level]?.areas.map(\.id) ?? []) }
        let houses = spec.sources.compactMap { source -> HouseCoordinateSpec? in
            if case .addressRecords(let records) = source.kind { return records.houseCoordinates }
            return nil
        }.first
        let geocoder = try houses.map(GeocodedAddressTable.init(spec:))
        let locate: (String, String, String) -> AddressMatch = { street, number, suffix in
            geocoder?.locate(street: street, number: number, suffix: suffix) ?? .unmatched(reason: "no house coordinates in the monitoring")
        }
        let register = try ProjectRegister(path: registerPath, spec: spec, areaIDs: areaIDs, locate: locate)
        self.register = register

        // Lowest-level areas under each area of each level.
        let lowest = levels[0]
        let lowestAreas = (areas[lowest]?.areas ?? []).sorted { $0.id < $1.id }
        var ancestors: [String: [String: String]] = [:]   // lowest id → level → id
        var parentOf: [String: [String: String]] = [:]
        for level in levels.dropLast() {
            for area in areas[level]?.areas ?? [] { parentOf[level, default: [:]][area.id] = area.parentIDs.first ?? nil }
        }
        for area in lowestAreas {
            var chain = [lowest: area.id]
            var current = area.id
            for (k, level) in levels.enumerated().dropLast() {
                guard let parent = parentOf[level]?[current] else { break }
                chain[levels[k + 1]] = parent
                current = parent
            }
            ancestors[area.id] = chain
        }
        func lowestUnder(_ reference: AreaReference) -> Set<String> {
            Set(lowestAreas.map(\.id).filter { ancestors[$0]?[reference.level] == reference.id })
        }
        var served: [String: Set<String>] = [:]
        var servedInYear: [String: [Int: Set<String>]] = [:]
        for project in register.projects {
            let blocks = project.servedAreas.reduce(into: Set<String>()) { $0.formUnion(lowestUnder($1)) }
            served[project.id, default: []].formUnion(blocks)
            for year in project.start...project.end { servedInYear[project.id, default: [:]][year, default: []].formUnion(blocks) }
        }
        self.served = served
        self.servedInYear = servedInYear

        let locator = AreaLocator(areas: lowestAreas.map(\.geometry))
        let ids = lowestAreas.map(\.id)
        let files = participantFiles.isEmpty ? register.participantFiles : participantFiles
        guard !files.isEmpty else {
            throw InputError(InputLocation(file: registerPath, field: "participants"), found: "no participant list",
                             expected: "participants = [\"teilnehmende.csv\"] in the register, or --participants FILE")
        }
        let reading = try ParticipantReading(files: files, register: register, years: spec.years, lowestIDs: ids, served: served,
                                             locateAddress: locate, locatePoint: { locator.locate(x: $0, y: $1) })
        self.reading = reading
        for entry in reading.accounting { log(entry.summary) }

        // The located participants as records with an area id: one row per participant living in the city.
        let internalFolder = URL(fileURLWithPath: folder).appendingPathComponent("internal").path
        try FileManager.default.createDirectory(atPath: internalFolder, withIntermediateDirectories: true)
        let located = URL(fileURLWithPath: internalFolder).appendingPathComponent("teilnehmende_verortet.csv").path
        try OutputGuard.check(located, kind: "reach", inputs: spec.inputFiles + files + [registerPath], force: force, isOwnOutput: OutputManifest.lists)
        let projectIDs = register.projectIDs
        var header = ["jahr", "gebiet"]
        for project in projectIDs {
            header.append(Self.flag(project: project, group: nil))
            for group in register.groups { header.append(Self.flag(project: project, group: group.name)) }
        }
        header.append(Self.flag(project: nil, group: nil))
        for group in register.groups { header.append(Self.flag(project: nil, group: group.name)) }
        var rows: [[CSVWriter.Value]] = []
        for participant in reading.participants {
            guard let area = participant.area else { continue }
            var row: [CSVWriter.Value] = [.integer(Int64(participant.year)), .text(area)]
            for project in projectIDs {
                let mine = participant.project == project
                row.append(.integer(mine ? 1 : 0))
                for g in register.groups.indices { row.append(.integer(mine && participant.groups[g] ? 1 : 0)) }
            }
            row.append(.integer(participant.firstInProgramme ? 1 : 0))
            for g in register.groups.indices { row.append(.integer(participant.firstInProgramme && participant.groups[g] ? 1 : 0)) }
            rows.append(row)
        }
        try CSVWriter().write(header: header, rows: rows, to: located)
        try OutputManifest.record([located], in: internalFolder)

        // The reach monitoring: same levels, the population source, the participants; reach indicators.
        var reachSpec = spec
        reachSpec.name = spec.name + " – Zielgruppenerreichung"
        reachSpec.storePath = URL(fileURLWithPath: folder).appendingPathComponent("reach.gpkg").path
        reachSpec.dynamics = nil
        reachSpec.index = nil
        reachSpec.reach = nil
        reachSpec.namedSources = true
        let population = register.populationSource
        let registerFile = register
        var sources: [RecordSourceSpec] = []
        for year in spec.years {
            guard let register = spec.sources(of: year).first(where: { $0.name == population }) else { continue }
            sources.append(register)
            // One source per project in the years it runs (a project's indicators exist only then),
            // and the programme's.
            for project in projectIDs.map(Optional.some) + [nil] where project.map({ registerFile.phase(of: $0, in: year) != nil }) ?? true {
                // A project-year whose citywide counts of participants (all, or of a group it counts)
                // are 0 … small_count_limit publishes nothing per area: the gate cannot protect a
                // small city total (it is published), so the project-year is left out and says so.
                let mine = reading.participants.filter { participant in
                    participant.year == year && participant.area != nil && (project.map { participant.project == $0 } ?? participant.firstInProgramme)
                }
                let groupIndices = project.map { p in registerFile.groups.indices.filter { registerFile.phase(of: p, in: year)!.targetGroups.contains(registerFile.groups[$0].name) } }
                    ?? Array(registerFile.groups.indices)
                let totals = [mine.count] + groupIndices.map { g in mine.filter { $0.groups[g] }.count }
                if let small = totals.min(), small <= spec.disclosure.smallCountLimit {
                    log("reach \(year) \(project ?? "programm"): left out of the area tables (a citywide count of \(small) ≤ \(spec.disclosure.smallCountLimit))")
                    continue
                }
                sources.append(RecordSourceSpec(
                    named: Self.sourceName(project: project), year: year,
                    kind: .areaRecords(.init(file: located, idColumn: "gebiet", atLevel: lowest)),
                    selectedBy: .init(yearColumn: "jahr", isDate: false)))
            }
        }
        reachSpec.sources = sources
        var indicators: [IndicatorSpec] = []
        let p = Self.sourceName(project: nil)
        for group in register.groups {
            indicators.append(IndicatorSpec(id: "anteil__\(group.name)", label: "Anteil \(group.label) an der Bevölkerung",
                                            rate: .rate(numerator: .filter(group.filter), denominator: .all), scale: .percent,
                                            numeratorSource: population, denominatorSource: population, direction: 1))
        }
        for project in projectIDs {
            let name = register.phases(of: project)[0].name
            for groupName in Set(register.phases(of: project).flatMap(\.targetGroups)).sorted() {
                let group = register.group(named: groupName)!
                let reached = IndicatorSpec.Term.filter("\(Self.flag(project: project, group: groupName)) == 1")
                indicators.append(IndicatorSpec(id: "reichweite__\(project)__\(groupName)", label: "\(name): erreichte \(group.label) je \(group.label)",
                                                rate: .rate(numerator: reached, denominator: .filter(group.filter)), scale: .percent,
                                                numeratorSource: Self.sourceName(project: project), denominatorSource: population, direction: -1))
                indicators.append(IndicatorSpec(id: "fokus__\(project)__\(groupName)", label: "\(name): Anteil \(group.label) an den Teilnehmenden",
                                                rate: .rate(numerator: reached, denominator: .filter("\(Self.flag(project: project, group: nil)) == 1")),
                                                scale: .percent, numeratorSource: Self.sourceName(project: project),
                                                denominatorSource: Self.sourceName(project: project), direction: -1))
            }
        }
        for group in register.groups {
            indicators.append(IndicatorSpec(id: "programm__\(group.name)", label: "Programm: erreichte \(group.label) je \(group.label) (jede Person einmal)",
                                            rate: .rate(numerator: .filter("\(Self.flag(project: nil, group: group.name)) == 1"), denominator: .filter(group.filter)),
                                            scale: .percent, numeratorSource: p, denominatorSource: population, direction: -1))
        }
        indicators.append(IndicatorSpec(id: "programm", label: "Programm: Teilnehmende je Einwohner (jede Person einmal)",
                                        rate: .rate(numerator: .filter("\(Self.flag(project: nil, group: nil)) == 1"), denominator: .all),
                                        scale: .percent, numeratorSource: p, denominatorSource: population, direction: -1))
        reachSpec.indicators = indicators
        self.reachSpec = reachSpec
        let run = try MonitoringRunner(spec: reachSpec, log: log).run()
        self.results = run.results
        self.areas = run.areas
        self.index = monitoring.results.index
        self.indexLevel = spec.index?.level
    }

    /// The column of the located participants that flags project P (and group G); nil project: the programme.
    public static func flag(project: String?, group: String?) -> String {
        let base = project.map { "p_\($0)" } ?? "programm"
        return group.map { "\(base)__\($0)" } ?? base
    }

    /// The count key of a reach term in the reach monitoring's count tables.
    public func countKey(participants project: String?, group: String?) -> String {
        reachSpec.countKey(.filter("\(Self.flag(project: project, group: group)) == 1"), source: Self.sourceName(project: project))
    }

    public func countKey(population group: TargetGroup?) -> String {
        reachSpec.countKey(group.map { .filter($0.filter) } ?? .all, source: register.populationSource)
    }
}
