import Foundation
import QuartierTestSupport
import Testing

import Quartier
import QuartierGeometry
import QuartierPROJ
@testable import QuartierMonitoring

/// Named sources at levels above the lowest: an area table of Quartiere (wide, one file per year,
/// or long, one file with a reference date) and records with a Quartier id, joined per area with
/// the register's counts at blocks rolled up.
@Suite struct NamedSourcesTests {
    static let levels = """
        [monitoring]
        name = "Quartierstadt"
        crs = "EPSG:25832"
        store = "out/m.gpkg"

        [levels.block]
        file = "city_areas.gpkg"
        id = "poly_id"
        parent = "quartier"
        parent_column = "quartier_id"

        [levels.quartier]
        parent = "stadtteil"
        parent_column = "stadtteil_id"

        [levels.stadtteil]

        [[sources]]
        name = "register"
        year = 2021
        persons = "persons.csv"

        [[sources]]
        name = "register"
        year = 2022
        persons = "persons.csv"

        [[sources]]
        name = "kita"
        records = "kita.csv"
        year_column = "jahr"
        area_id = "quartier"
        level = "quartier"

        [[indicators]]
        id = "kinderarmut"
        numerator = { source = "quartiere", column = "Kinder SGB II" }
        denominator = { source = "register", filter = "age < 15" }

        [[indicators]]
        id = "kita_je_kind"
        numerator = { source = "kita" }
        denominator = { source = "register", filter = "age < 6" }
        scale = "ratio"

        """

    static let wide = """
        [[sources]]
        name = "quartiere"
        year = 2021
        table = "quartiere_2021.csv"
        level = "quartier"
        id = "Quartier"

        [[sources]]
        name = "quartiere"
        year = 2022
        table = "quartiere_2022.csv"
        level = "quartier"
        id = "Quartier"
        """

    static let long = """
        [[sources]]
        name = "quartiere"
        table = "quartiere.csv"
        date_column = "Stichtag"
        level = "quartier"
        id = "Quartier"
        """

    @Test func tablesAndRecordsAboveTheLowestLevel() throws {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 40, seed: 8)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        _ = try city.writePersons(count: 3_000, seed: 8, to: folder.appendingPathComponent("persons.csv").path)
        let quartiere = Set(city.areas.map(\.quartierID)).sorted()
        func value(_ quartier: Int, _ year: Int) -> Int { 3 + quartier * 2 + (year - 2021) }
        var long = "Stichtag;Quartier;Kinder SGB II\n"
        for year in [2021, 2022] {
            var wide = "Quartier;Kinder SGB II\n"
            for quartier in quartiere {
                wide += "\(quartier);\(value(quartier, year))\n"
                long += "31.12.\(year);\(quartier);\(value(quartier, year))\n"
            }
            try wide.write(to: folder.appendingPathComponent("quartiere_\(year).csv"), atomically: true, encoding: .utf8)
        }
        try long.write(to: folder.appendingPathComponent("quartiere.csv"), atomically: true, encoding: .utf8)
        var kita = "jahr,quartier\n"
        for quartier in quartiere { for _ in 0..<(quartier % 3) { kita += "2022,\(quartier)\n" } }
        kita += "2022,999\n2022,\n2021,\(quartiere[0])\n"
        try kita.write(to: folder.appendingPathComponent("kita.csv"), atomically: true, encoding: .utf8)

