/// Spatial weights: for each area its neighbours (indices, ascending) and their weights.
///
/// Built from polygons by `SpatialWeights.contiguity(_:ids:rule:snap:)` or read from a GAL file. Areas
/// without neighbours (islands) have empty rows; they are listed in `islands` and every statistic here
/// reports them instead of failing.
public struct SpatialWeights: Hashable, Sendable {
    /// The area ids, in the order of the input.
    public var ids: [String]
    /// The neighbours of each area as indices into `ids`, ascending.
    public var neighbours: [[Int]]
    /// The weight of each neighbour, parallel to `neighbours`.
    public var weights: [[Double]]
    /// How the weights were formed.
    public var transform: WeightsTransform

    /// Weights from neighbour lists (indices into `ids`, each list ascending and within 0..<ids.count).
    public init(ids: [String], neighbours: [[Int]], transform: WeightsTransform = .binary) {
        precondition(ids.count == neighbours.count && neighbours.allSatisfy { $0.allSatisfy { ids.indices.contains($0) } },
                     "neighbour lists must be parallel to ids and hold indices into them")
        self.ids = ids
        self.neighbours = neighbours
        self.transform = .binary
        self.weights = neighbours.map { [Double](repeating: 1, count: $0.count) }
        self = transformed(transform)
    }

    /// The number of areas.
    public var count: Int { ids.count }

    /// The indices of the areas without neighbours.
    public var islands: [Int] { neighbours.indices.filter { neighbours[$0].isEmpty } }

    /// The number of neighbour pairs counted in both directions (libpysal `nonzero`).
    public var nonZero: Int { neighbours.reduce(0) { $0 + $1.count } }

    /// The mean number of neighbours.
    public var meanNeighbours: Double { count == 0 ? 0 : Double(nonZero) / Double(count) }

    /// The same neighbours with weights `transform`: binary (1 per neighbour) or row-standardised
    /// (1/kᵢ, so that each non-empty row sums to 1; libpysal's "r"). Islands keep empty rows.
    public func transformed(_ transform: WeightsTransform) -> SpatialWeights {
        var result = self
        result.transform = transform
        result.weights = neighbours.map { row in
            switch transform {
            case .binary: [Double](repeating: 1, count: row.count)
            case .rowStandardised: [Double](repeating: 1 / Double(row.count), count: row.count)
            }
        }
        return result
    }

    /// The spatial lag Σⱼ wᵢⱼ·xⱼ of each area (0 for islands).
    public func lag(_ x: [Double]) -> [Double] {
        neighbours.indices.map { i in
            var sum = 0.0
            for (j, w) in zip(neighbours[i], weights[i]) { sum += w * x[j] }
            return sum
        }
    }

    /// Whether every neighbour relation holds both ways (contiguity weights always are).
    public var isSymmetric: Bool {
        var pairs = Set<Int>()
        for (i, row) in neighbours.enumerated() { for j in row { pairs.insert(i &* count &+ j) } }
        return pairs.allSatisfy { pairs.contains(($0 % count) &* count &+ $0 / count) }
    }

    /// S0 = Σᵢⱼ wᵢⱼ, S1 = ½·Σᵢⱼ (wᵢⱼ + wⱼᵢ)², S2 = Σᵢ (wᵢ. + w.ᵢ)² (Cliff & Ord 1981), as libpysal's `s0`, `s1`, `s2`.
    public var moments: (s0: Double, s1: Double, s2: Double) {
        var s0 = 0.0
        var rowSums = [Double](repeating: 0, count: count)
        var columnSums = [Double](repeating: 0, count: count)
        for i in neighbours.indices {
            for (j, w) in zip(neighbours[i], weights[i]) {
                s0 += w
                rowSums[i] += w
                columnSums[j] += w
            }
        }
        /// wⱼᵢ by binary search in row j (neighbours are sorted), 0 when absent.
        func weight(_ j: Int, _ i: Int) -> Double? {
            let row = neighbours[j]
            var lo = 0, hi = row.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if row[mid] < i { lo = mid + 1 } else { hi = mid }
            }
            return lo < row.count && row[lo] == i ? weights[j][lo] : nil
        }
        // ½·Σ over ordered pairs (i, j) with wᵢⱼ or wⱼᵢ non-zero; rows in order for a deterministic sum.
        var s1 = 0.0
        for i in neighbours.indices {
            for (j, w) in zip(neighbours[i], weights[i]) {
                let reverse = weight(j, i)
                let sum = w + (reverse ?? 0)
                s1 += sum * sum
                if reverse == nil { s1 += sum * sum } // the ordered pair (j, i) has the same term
            }
        }
        s1 /= 2
        var s2 = 0.0
        for i in 0..<count { let t = rowSums[i] + columnSums[i]; s2 += t * t }
        return (s0, s1, s2)
    }
}

/// How spatial weights are scaled.
public enum WeightsTransform: String, Hashable, Sendable, CaseIterable {
    /// 1 for every neighbour (libpysal "b").
    case binary = "B"
    /// 1/kᵢ for each of the kᵢ neighbours of area i (libpysal "r", GeoDa's default).
    case rowStandardised = "R"
}
