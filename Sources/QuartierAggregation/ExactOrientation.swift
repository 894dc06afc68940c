/// The exact sign of the orientation of three points given as `Double`s.
///
/// Source: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
/// Predicates" (1997): the `orient2d` error bound filter (`ccwerrboundA`), then, when the filter
/// cannot decide, an exact evaluation with floating-point expansions (Two-Sum, Two-Product via FMA,
/// Grow-Expansion). GEOS computes the same sign with double-double arithmetic
/// (`CGAlgorithmsDD::orientationIndex`); both are exact for coordinates whose differences are
/// representable, so a point exactly on an edge or vertex is detected as GEOS detects it.
public enum ExactOrientation {
    /// `(3 + 16ε)ε` with ε = 2⁻⁵³ (Shewchuk's `ccwerrboundA`).
    @usableFromInline static let errorBound: Double = (3.0 + 16.0 * 0x1p-53) * 0x1p-53

    /// The sign of the cross product (b − a) × (c − a): +1 when c lies to the left of the directed
    /// line a→b (counter-clockwise turn), −1 to the right, 0 when the three points are collinear.
    @inlinable @inline(__always)
    public static func sign(ax: Double, ay: Double, bx: Double, by: Double, cx: Double, cy: Double) -> Int {
        let left = (bx - ax) * (cy - ay)
        let right = (by - ay) * (cx - ax)
        let det = left - right
        let bound = errorBound * (abs(left) + abs(right))
        if det > bound { return 1 }
        if det < -bound { return -1 }
        return exactSign(ax: ax, ay: ay, bx: bx, by: by, cx: cx, cy: cy)
    }

    /// The exact sign, by summing the sixteen exact partial products of the differences.
    @usableFromInline
    static func exactSign(ax: Double, ay: Double, bx: Double, by: Double, cx: Double, cy: Double) -> Int {
        let (dx1, ex1) = twoDiff(bx, ax)
        let (dy2, ey2) = twoDiff(cy, ay)
        let (dy1, ey1) = twoDiff(by, ay)
        let (dx2, ex2) = twoDiff(cx, ax)
        var expansion = Expansion()
        for (u, v) in [(dx1, dy2), (dx1, ey2), (ex1, dy2), (ex1, ey2)] {
            let (p, e) = twoProduct(u, v)
            expansion.add(e)
            expansion.add(p)
        }
        for (u, v) in [(dy1, dx2), (dy1, ex2), (ey1, dx2), (ey1, ex2)] {
            let (p, e) = twoProduct(u, v)
            expansion.add(-e)
            expansion.add(-p)
        }
        return expansion.sign
    }

    /// a − b = x + y exactly (Knuth's Two-Sum applied to a and −b).
    @inline(__always)
    static func twoDiff(_ a: Double, _ b: Double) -> (Double, Double) {
        let x = a - b
        let bVirtual = a - x
        let aVirtual = x + bVirtual
        let bRound = bVirtual - b
        let aRound = a - aVirtual
        return (x, aRound + bRound)
    }

    /// a + b = x + y exactly (Knuth's Two-Sum).
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let x = a + b
        let bVirtual = x - a
        let aVirtual = x - bVirtual
        return (x, (a - aVirtual) + (b - bVirtual))
    }

    /// a × b = x + y exactly (the error term by a fused multiply-add).
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let x = a * b
        return (x, (-x).addingProduct(a, b))
    }

    /// A nonoverlapping expansion, smallest component first (Shewchuk's Grow-Expansion).
    struct Expansion {
        var components: [Double] = []

        mutating func add(_ value: Double) {
            var q = value
            var next: [Double] = []
            next.reserveCapacity(components.count + 1)
            for component in components {
                let (sum, error) = twoSum(q, component)
                if error != 0 { next.append(error) }
                q = sum
            }
            if q != 0 { next.append(q) }
            components = next
        }

        /// The sign of the sum: the sign of the largest (last) nonzero component.
        var sign: Int {
            guard let last = components.last else { return 0 }
            return last > 0 ? 1 : (last < 0 ? -1 : 0)
        }
    }
}
