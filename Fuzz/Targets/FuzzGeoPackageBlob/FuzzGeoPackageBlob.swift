import QuartierGeometry

/// libFuzzer entry: GeoPackage blob decoding never traps, and a decoded blob re-encodes to a blob that
/// decodes to the same encoding and srs_id.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackageBlob(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let blob = try? GeoPackageBinary.decode(bytes) else { return 0 }
    let once = blob.encoded()
    guard let again = try? GeoPackageBinary.decode(once) else { fatalError("GeoPackageBinary.encode wrote a blob decode refuses") }
    precondition(again.srsID == blob.srsID, "srs_id changed in the round trip")
    precondition(again.encoded() == once, "GeoPackage blob round trip is not stable")
    return 0
}
