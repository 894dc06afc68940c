// libFuzzer target for the geocoder's byte-level parsers: StreetName.normalise, HouseNumber.parseBytes
// and Geocoder.match on a small index. Built by Fuzz/run-geocoding.sh into one module with the sources of
// QuartierBase, QuartierTable and QuartierGeocoding (their `import` lines of each other removed),
// with `-sanitize=fuzzer,address`, so an out-of-bounds write into the key buffer is an ASan report.
//
// Checked properties (a violation traps, and libFuzzer saves the input):
// - the key fits in `StreetName.capacityNeeded(count)` bytes (the buffer is exactly that large);
// - keys have no ASCII capital and no separator, and normalising a key again gives the key (idempotent);
// - a parsed house number has at most six digits, and its suffix, given again as the suffix field,
//   parses to the same suffix;
// - `Geocoder.match` returns an entry inside the index for a match and none for a reason.
import Foundation

let fuzzIndex: AddressIndex = {
    let rows: [(String, String, String)] = [("Hauptstraße", "12", ""), ("Hauptstraße", "12", "b"), ("Hauptstraße", "14", ""),
                                            ("Müllerstraße", "3", ""), ("Str. des 17. Juni", "1", "a")]
    return try! AddressIndex(addresses: rows.enumerated().map {
        HouseAddress(street: $1.0, number: $1.1, suffix: $1.2, x: Double($0), y: 0)
    })
}()
let fuzzGeocoder = Geocoder(index: fuzzIndex)

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("property violated: \(message())\n".utf8))
        abort()
    }
}

func normalised(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: TextEncoding) -> [UInt8] {
    let capacity = StreetName.capacityNeeded(bytes.count)
    let out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { out.deallocate() }
    let length = bytes.count == 0 ? StreetName.normalise(out, 0, encoding: encoding, into: out)
        : StreetName.normalise(bytes.baseAddress!, bytes.count, encoding: encoding, into: out)
    check(length <= capacity, "key longer than capacityNeeded")
    return Array(UnsafeBufferPointer(start: out, count: length))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: count)
    for encoding in [TextEncoding.utf8, .windows1252] {
        let key = normalised(bytes, encoding)
        for byte in key {
            check(!(0x41...0x5A).contains(byte), "capital in key")
            check(![0x20, 0x09, 0x2D, 0x2E, 0x2C, 0x2F, 0x5F, 0x28, 0x29, 0x27, 0x22, 0x60].contains(byte), "separator in key")
        }
        let again = key.withUnsafeBufferPointer { normalised($0, .utf8) }
        check(again == key, "not idempotent: \(key) -> \(again)")
    }
    // Split the input at the first two 0x1F bytes into street, number, suffix.
    var parts: [UnsafeBufferPointer<UInt8>] = []
    var start = 0
    for index in 0..<count where bytes[index] == 0x1F && parts.count < 2 {
        parts.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        start = index + 1
    }
    parts.append(UnsafeBufferPointer(rebasing: bytes[start..<count]))
    while parts.count < 3 { parts.append(UnsafeBufferPointer(start: nil, count: 0)) }
    for encoding in [TextEncoding.utf8, .windows1252] {
        let parsed = HouseNumber.parseBytes(parts[1], parts[2], encoding: encoding)
        if parsed.outcome == .number {
            check(parsed.number >= 0 && parsed.number <= 999_999, "number out of range")
            let suffix = parsed.suffixText
            if !suffix.isEmpty && suffix != "?" {
                let again = HouseNumber.parse("\(parsed.number)", suffix: suffix)
                check(again == .number(HouseNumber(number: Int(parsed.number), suffix: suffix)), "suffix \(suffix) not stable: \(again)")
            }
        }
        let total = parts[0].count + parts[1].count + parts[2].count
        let capacity = Geocoder.scratchCapacity(total)
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        let found = fuzzGeocoder.match(street: parts[0], number: parts[1], suffix: parts[2],
                                       municipality: UnsafeBufferPointer(start: nil, count: 0),
                                       streetKey: UnsafeBufferPointer(start: nil, count: 0),
                                       encoding: encoding, scratch: scratch, capacity: capacity)
        scratch.deallocate()
        let isMatch = found.code.rawValue <= Geocoder.Found.Code.nearestNumber.rawValue
        check(isMatch == (found.entry >= 0 && found.entry < fuzzIndex.count), "match without entry or entry without match")
    }
    return 0
}
