import ArgumentParser
import Foundation
import QuartierBase
@testable import QuartierCommands
import QuartierGeocoding
import QuartierTestSupport
import Testing

@Suite("quartier geocode")
struct GeocodeCommandTests {
    static let houses = """
    str;hnr;zus;ostwert;nordwert
    Hauptstraße;12;;361000,5;5643000,5
    Hauptstraße;12;b;361001,5;5643001,5
    Hauptstraße;14;;361002,5;5643002,5
    Karl-Marx-Straße;3;;361003,5;5643003,5

    """

    static let register = """
    id,strasse,nr,zusatz
    1,Hauptstraße,12,
    2,HAUPTSTR.,12,B
    3,Hauptstraße,12,c
    4,Karl Marx Str,5,
    5,Karl-Marx-Straße,3-7,
    6,Goethestraße,1,
    7,Hauptstraße,,
    8,Hauptstraße,?,
    9,Hauptstraße,40,

    """

    @Test("geocodes a register: output in order, summary adding up, unmatched with reasons, the same bytes twice")
    func command() async throws {
        let folder = try TestPaths.temporaryFolder()
        let houses = folder.appendingPathComponent("hk.csv"), records = folder.appendingPathComponent("reg.csv")
        try Self.houses.write(to: houses, atomically: true, encoding: .utf8)
        try Self.register.write(to: records, atomically: true, encoding: .utf8)
        var outputs: [Data] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("out\(run).csv"), summary = folder.appendingPathComponent("s\(run).json")
            let lost = folder.appendingPathComponent("lost\(run).csv")
            try await InProcessCLI.run(["geocode", "--addresses", houses.path, "--street", "str", "--number", "hnr", "--suffix", "zus",
                                "--x", "ostwert", "--y", "nordwert", records.path, "--record-street", "strasse",
                                "--record-number", "nr", "--record-suffix", "zusatz", "--out", out.path,
                                "--unmatched", lost.path, "--summary", summary.path, "--max-number-distance", "2"])
            outputs.append(try Data(contentsOf: out) + Data(contentsOf: summary) + Data(contentsOf: lost))
            if run == 1 { continue }
            let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
            #expect(lines == [
                "id,strasse,nr,zusatz,x,y,match,match_note",
                "1,Hauptstraße,12,,361000.5,5643000.5,exact,",
                "2,HAUPTSTR.,12,B,361001.5,5643001.5,normalised,",
                "3,Hauptstraße,12,c,361000.5,5643000.5,without-suffix,table 12",
                "4,Karl Marx Str,5,,361003.5,5643003.5,nearest-number,table 3",
                "5,Karl-Marx-Straße,3-7,,361003.5,5643003.5,normalised,range",
                "6,Goethestraße,1,,,,unmatched,unknown-street",
                "7,Hauptstraße,,,,,unmatched,empty-address",
                "8,Hauptstraße,?,,,,unmatched,bad-number",
                "9,Hauptstraße,40,,,,unmatched,unknown-number",
            ])
            let s = try JSONDecoder().decode(GeocodeSummary.self, from: Data(contentsOf: summary))
            #expect(s.records == 9)
            #expect(s.matched == 5 && s.unmatched == 4)
            #expect(s.records == s.methods.values.reduce(0, +) + s.reasons.values.reduce(0, +))
            #expect(s.methods == ["exact": 1, "normalised": 2, "without-suffix": 1, "nearest-number": 1])
            #expect(s.reasons == ["empty-address": 1, "bad-number": 1, "unknown-street": 1, "unknown-number": 1])
            #expect(s.addresses == 4 && s.streets == 2 && s.maxNumberDistance == 2)
            let lostLines = try String(contentsOf: lost, encoding: .utf8).split(separator: "\n")
            #expect(lostLines.count == 1 + 4)
            #expect(lostLines[1] == "7,unknown-street,6,Goethestraße,1,")
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test("a missing column is one error naming the file and the column, and nothing is written")
    func missingColumn() async throws {
        let folder = try TestPaths.temporaryFolder()
        let houses = folder.appendingPathComponent("hk.csv"), records = folder.appendingPathComponent("reg.csv")
        try Self.houses.write(to: houses, atomically: true, encoding: .utf8)
        try Self.register.write(to: records, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.csv")
        await #expect(throws: InputError.self) {
            try await InProcessCLI.run(["geocode", "--addresses", houses.path, "--street", "str", "--number", "hnr", "--x", "ostwert",
                                "--y", "nordwert", records.path, "--record-street", "strasse", "--record-number", "hausnummer",
                                "--out", out.path])
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
