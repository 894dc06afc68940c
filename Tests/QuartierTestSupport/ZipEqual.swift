/// Two collections paired element by element for a comparison, after checking that they have the same
/// length: `zip` alone stops at the shorter one, so a comparison of a short result with a long reference
/// (or of an empty one with anything) would pass without comparing. Every comparison loop in Tests/ uses
/// this (`TestHygieneTests` checks it).
public func zipEqual<A: Collection, B: Collection>(_ a: A, _ b: B, file: String = #fileID, line: Int = #line) throws -> Zip2Sequence<A, B> {
    guard a.count == b.count else { throw LengthMismatch(left: a.count, right: b.count, place: "\(file):\(line)") }
    return zip(a, b)
}

public struct LengthMismatch: Error, CustomStringConvertible {
    public var left: Int
    public var right: Int
    public var place: String
    public var description: String { "zipped comparison at \(place): \(left) elements against \(right)" }
}
