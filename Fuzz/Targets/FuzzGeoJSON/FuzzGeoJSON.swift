import QuartierGeometry

/// libFuzzer entry: the JSON reader and the GeoJSON decoder never trap, and a decoded feature
/// collection re-encodes to GeoJSON that decodes to the same encoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let value = try? JSONValue.parse(bytes) {
        var text = ""
        value.write(to: &text)
        guard let reparsed = try? JSONValue.parse(Array(text.utf8)) else { fatalError("JSONValue.write wrote JSON parse refuses: \(text.prefix(200))") }
        var again = ""
        reparsed.write(to: &again)
        precondition(again == text, "JSON round trip is not stable")
    }
    guard let collection = try? GeoJSON.decodeFeatureCollection(bytes) else { return 0 }
    let once = GeoJSON.encode(collection)
    guard let decoded = try? GeoJSON.decodeFeatureCollection(once) else { fatalError("GeoJSON.encode wrote GeoJSON decode refuses") }
    precondition(GeoJSON.encode(decoded) == once, "GeoJSON round trip is not stable")
    return 0
}
