import Foundation
import Quartier
import QuartierBase
import QuartierMethods
import QuartierMonitoring
import QuartierTable

/// A project register and participant lists for a synthetic monitoring (`quartier synth reach`),
/// coherent with its population register: every participant is a register person of that year
/// (their address, their age as birth year), with a stable pseudonymised key.
///
/// Four projects with different reach, chosen from the monitoring's index (the neediest Quartiere
/// first): a Quartierskümmerer for children (high coverage, high focusing), a family centre for
/// under-6s, a seniors' meeting point over a whole Stadtteil in two funding phases (low coverage),
/// and a youth club that mostly reaches young adults outside its target group (focusing below
/// chance). Some participants come from outside the served areas (Streuverlust), some are given by
/// block id only, some children take part in two projects (counted once in the programme). Planted
/// for the accounting: one unknown project id, one key repeated within a project and period, one
/// birth year after the period, one address the house coordinates lack.
public enum ReachDemo {
    /// Writes `projekte.toml` and `teilnehmende.csv` into the spec's folder; returns their paths.
    public static func generate(specPath: String, seed: UInt64 = 42) throws -> [String] {
        let spec = try MonitoringSpec(path: specPath)
        let run = try MonitoringRunner(spec: spec).run()
        let folder = URL(fileURLWithPath: specPath).deletingLastPathComponent()
        guard let population = spec.sources.first(where: { if case .addressRecords = $0.kind { return true } else { return false } }),
              case .addressRecords(let records) = population.kind, let selector = population.yearSelector else {
            throw InputError(InputLocation(file: specPath, field: "sources"), found: "no register at addresses with a year column",
                             expected: "a monitoring made by `quartier synth monitoring`")
        }
        let levels = spec.levels.map(\.id)
        guard levels.count >= 3, let indexLevel = spec.index?.level, indexLevel == levels[0] else {
            throw InputError(InputLocation(file: specPath, field: "index.level"), found: "another layout",
                             expected: "block → Quartier → Stadtteil with the index on blocks (as `quartier synth monitoring` writes)")
        }
        let geocoder = try GeocodedAddressTable(spec: records.houseCoordinates)
        let blocks = (run.areas[levels[0]]?.areas ?? []).sorted { $0.id < $1.id }
        let locator = AreaLocator(areas: blocks.map(\.geometry))
        let quartierOf = Dictionary(uniqueKeysWithValues: blocks.map { ($0.id, $0.parentIDs.first.flatMap { $0 } ?? "") })
        var stadtteilOf: [String: String] = [:]
        for area in run.areas[levels[1]]?.areas ?? [] { stadtteilOf[area.id] = area.parentIDs.first ?? nil }

        // Need of each Quartier: the mean status index of its blocks (for choosing only).
        let newest = run.results.index.compactMap { $0.statusIndex == nil ? nil : $0.year }.max() ?? 0
        var need: [String: (sum: Double, n: Double)] = [:]
        for value in run.results.index where value.year == newest {
            guard let index = value.statusIndex, let q = quartierOf[value.areaID] else { continue }
            need[q, default: (0, 0)].sum += index
            need[q, default: (0, 0)].n += 1
        }
        let ranked = need.keys.sorted { (need[$0]!.sum / need[$0]!.n, $1) > (need[$1]!.sum / need[$1]!.n, $0) }
        guard ranked.count >= 6 else { throw InputError(InputLocation(file: specPath), found: "\(ranked.count) Quartiere", expected: "at least 6") }
        let qA = ranked[0], qB = ranked[1], qD = ranked[3]
        let stadtteilC = stadtteilOf[ranked[ranked.count - 1]] ?? ""
        let years = spec.years
        let first = years.first!, last = years.last!

        // Register persons per year, located.
        struct Person { var id: String; var year: Int; var street: String; var number: String; var suffix: String; var age: Int; var block: String }
        var persons: [Person] = []
        let reader = try CSVRecordReader(path: population.file)
        let idColumn = try reader.columnIndex("id"), ageColumn = try reader.columnIndex("alter")
        let yearColumn = try reader.columnIndex(selector.column)
        let street = try reader.columnIndex(records.street), number = try reader.columnIndex(records.number)
        let suffix = try records.suffix.map(reader.columnIndex)
        try reader.forEachRecord { record in
            guard let year = selector.year(of: record.string(yearColumn)), let age = record.double(ageColumn) else { return }
            let s = record.string(street), n = record.string(number), x = suffix.map { record.string($0) } ?? ""
            guard case .located(let px, let py, _) = geocoder.locate(street: s, number: n, suffix: x),
                  case .interior(let index) = locator.locate(x: px, y: py) else { return }
            persons.append(Person(id: record.string(idColumn), year: year, street: s, number: n, suffix: x, age: Int(age), block: blocks[index].id))
        }

        var random = SeededGenerator(seed: seed)
        func chance(_ p: Double) -> Bool { Double(random.next() >> 11) / Double(1 << 53) < p }
        func key(_ id: String) -> String {
            var g = SeededGenerator(seed: seed ^ (UInt64(id) ?? 0) &* 0x9E37_79B9_7F4A_7C15)
            return "T" + String(g.next() & 0xFF_FFFF_FFFF, radix: 16, uppercase: true)
        }
        var rows: [[CSVWriter.Value]] = []
        var childrenInA: [Int: [Person]] = [:]
        func add(_ project: String, _ p: Person, byBlock: Bool) {
            rows.append([.text(project), .integer(Int64(p.year)), .text(key(p.id)),
                         .text(byBlock ? "" : p.street), .text(byBlock ? "" : p.number), .text(byBlock ? "" : p.suffix),
                         .text(byBlock ? p.block : ""), .integer(Int64(p.year - p.age))])
        }
        for p in persons {
            let q = quartierOf[p.block] ?? ""
            let byBlock = chance(0.05)
            // A: Quartierskümmerer for children in the neediest Quartier (from `first`).
            if p.age < 18 && ((q == qA && chance(0.35)) || (q != qA && q == qB && chance(0.04))) || (p.age >= 18 && q == qA && chance(0.01)) {
                add("kuemmerer_a", p, byBlock: byBlock)
                if p.age < 18 { childrenInA[p.year, default: []].append(p) }
            }
            // B: family centre for under-6s, from the third year.
            if p.year >= years[min(2, years.count - 1)], p.age < 6, (q == qB && chance(0.25)) || (q == qA && chance(0.05)) {
                add("familien_b", p, byBlock: byBlock)
            }
            // C: seniors' meeting point over a whole Stadtteil, two phases.
            if p.age >= 65, stadtteilOf[q] == stadtteilC, chance(0.08) { add("senioren_c", p, byBlock: byBlock) }
            // D: youth club for 12–17-year-olds that mostly reaches young adults.
            if p.year >= years[min(1, years.count - 1)], q == qD || q == qA {
                if (12..<18).contains(p.age) && chance(q == qD ? 0.2 : 0.03) || (18..<27).contains(p.age) && chance(q == qD ? 0.30 : 0.05) {
                    add("jugend_d", p, byBlock: byBlock)
                }
            }
        }
        // Planted records, each accounted as rejected or unmatched with its reason.
        if let p = childrenInA[last]?.first {
            add("kuemmerer_a", p, byBlock: false)      // key repeated within project and period
            rows.append([.text("projekt_x"), .integer(Int64(last)), .text("TX1"), .text(p.street), .text(p.number), .text(p.suffix), .text(""), .integer(Int64(last - 10))])
            rows.append([.text("kuemmerer_a"), .integer(Int64(last)), .text("TX2"), .text(p.street), .text(p.number), .text(p.suffix), .text(""), .integer(Int64(last + 7))])
            rows.append([.text("kuemmerer_a"), .integer(Int64(last)), .text("TX3"), .text("Nirgendweg"), .text("1"), .text(""), .text(""), .integer(Int64(last - 9))])
        }
        let participants = folder.appendingPathComponent("teilnehmende.csv").path
        try CSVWriter().write(header: ["projekt", "jahr", "schluessel", "strasse", "hausnummer", "zusatz", "block_id", "geburtsjahr"],
                              rows: rows, to: participants)

        func contact(in quartier: String) -> String {
            let p = persons.first { quartierOf[$0.block] == quartier }!
            return "{ street = \"\(p.street)\", number = \"\(p.number)\"\(p.suffix.isEmpty ? "" : ", suffix = \"\(p.suffix)\"") }"
        }
        let mid = first + (last - first) / 2
        let toml = """
        # Project register of the synthetic city, generated by
        #   quartier synth reach \(URL(fileURLWithPath: specPath).lastPathComponent) --seed \(seed)
        # Referenced from the monitoring spec ([reach] projects = "projekte.toml"). Served areas are
        # level:id at any level of the monitoring's hierarchy; contact points are addresses,
        # geocoded against the monitoring's house coordinates; target groups are filters over the
        # population register's fields (the one filter language), evaluated for participants with
        # their age (from the birth year).

        population = "\(population.name)"    # the monitoring source the target groups are counted in
        age_field = "alter"
        participants = ["teilnehmende.csv"]

        [groups]
        kinder = { filter = "alter < 18", label = "Kinder und Jugendliche unter 18" }
        familien = { filter = "alter < 6", label = "Kinder unter 6" }
        jugend = { filter = "alter >= 12 and alter < 18", label = "Jugendliche 12–17" }
        senioren = { filter = "alter >= 65", label = "Menschen ab 65" }

        [[projects]]
        id = "kuemmerer_a"
        name = "Quartierskümmerer Quartier \(qA)"
        provider = "Diakonie (synthetisch)"
        strand = "Quartiersarbeit"
        areas = ["\(levels[1]):\(qA)"]
        contacts = [\(contact(in: qA))]
        start = \(first)
        end = \(last)
        funding = 180000
        target_groups = ["kinder"]

        [[projects]]
        id = "familien_b"
        name = "Familienzentrum Quartier \(qB)"
        provider = "AWO (synthetisch)"
        strand = "Frühe Hilfen"
        areas = ["\(levels[1]):\(qB)"]
        contacts = [\(contact(in: qB))]
        start = \(years[min(2, years.count - 1)])
        end = \(last)
        funding = 95000
        target_groups = ["familien"]

        [[projects]]
        id = "senioren_c"
        name = "Seniorentreff Stadtteil \(stadtteilC)"
        provider = "Caritas (synthetisch)"
        strand = "Teilhabe im Alter"
        areas = ["\(levels[2]):\(stadtteilC)"]
        start = \(first)
        end = \(mid)
        funding = 40000
        target_groups = ["senioren"]

        [[projects]]
        id = "senioren_c"
        name = "Seniorentreff Stadtteil \(stadtteilC)"
        provider = "Caritas (synthetisch)"
        strand = "Teilhabe im Alter"
        areas = ["\(levels[2]):\(stadtteilC)"]
        start = \(mid + 1)
        end = \(last)
        funding = 60000
        target_groups = ["senioren"]

        [[projects]]
        id = "jugend_d"
        name = "Jugendtreff Quartier \(qD)"
        provider = "Jugendwerk (synthetisch)"
        strand = "Offene Kinder- und Jugendarbeit"
        areas = ["\(levels[1]):\(qD)"]
        contacts = [\(contact(in: qD))]
        start = \(years[min(1, years.count - 1)])
        end = \(last)
        funding = 70000
        target_groups = ["jugend"]

        """
        let register = folder.appendingPathComponent("projekte.toml").path
        try AtomicFile.write(toml, to: register)
        return [register, participants]
    }
}
