import ArgumentParser
import Foundation
import QuartierBase
import QuartierGeocoding
import QuartierTable

/// `quartier geocode`: coordinates for a register's addresses from the house coordinates.
struct GeocodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geocode",
        abstract: "Give each record of a register the coordinates of its address (street, house number, suffix).",
        discussion: """
        The house coordinates (Hauskoordinaten: street, house number, suffix, easting, northing) are indexed by \
        normalised street name (case, Str./Straße/Strasse, ß/ss, umlauts ä/ae, spaces, hyphens, dots). Each record \
        gets the first method that applies: exact, normalised, without-suffix (same number, other suffix), \
        nearest-number (same parity, within --max-number-distance), else it stays unmatched with its reason: \
        empty-address, bad-number, unknown-street, unknown-number. A range 12-14 matches 12 and is noted.
        Output: every record in order with all its columns, then x, y, match and match_note. The summary \
        (--summary JSON and one line on stderr) counts every record: records = matched + unmatched. \
        Rules: docs/geocoding.md.
        """
    )

    @Option(help: "The house coordinates (CSV).") var addresses: String
    @Option(help: "Their street column.") var street: String
    @Option(help: "Their house-number column.") var number: String
    @Option(help: "Their suffix column (Hausnummernzusatz).") var suffix: String?
    @Option(help: "Their easting column.") var x: String
    @Option(help: "Their northing column.") var y: String
    @Option(help: "Their municipality-key column (then --record-municipality is needed).") var municipality: String?
    @Option(help: "Their street-key column.") var streetKey: String?
    @Argument(help: "The register (CSV).") var records: String
    @Option(help: "The register's street column.") var recordStreet: String
    @Option(help: "The register's house-number column.") var recordNumber: String
    @Option(help: "The register's suffix column.") var recordSuffix: String?
    @Option(help: "The register's municipality-key column.") var recordMunicipality: String?
    @Option(help: "The register's street-key column (used with --street-key).") var recordStreetKey: String?
    @Option(help: "The largest house-number difference for nearest-number (same parity); 0 turns it off.") var maxNumberDistance = 4
    @Option(help: "The geocoded register (CSV).") var out: String
    @Option(help: "Write the unmatched records (line, reason, columns) here (CSV).") var unmatched: String?
    @Option(help: "The summary (JSON).") var summary: String?
    @Option(help: "Worker threads (default: all cores). The output does not depend on it.") var threads: Int?
    @Option(help: "Encoding of both files (utf-8, windows-1252; default: detected).") var encoding: String?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard maxNumberDistance >= 0 else { throw ValidationError("--max-number-distance must not be negative") }
        if municipality != nil && recordMunicipality == nil {
            throw ValidationError("--municipality needs --record-municipality (the records' municipality key)")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding must be utf-8 or windows-1252, not '\(encoding)'")
        }
    }

    func run() async throws {
        let options = TableOptions(encoding: encoding.flatMap(TextEncoding.init(name:)))
        let index = try AddressIndex(path: addresses, columns: HouseCoordinateColumns(
            street: street, number: number, suffix: suffix, x: x, y: y, municipality: municipality, streetKey: streetKey),
            options: options)
        let geocoder = Geocoder(index: index, maxNumberDistance: maxNumberDistance)
        let result = try geocoder.geocodeFile(
            path: records,
            columns: RecordAddressColumns(street: recordStreet, number: recordNumber, suffix: recordSuffix,
                                          municipality: recordMunicipality, streetKey: recordStreetKey),
            options: options, output: GeocodeOutput(path: out, unmatchedPath: unmatched),
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if let summary { try AtomicFile.write(try result.json(), to: summary) }
        FileHandle.standardError.write(Data((result.line + "\n").utf8))
    }
}
