import QuartierGeometry

/// libFuzzer entry: WKB decoding never traps, and whatever decodes re-encodes to bytes that decode to
/// the same encoding (a fixed point after one round: Z/M ordinates and EWKB SRIDs are dropped by design).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWKB(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let geometry = try? WKB.decode(bytes) else { return 0 }
    let once = WKB.encode(geometry)
    guard let again = try? WKB.decode(once) else { fatalError("WKB.encode wrote bytes WKB.decode refuses") }
    precondition(WKB.encode(again) == once, "WKB round trip is not stable")
    return 0
}
