import QuartierTable

/// libFuzzer entry: the filter parser never traps, and a parsed filter's fully parenthesised form
/// parses to the same filter (printing and parsing are inverse).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let filter = try? FilterExpression.parse(text) else { return 0 }
    let printed = filter.description
    guard let again = try? FilterExpression.parse(printed) else { fatalError("the printed form does not parse: \(printed)") }
    precondition(again.description == printed, "printing is not stable: \(printed) → \(again.description)")
    return 0
}
