import QuartierMethods
import Foundation
import QuartierBase
import QuartierGeometry
import QuartierTable

extension SynthMonitoring {
    /// What `writeRegisters` wrote.
    public struct RegistersSummary: Sendable {
        public var persons: Int
        public var addresses: Int
        /// Addresses of the register left out of the house-coordinate table (their records are unmatched).
        public var addressesWithoutCoordinates: Int
        /// BA block cells masked as `*` (values 1–2), over all years and columns.
        public var maskedCells: Int
        public var pupils: Int
        public var exams: Int
    }

    /// Writes the four registers of a synthetic city over `years`, in their real shapes and
    /// coherent with each other (the same persons, households and children in all of them):
    ///
    /// - `einwohner.csv`: the population register (Einwohnermelderegister), all years in one file
    ///   with a reference-date column: `id,stichtag,strasse,hausnummer,zusatz,hh_id,alter`; no
    ///   coordinates, an address.
    /// - `hauskoordinaten.csv`: the house coordinates (`strasse,hausnummer,zusatz,x,y`, EPSG:25832);
    ///   0.5 % of the addresses are missing from it, so their records are unmatched.
    /// - `ba_sgb2_bloecke.csv`: the BA's SGB II statistics per block as such exports come: long
    ///   (`Jahr` column), `;`-separated, Windows-1252, CRLF, decimal comma:
    ///   `Jahr;Baublock-Schlüssel;Kinder u. 15 in BG;Personen u. 65 in BG;Hilfequote` — persons in
    ///   SGB II benefit communities (Bedarfsgemeinschaften) under 15 and under 65, and their share of
    ///   the under-65s in % — with values 1 and 2 masked as `*` (the BA's rule), and the share masked
    ///   where its count is.
    /// - `schueler_uebergaenge.csv`: grade-4 pupils by home block and school year with the school
    ///   type they move to (`schulform`, and `schulform_code` 1 Gymnasium, 2 Realschule,
    ///   3 Gesamtschule, 4 Hauptschule), the chance of Gymnasium lower in SGB II households.
    /// - `schuleingang.csv`: school-entry examinations (Schuleingangsuntersuchung) of the children
    ///   aged 5, by home address: `jahr,strasse,hausnummer,zusatz,uebergewicht,sprachfoerderung,
    ///   impfung_unvollstaendig,kita_jahre`, the flags likelier in SGB II households.
    ///
    /// Street names: one street per 120 m band of northing, house numbers by easting along it, a
    /// suffix `a` on every seventh. Deterministic (SeededGenerator, SplitMix64, from `seed`).
    @discardableResult
    public static func writeRegisters(city: SynthCity, persons: Int, years: ClosedRange<Int>, seed: UInt64,
                                      folder: URL) throws -> RegistersSummary {
        let streetNames = ["Ahornweg", "Birkenstraße", "Goethestraße", "Schillerplatz", "Lindenallee", "Bahnhofstraße",
                           "Am Markt", "Kirchgasse", "Mühlenweg", "Rosenstraße", "Eichendorffring", "Hauptstraße"]
        let locator = AreaLocator(areas: city.areas.map(\.geometry))
        struct Person { var id: Int; var x: Double; var y: Double; var household: Int; var age: Int; var sgb2: [Bool] }
        var people: [Person] = []
        // The persons of each year (the same persons; SGB II receipt drawn per year).
        let temporary = folder.appendingPathComponent(".persons.tmp.csv").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        for (k, year) in years.enumerated() {
            _ = try city.writePersons(count: persons, seed: seed, to: temporary, trendYear: year - years.lowerBound)
            let reader = try CSVRecordReader(path: temporary)
            let columns = try ["id", "x", "y", "hh_id", "age", "sgb2"].map(reader.columnIndex)
            var row = 0
            try reader.forEachRecord { record in
                let value = columns.map { record.double($0) ?? 0 }
                if k == 0 {
                    people.append(Person(id: Int(value[0]), x: value[1], y: value[2], household: Int(value[3]), age: Int(value[4]), sgb2: []))
                }
                people[row].sgb2.append(value[5] == 1)
                row += 1
            }
        }

        // Addresses: distinct coordinates, named by street band and easting order.
        struct Address: Hashable { var x: Double; var y: Double }
        var addressOf: [Address: (street: String, number: Int, suffix: String)] = [:]
        let distinct = Array(Set(people.map { Address(x: $0.x, y: $0.y) })).sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        var byStreet: [Int: [Address]] = [:]
        for address in distinct { byStreet[Int((address.y / 120).rounded(.down)), default: []].append(address) }
        // Make (street, number, suffix) unique: number k+1, suffix on every seventh house.
        for (band, addresses) in byStreet {
            let street = "\(streetNames[((band % streetNames.count) + streetNames.count) % streetNames.count]) \(band % 1000)"
            var number = 0
            for (k, address) in addresses.sorted(by: { $0.x < $1.x }).enumerated() {
                let suffix = k % 7 == 6 ? "a" : ""
                if suffix.isEmpty { number += 1 }
                addressOf[address] = (street, number, suffix)
            }
        }
        var rng = SeededGenerator(seed: seed ^ 0x4E67_1573_0000_0000)
        var summary = RegistersSummary(persons: persons, addresses: distinct.count, addressesWithoutCoordinates: 0,
                                       maskedCells: 0, pupils: 0, exams: 0)

        // House coordinates, as a city's table lags behind its register: one street is missing whole
        // (a new development: its records are unmatched, `unknown-street`), and 0.5 % of the other
        // houses are missing (their records are matched to a neighbour, `nearest-number`, or are
        // unmatched, `unknown-number`, when none of the same parity is within 4 numbers).
        let newStreet = distinct.isEmpty ? "" : addressOf[distinct[distinct.count / 2]]!.street
        var houses = "strasse,hausnummer,zusatz,x,y\n"
        for address in distinct {
            let a = addressOf[address]!
            if a.street == newStreet || rng.unit() < 0.005 { summary.addressesWithoutCoordinates += 1; continue }
            houses += "\(a.street),\(a.number),\(a.suffix),\(millimetres(address.x)),\(millimetres(address.y))\n"
        }
        try AtomicFile.write(houses, to: folder.appendingPathComponent("hauskoordinaten.csv").path)

        // The register: all years in one file with a reference date.
        var register = "id,stichtag,strasse,hausnummer,zusatz,hh_id,alter\n"
        for year in years {
            for person in people {
                let a = addressOf[Address(x: person.x, y: person.y)]!
                register += "\(person.id),\(year)-12-31,\(a.street),\(a.number),\(a.suffix),\(person.household),\(person.age)\n"
            }
        }
        try AtomicFile.write(register, to: folder.appendingPathComponent("einwohner.csv").path)

        // Each person's block (nil outside every block: the BA cannot place them either).
        let block: [Int?] = people.map { person in
            if case .interior(let area) = locator.locate(x: person.x, y: person.y) { return city.areas[area].id }
            return nil
        }

        // BA SGB II per block and year, values 1–2 masked.
        var ba = "Jahr;Baublock-Schlüssel;Kinder u. 15 in BG;Personen u. 65 in BG;Hilfequote\r\n"
        for (k, year) in years.enumerated() {
            var under15: [Int: Int] = [:], under65: [Int: Int] = [:], residents65: [Int: Int] = [:]
            for (p, person) in people.enumerated() {
                guard let b = block[p] else { continue }
                if person.age < 65 { residents65[b, default: 0] += 1 }
                guard person.sgb2[k] else { continue }
                if person.age < 15 { under15[b, default: 0] += 1 }
                if person.age < 65 { under65[b, default: 0] += 1 }
            }
            for area in city.areas.sorted(by: { $0.id < $1.id }) {
                let counts = [under15[area.id] ?? 0, under65[area.id] ?? 0]
                let cells = counts.map { value -> String in
                    if value == 1 || value == 2 { summary.maskedCells += 1; return "*" }
                    return String(value)
                }
                let residents = residents65[area.id] ?? 0
                let share = cells[1] == "*" || residents == 0 ? (cells[1] == "*" ? "*" : "-")
                    : String(format: "%.1f", Double(counts[1]) / Double(residents) * 100).replacingOccurrences(of: ".", with: ",")
                ba += "\(year);\(area.id);\(cells[0]);\(cells[1]);\(share)\r\n"
            }
        }
        try AtomicFile.write(ba.data(using: .windowsCP1252)!, to: folder.appendingPathComponent("ba_sgb2_bloecke.csv").path)

        // Grade-4 transitions (children aged 10) by home block.
        let types = [(1, "Gymnasium"), (2, "Realschule"), (3, "Gesamtschule"), (4, "Hauptschule")]
        var pupils = "schuljahr,block_id,schulform,schulform_code\n"
        for (k, year) in years.enumerated() {
            for (p, person) in people.enumerated() where person.age == 10 {
                guard let b = block[p] else { continue }
                let gymnasium = person.sgb2[k] ? 0.2 : 0.5
                let u = rng.unit()
                let type = u < gymnasium ? types[0] : (u < gymnasium + 0.2 ? types[1] : (u < gymnasium + 0.4 ? types[2] : types[3]))
                pupils += "\(year),\(b),\(type.1),\(type.0)\n"
                summary.pupils += 1
            }
        }
        try AtomicFile.write(pupils, to: folder.appendingPathComponent("schueler_uebergaenge.csv").path)

        // School-entry examinations (children aged 5) by home address.
        var exams = "jahr,strasse,hausnummer,zusatz,uebergewicht,sprachfoerderung,impfung_unvollstaendig,kita_jahre\n"
        for (k, year) in years.enumerated() {
            for person in people where person.age == 5 {
                let a = addressOf[Address(x: person.x, y: person.y)]!
                let poor = person.sgb2[k]
                let flags = [poor ? 0.18 : 0.08, poor ? 0.45 : 0.2, poor ? 0.2 : 0.1].map { rng.unit() < $0 ? 1 : 0 }
                let kita = poor ? rng.below(4) : 1 + rng.below(3)
                exams += "\(year),\(a.street),\(a.number),\(a.suffix),\(flags[0]),\(flags[1]),\(flags[2]),\(kita)\n"
                summary.exams += 1
            }
        }
        try AtomicFile.write(exams, to: folder.appendingPathComponent("schuleingang.csv").path)
        return summary
    }

    /// A coordinate on the 1 mm grid with three decimals.
    static func millimetres(_ value: Double) -> String {
        var out: [UInt8] = []
        SynthCity.appendMillimetres(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
