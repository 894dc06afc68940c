import Foundation
import QuartierBase
@testable import QuartierGeocoding
import QuartierTable
import QuartierTestSupport
import Testing

@Suite("Geocoder over files: every record written, counted and accounted for")
struct GeocodeFileTests {
    static let houses = """
    strasse,hnr,zus,x,y
    Hauptstraße,10,,100.5,200.25
    Hauptstraße,12,,101.5,201.25
    Hauptstraße,12,b,102.5,202.25
    Hauptstraße,14,,103.5,203.25
    Müllerstraße,3,,104.5,204.25
    Müllerstraße,5,a,105.5,205.25

    """

    /// Records planted with a known outcome each: (street, number, suffix, label).
    static let planted: [(String, String, String, String)] = [
        ("Hauptstraße", "12", "", "exact"), ("Hauptstr.", "12", "b", "normalised"), ("Muellerstr.", "3", "", "normalised"),
        ("Hauptstraße", "12", "a", "without-suffix"), ("Müllerstraße", "5", "", "without-suffix"),
        ("Hauptstraße", "16", "", "nearest-number"), ("Hauptstraße", "12-14", "", "normalised"),
        ("Hauptstraße", "30", "", "unknown-number"), ("Schillerstraße", "1", "", "unknown-street"),
        ("", "", "", "empty-address"), ("Hauptstraße", "o. Nr.", "", "bad-number"), ("Hauptstraße", "14", "", "exact"),
    ]