        var results: [[IndicatorValue]] = []
        for tables in [Self.wide, Self.long] {
            let path = folder.appendingPathComponent("monitoring.toml").path
            try (Self.levels + tables).write(toFile: path, atomically: true, encoding: .utf8)
            let spec = try MonitoringSpec(path: path)
            #expect(spec.years == [2021, 2022])
            let report = try MonitoringRunner(spec: spec, full: true, threads: 1).run()
            results.append(report.results.indicators)

            // No block figures for a term that enters above the blocks.
            #expect(!report.results.indicators.contains { $0.level == "block" })
            let children = try #require(report.results.counts["quartier"]?[2022])
            let under15 = try #require(children.column("register/age < 15"))
            for quartier in quartiere {
                let row = try #require(children.areaIDs.firstIndex(of: String(quartier)))
                let stored = try #require(report.results.indicators.first {
                    $0.level == "quartier" && $0.areaID == String(quartier) && $0.year == 2022 && $0.indicator == "kinderarmut"
                })
                #expect(stored.numerator == Int64(value(quartier, 2022)))
                #expect(stored.denominator == children[row, under15])
            }
            // Stadtteile: the Quartiere's table values summed, over the register's children.
            for stadtteil in Set(city.areas.map(\.stadtteilID)) {
                let inside = Set(city.areas.filter { $0.stadtteilID == stadtteil }.map(\.quartierID))
                let stored = try #require(report.results.indicators.first {
                    $0.level == "stadtteil" && $0.areaID == String(stadtteil) && $0.year == 2021 && $0.indicator == "kinderarmut"
                })
                #expect(stored.numerator == Int64(inside.map { value($0, 2021) }.reduce(0, +)))
            }
            // Records with a Quartier id: counted into the Quartier, every record accounted for.
            let kitaRecords = try #require(report.provenance.records.first { $0.source == "kita" && $0.year == 2022 })
            #expect(kitaRecords.records == quartiere.map { $0 % 3 }.reduce(0, +) + 2)
            #expect(kitaRecords.unmatched == 1 && kitaRecords.rejected == 1 && kitaRecords.balances)
            let kitaCount = try #require(children.column("kita/n"))
            for quartier in quartiere {
                let row = try #require(children.areaIDs.firstIndex(of: String(quartier)))
                #expect(children[row, kitaCount] == Int64(quartier % 3))
            }
        }
        // Wide and long tables give the same figures.
        #expect(results.count == 2 && results[0] == results[1])
    }

    /// Persons at coordinates in one file of several years (a `jahr` column) count as the same
    /// persons in one file per year; a year the spec does not ask for is nobody's record.
    @Test func personsAtCoordinatesWithAYearColumn() throws {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 60, seed: 9)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        let all = folder.appendingPathComponent("persons.csv").path
        _ = try city.writePersons(count: 4_000, seed: 9, to: all)
        let lines = try String(contentsOfFile: all, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0], records = Array(lines.dropFirst())
        let year2022 = records.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        try ([header] + records).joined(separator: "\n").appending("\n").write(toFile: folder.appendingPathComponent("p2021.csv").path, atomically: true, encoding: .utf8)
        try ([header] + year2022).joined(separator: "\n").appending("\n").write(toFile: folder.appendingPathComponent("p2022.csv").path, atomically: true, encoding: .utf8)
        var both = [header + ",jahr"] + records.map { $0 + ",2021" } + year2022.map { $0 + ",2022" }
        both += records.prefix(50).map { $0 + ",2019" }
        try both.joined(separator: "\n").appending("\n").write(toFile: folder.appendingPathComponent("both.csv").path, atomically: true, encoding: .utf8)

        let head = """
            [monitoring]
            name = "Jahre"
            crs = "EPSG:25832"
            store = "out/m.gpkg"

            [levels.block]
            file = "city_areas.gpkg"
            id = "poly_id"

            [[indicators]]
            id = "kinder"
            numerator = { source = "register", filter = "age < 15" }
            denominator = { source = "register" }

            """
        let perYear = head + """
            [[sources]]
            name = "register"
            year = 2021
            persons = "p2021.csv"

            [[sources]]
            name = "register"
            year = 2022
            persons = "p2022.csv"
            """
        let oneFile = head + """
            [[sources]]
            name = "register"
            persons = "both.csv"
            year_column = "jahr"
            years = [2021, 2022]
            """
        var reports: [MonitoringRunner.Report] = []
        for text in [perYear, oneFile] {
            let path = folder.appendingPathComponent("monitoring.toml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            reports.append(try MonitoringRunner(spec: try MonitoringSpec(path: path), full: true, threads: 2).run())
        }
        for year in [2021, 2022] {
            let a = try #require(reports[0].results.counts["block"]?[year])
            let b = try #require(reports[1].results.counts["block"]?[year])
            #expect(a.areaIDs == b.areaIDs && a.terms == b.terms)
            #expect(a.counts.count == b.counts.count && a.counts == b.counts)
            let ra = try #require(reports[0].provenance.records.first { $0.year == year })
            let rb = try #require(reports[1].provenance.records.first { $0.year == year })
            #expect(ra.records == (year == 2021 ? records.count : year2022.count))
            #expect(ra.records == rb.records && ra.assigned == rb.assigned && ra.unassigned == rb.unassigned && rb.balances)
        }
        #expect(reports[0].results.indicators == reports[1].results.indicators)
    }

    /// Persons at coordinates in another CRS (longitude/latitude, EPSG:4326) are transformed into the
    /// working CRS record by record and counted like the same persons in the working CRS (up to
    /// points within a millimetre of a boundary, which the 9-decimal degrees move); a coordinate PROJ
    /// cannot take is a rejected record naming its field, never a silent drop.
    @Test func personsInAnotherCRSAreTransformed() throws {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 60, seed: 10)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        let utm = folder.appendingPathComponent("persons.csv").path
        _ = try city.writePersons(count: 4_000, seed: 10, to: utm)
        let lines = try String(contentsOfFile: utm, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let xi = try #require(header.firstIndex(of: "x")), yi = try #require(header.firstIndex(of: "y"))
        let transformer = try CoordinateTransformer(from: .epsg(25832), to: .epsg(4326))
        var degrees = [lines[0]]
        for line in lines.dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let p = try transformer.transform(Point(x: Double(fields[xi])!, y: Double(fields[yi])!))
            fields[xi] = String(format: "%.9f", p.x)
            fields[yi] = String(format: "%.9f", p.y)
            degrees.append(fields.joined(separator: ","))
        }
        var bad = Array(repeating: "", count: header.count)
        bad[xi] = "500"; bad[yi] = "95" // latitude 95°: no such place
        degrees.append(bad.joined(separator: ","))
        try (degrees.joined(separator: "\n") + "\n").write(toFile: folder.appendingPathComponent("grad.csv").path, atomically: true, encoding: .utf8)

        var reports: [MonitoringRunner.Report] = []
        for (file, crs) in [("persons.csv", ""), ("grad.csv", "crs = \"EPSG:4326\"\n")] {
            let text = """
                [monitoring]
                name = "CRS"
                crs = "EPSG:25832"
                store = "out/m.gpkg"

                [levels.block]
                file = "city_areas.gpkg"
                id = "poly_id"

                [[sources]]
                name = "register"
                year = 2021
                persons = "\(file)"
                \(crs)
                [[indicators]]
                id = "kinder"
                numerator = { source = "register", filter = "age < 15" }
                denominator = { source = "register" }
                """
            let path = folder.appendingPathComponent("monitoring.toml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            reports.append(try MonitoringRunner(spec: try MonitoringSpec(path: path), full: true, threads: 2).run())
        }
        let a = try #require(reports[0].results.counts["block"]?[2021])
        let b = try #require(reports[1].results.counts["block"]?[2021])
        #expect(a.areaIDs == b.areaIDs && a.counts.count == b.counts.count)
        let ra = try #require(reports[0].provenance.records.first), rb = try #require(reports[1].provenance.records.first)
        #expect(rb.records == ra.records + 1 && rb.rejected == ra.rejected + 1 && rb.balances)
        #expect(ra.assigned > 3_000)
        try #require(a.counts.count == b.counts.count)
        let moved = zip(a.counts, b.counts) // zip: lengths equal by construction (required above)
            .map { abs($0 - $1) }.reduce(0, +)
        #expect(moved <= 2 * Int64(ra.onBoundary + 2), "counts moved by \(moved) with \(ra.onBoundary) records on boundaries")
        #expect(abs(rb.assigned - ra.assigned) <= ra.onBoundary + 2)
    }

    /// A source may force its file's dialect (`delimiter`, `encoding`, `decimal`) where detection is not
    /// wanted: a `|`-separated Windows-1252 export with decimal commas counts as the plain file; a
    /// dialect that is none is one error naming the spec's key and line.
    @Test func forcedDialect() throws {
        let folder = try TestPaths.temporaryFolder()
        let city = SynthCity(areaCount: 60, seed: 11)
        try city.writeAreas(to: folder.appendingPathComponent("city_areas.gpkg").path)
        let plain = folder.appendingPathComponent("persons.csv").path
        _ = try city.writePersons(count: 4_000, seed: 11, to: plain)
        let lines = try String(contentsOfFile: plain, encoding: .utf8).split(separator: "\n").map(String.init)
        // Fields joined by |, decimal points as commas, a text column with commas, semicolons and an ä (0xE4).
        var german: [UInt8] = []
        for (k, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: ".", with: ",") }
            let text = (fields + [k == 0 ? "Straße" : "Hä,user;\(k)"]).joined(separator: "|") + "\r\n"
            german += text.unicodeScalars.map { UInt8($0.value) }
        }
        try Data(german).write(to: folder.appendingPathComponent("persons_de.csv"))

        func spec(_ file: String, _ extra: String) -> String {
            """
            [monitoring]
            name = "Dialekt"
            crs = "EPSG:25832"
            store = "out/m.gpkg"

            [levels.block]
            file = "city_areas.gpkg"
            id = "poly_id"

            [[sources]]
            name = "register"
            year = 2021
            persons = "\(file)"
            \(extra)

            [[indicators]]
            id = "kinder"
            numerator = { source = "register", filter = "age < 15" }
            denominator = { source = "register" }
            """
        }
        let path = folder.appendingPathComponent("monitoring.toml").path
        var reports: [MonitoringRunner.Report] = []
        for (file, extra) in [("persons.csv", ""), ("persons_de.csv", "delimiter = \"|\"\nencoding = \"windows-1252\"\ndecimal = \",\"")] {
            try spec(file, extra).write(toFile: path, atomically: true, encoding: .utf8)
            reports.append(try MonitoringRunner(spec: try MonitoringSpec(path: path), full: true, threads: 2).run())
        }
        let a = try #require(reports[0].results.counts["block"]?[2021]), b = try #require(reports[1].results.counts["block"]?[2021])
        #expect(a.counts.count == b.counts.count && a.counts == b.counts)
        #expect(reports[0].provenance.records.first?.assigned == reports[1].provenance.records.first?.assigned)
        #expect((reports[1].provenance.records.first?.assigned ?? 0) > 3_000)

        for (key, value) in [("delimiter", "ab"), ("encoding", "ebcdic"), ("decimal", ";")] {
            try spec("persons.csv", "\(key) = \"\(value)\"").write(toFile: path, atomically: true, encoding: .utf8)
            #expect {
                _ = try MonitoringSpec(path: path)
            } throws: { error in
                let message = "\(error)"
                return message.contains("monitoring.toml:14") && message.contains(key) && message.contains(value)
            }
        }
    }
}
