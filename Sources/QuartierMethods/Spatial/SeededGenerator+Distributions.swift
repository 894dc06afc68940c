import Foundation

extension SeededGenerator {
    /// A uniform double in [0, 1) from the top 53 bits (platform-independent, unlike
    /// `Double.random(in:using:)` whose algorithm is not specified).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * unit()
    }

    /// A standard normal deviate (Box–Muller, G. E. P. Box and M. E. Muller 1958; uses two uniforms).
    public mutating func normal() -> Double {
        let u = max(unit(), 0x1p-60), v = unit()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
