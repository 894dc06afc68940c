/// Class breaks with the closure of each boundary stated.
///
/// The Berlin MSS needs both closures in one scheme: hoch x < −1 (−1 belongs to the next class),
/// mittel −1 ≤ x ≤ 1, niedrig 1 < x ≤ 1.5 (1 and 1.5 belong to the class below them), sehr niedrig
/// x > 1.5 (SenStadt Berlin, MSS 2021 Methodenbericht).
public struct ClassBreaks: Sendable, Hashable {
    /// One upper boundary.
    public struct Boundary: Sendable, Hashable {
        public var value: Double
        /// Whether a value equal to the boundary falls in the class below it (right-closed, `x ≤ value`)
        /// or in the next class (`x < value`).
        public var includedBelow: Bool

        public init(_ value: Double, includedBelow: Bool) {
            self.value = value
            self.includedBelow = includedBelow
        }
    }

    /// Ascending boundaries; k boundaries make k + 1 classes, numbered 0…k.
    public var boundaries: [Boundary]

    public init(_ boundaries: [Boundary]) {
        precondition(zip(boundaries, boundaries.dropFirst()).allSatisfy { $0.value <= $1.value }, "boundaries must ascend")
        self.boundaries = boundaries
    }

    /// The class (0-based) of a value.
    public func classIndex(of value: Double) -> Int {
        for (index, boundary) in boundaries.enumerated() {
            if value < boundary.value || (boundary.includedBelow && value == boundary.value) { return index }
        }
        return boundaries.count
    }
}