    static func write(_ text: String, _ name: String, in folder: URL, encoding: String.Encoding = .utf8) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.data(using: encoding)!.write(to: url)
        return url.path
    }

    static func register(_ rows: [(String, String, String, String)], delimiter: String = ",", lineEnd: String = "\n") -> String {
        (["id", "strasse", "hnr", "zus", "alter"].joined(separator: delimiter) + lineEnd)
            + rows.enumerated().map { ["\($0 + 1)", $1.0, $1.1, $1.2, "\(30 + $0)"].joined(separator: delimiter) + lineEnd }.joined()
    }

    static let columns = HouseCoordinateColumns(street: "strasse", number: "hnr", suffix: "zus", x: "x", y: "y")
    static let recordColumns = RecordAddressColumns(street: "strasse", number: "hnr", suffix: "zus")

    @Test("the summary's counts add up to the records, per planted method and reason")
    func countsAddUp() throws {
        let folder = try TestPaths.temporaryFolder()
        let index = try AddressIndex(path: Self.write(Self.houses, "houses.csv", in: folder), columns: Self.columns)
        let records = try Self.write(Self.register(Self.planted), "register.csv", in: folder)
        let out = folder.appendingPathComponent("out.csv").path, lost = folder.appendingPathComponent("lost.csv").path
        let summary = try Geocoder(index: index).geocodeFile(path: records, columns: Self.recordColumns,
                                                             output: GeocodeOutput(path: out, unmatchedPath: lost))
        #expect(summary.records == Self.planted.count)
        #expect(summary.matched + summary.unmatched == summary.records)
        #expect(summary.methods.values.reduce(0, +) == summary.matched)
        #expect(summary.reasons.values.reduce(0, +) == summary.unmatched)
        for label in MatchMethod.allCases.map(\.rawValue) {
            #expect(summary.methods[label] == Self.planted.filter { $0.3 == label }.count, "\(label)")
        }
        for label in UnmatchedReason.allCases.map(\.rawValue) {
            #expect(summary.reasons[label] == Self.planted.filter { $0.3 == label }.count, "\(label)")
        }
        #expect(summary.ranges == 1)
        #expect(abs(summary.matchRate - 8.0 / 12.0) < 1e-12)

        // Every record in order with its label; the unmatched ones again in the unmatched file.
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "id,strasse,hnr,zus,alter,x,y,match,match_note")
        try #require(lines.count == Self.planted.count + 1)
        for (row, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[0] == "\(row + 1)")
            let expected = Self.planted[row].3
            #expect(fields[7] == (expected.contains("-") && UnmatchedReason(rawValue: expected) != nil ? "unmatched" : expected) || fields[8] == expected,
                    "row \(row + 1): \(line)")
        }
        #expect(lines[1] == "1,Hauptstraße,12,,30,101.5,201.25,exact,")
        #expect(lines[6] == "6,Hauptstraße,16,,35,103.5,203.25,nearest-number,table 14")
        #expect(lines[7] == "7,Hauptstraße,12-14,,36,101.5,201.25,normalised,range")
        #expect(lines[9] == "9,Schillerstraße,1,,38,,,unmatched,unknown-street")
        let unmatched = try String(contentsOfFile: lost, encoding: .utf8).split(separator: "\n")
        #expect(unmatched.count == 1 + summary.unmatched)
        #expect(unmatched.first == "line,reason,id,strasse,hnr,zus,alter")
        #expect(unmatched.contains("10,unknown-street,9,Schillerstraße,1,,38"))
    }

    @Test("the same bytes with 1 and 2 threads over several chunks, and the same as record by record")
    func threads() throws {
        let folder = try TestPaths.temporaryFolder()
        let index = try AddressIndex(path: Self.write(Self.houses, "houses.csv", in: folder), columns: Self.columns)
        let geocoder = Geocoder(index: index)
        let rows = (0..<(2 * GeocodeChunk.size + 123)).map { Self.planted[($0 * 7) % Self.planted.count] }
        let records = try Self.write(Self.register(rows), "big.csv", in: folder)
        var outputs: [Data] = []
        var summaries: [GeocodeSummary] = []
        for threads in [1, 2] {
            let out = folder.appendingPathComponent("out\(threads).csv").path, lost = folder.appendingPathComponent("lost\(threads).csv").path
            summaries.append(try geocoder.geocodeFile(path: records, columns: Self.recordColumns,
                                                      output: GeocodeOutput(path: out, unmatchedPath: lost), threads: threads))
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)) + Data(contentsOf: URL(fileURLWithPath: lost)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(summaries[0] == summaries[1])
        #expect(summaries[0].records == rows.count)
        // The per-record API gives the same labels in the same order.
        var labels: [String] = []
        let perRecord = try geocoder.geocodeRecords(path: records, columns: Self.recordColumns) { _, result in labels.append(result.label) }
        #expect(perRecord == summaries[0])
        #expect(labels == rows.map(\.3))
    }

    @Test("a Windows-1252 register with ; and CRLF gives the same bytes as the UTF-8 one")
    func encodings() throws {
        let folder = try TestPaths.temporaryFolder()
        let index = try AddressIndex(path: Self.write(Self.houses, "houses.csv", in: folder), columns: Self.columns)
        let geocoder = Geocoder(index: index)
        let plain = try Self.write(Self.register(Self.planted), "plain.csv", in: folder)
        let german = try Self.write(Self.register(Self.planted, delimiter: ";", lineEnd: "\r\n"), "german.csv", in: folder, encoding: .windowsCP1252)
        var outputs: [Data] = []
        for input in [plain, german] {
            let out = folder.appendingPathComponent("out-\(outputs.count).csv").path
            _ = try geocoder.geocodeFile(path: input, columns: Self.recordColumns, output: GeocodeOutput(path: out))
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].count > 100)
    }

    @Test("house coordinates with ; and decimal commas: coordinates written with a point")
    func germanHouseTable() throws {
        let folder = try TestPaths.temporaryFolder()
        let houses = "strasse;hnr;zus;x;y\r\nHauptstraße;12;;361234,5;5643210,25\r\nHauptstraße;14;;1 361 234,5;5643210\r\n"
        let index = try AddressIndex(path: Self.write(houses, "h.csv", in: folder, encoding: .windowsCP1252), columns: Self.columns)
        let geocoder = Geocoder(index: index)
        #expect(geocoder.geocode(street: "Hauptstraße", number: "12").match?.x == 361234.5)
        let records = try Self.write("id,strasse,hnr,zus\n1,Hauptstraße,12,\n2,Hauptstraße,14,\n", "r.csv", in: folder)
        let out = folder.appendingPathComponent("o.csv").path
        _ = try geocoder.geocodeFile(path: records, columns: Self.recordColumns, output: GeocodeOutput(path: out))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines[1] == "1,Hauptstraße,12,,361234.5,5643210.25,exact,")
        // A number with thousands separators is formatted from its value.
        #expect(lines[2] == "2,Hauptstraße,14,,1361234.5,5643210,exact,")
    }

    /// Kept columns are written as CSVWriter writes them (quoting, formula protection, markers).
    @Test("kept fields as CSVWriter writes them", arguments: [
        ("plain", CSVWriter.Value.text("plain")),
        ("\"a,b\"", .text("a,b")),
        ("\"say \"\"hi\"\"\"", .text("say \"hi\"")),
        ("=SUM(A1)", .text("=SUM(A1)")),
        ("@cmd", .text("@cmd")),
        ("-5", .number(-5)),
        ("-2.5", .number(-2.5)),
        ("-", .absent(marker: "-")),
        ("\" lead\"", .text(" lead")),
        ("Grüße", .text("Grüße")),
        ("", .text("")),
    ])
    func keptFields(field: String, value: CSVWriter.Value) throws {
        let folder = try TestPaths.temporaryFolder()
        let index = try AddressIndex(path: Self.write(Self.houses, "houses.csv", in: folder), columns: Self.columns)
        let records = try Self.write("note,strasse,hnr,zus\n\(field),Hauptstraße,12,\n", "r.csv", in: folder)
        let out = folder.appendingPathComponent("o.csv").path
        _ = try Geocoder(index: index).geocodeFile(path: records, columns: Self.recordColumns, output: GeocodeOutput(path: out))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 2)
        #expect(lines[1] == CSVWriter().line([value, .text("Hauptstraße"), .integer(12), .text(""), .text("101.5"), .text("201.25"), .text("exact"), .text("")]))
    }

    @Test("bad input: one error naming file, line and field; nothing written", arguments: [
        ("strasse,hnr,zus,x,y\nHauptstraße,12,,1,2\nHauptstraße,o. Nr.,,3,4\n", "houses.csv:3:2 field \"hnr\": found \"o. Nr.\""),
        ("strasse,hnr,zus,x,y\nHauptstraße,12,,1,2\nHauptstraße,14,,abc,4\n", "houses.csv:3:4 field \"x\": found \"abc\""),
        ("strasse,hnr,zus,x,y\n,12,,1,2\n", "houses.csv:2:1 field \"strasse\": found \"\""),
        ("street,hnr,zus,x,y\nHauptstraße,12,,1,2\n", "houses.csv:1 field \"strasse\": found no column \"strasse\""),
    ])
    func badHouseTable(text: String, message: String) throws {
        let folder = try TestPaths.temporaryFolder()
        let path = try Self.write(text, "houses.csv", in: folder)
        do {
            _ = try AddressIndex(path: path, columns: Self.columns)
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.description.hasPrefix(folder.path + "/" + message), "\(error)")
        }
    }

    @Test("an output column the register already has is refused before anything is written")
    func clash() throws {
        let folder = try TestPaths.temporaryFolder()
        let index = try AddressIndex(path: Self.write(Self.houses, "houses.csv", in: folder), columns: Self.columns)
        let records = try Self.write("x,strasse,hnr,zus\n1,Hauptstraße,12,\n", "r.csv", in: folder)
        let out = folder.appendingPathComponent("o.csv").path
        #expect(throws: InputError.self) {
            _ = try Geocoder(index: index).geocodeFile(path: records, columns: Self.recordColumns, output: GeocodeOutput(path: out))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
