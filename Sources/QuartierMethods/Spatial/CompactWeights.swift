/// The weights folded onto the upper triangle for the permutation loops, areas renumbered for locality.
///
/// zᵀWz = Σᵢ wᵢᵢ·zᵢ² + Σ_{i<j} (wᵢⱼ + wⱼᵢ)·zᵢ·zⱼ, so each neighbour pair is visited once instead of twice
/// (half the random reads per permutation), for any weights, symmetric or not. Stored as a flat pair list.
/// The areas are renumbered in Cuthill–McKee order (Cuthill & McKee 1969: breadth-first from a
/// low-degree area), so that neighbours have nearby numbers and their values sit in the same cache
/// lines; a permutation test does not depend on the numbering. Use `reordered(_:)` on values first.
struct CompactWeights {
    /// The pairs (rows[t] < columns[t]) with their folded weights wᵢⱼ + wⱼᵢ, sorted.
    var rows: [Int32]
    var columns: [Int32]
    var values: [Double]
    var diagonal: [Double]
    var hasDiagonal: Bool
    /// `order[k]` is the original index of the area numbered k.
    var order: [Int]

    init(_ w: SpatialWeights) {
        let n = w.count
        // Cuthill–McKee: breadth-first over each connected part, neighbours by ascending degree.
        var order: [Int] = []
        order.reserveCapacity(n)
        var visited = [Bool](repeating: false, count: n)
        let byDegree = (0..<n).sorted { (w.neighbours[$0].count, $0) < (w.neighbours[$1].count, $1) }
        var queue: [Int] = []
        for seed in byDegree where !visited[seed] {
            visited[seed] = true
            queue.removeAll(keepingCapacity: true)
            queue.append(seed)
            var head = 0
            while head < queue.count {
                let i = queue[head]
                head += 1
                order.append(i)
                for j in w.neighbours[i].sorted(by: { (w.neighbours[$0].count, $0) < (w.neighbours[$1].count, $1) }) where !visited[j] {
                    visited[j] = true
                    queue.append(j)
                }
            }
        }
        self.order = order
        var number = [Int](repeating: 0, count: n)
        for (k, i) in order.enumerated() { number[i] = k }
        var pairs: [(i: Int32, j: Int32, w: Double)] = []
        pairs.reserveCapacity(w.nonZero)
        diagonal = [Double](repeating: 0, count: n)
        for original in 0..<n {
            let i = number[original]
            for (neighbour, weight) in zip(w.neighbours[original], w.weights[original]) {
                let j = number[neighbour]
                if i == j { diagonal[i] += weight } else { pairs.append(i < j ? (Int32(i), Int32(j), weight) : (Int32(j), Int32(i), weight)) }
            }
        }
        pairs.sort { ($0.i, $0.j) < ($1.i, $1.j) }
        rows = []
        columns = []
        values = []
        rows.reserveCapacity(pairs.count / 2 + 1)
        columns.reserveCapacity(pairs.count / 2 + 1)
        values.reserveCapacity(pairs.count / 2 + 1)
        for pair in pairs {
            if let lastRow = rows.last, lastRow == pair.i, columns[columns.count - 1] == pair.j {
                values[values.count - 1] += pair.w
            } else {
                rows.append(pair.i)
                columns.append(pair.j)
                values.append(pair.w)
            }
        }
        hasDiagonal = diagonal.contains { $0 != 0 }
    }

    /// Values in the renumbered order.
    func reordered(_ z: [Double]) -> [Double] { order.map { z[$0] } }

    /// Σᵢ zᵢ·(Wz)ᵢ, z in the renumbered order: one pass over the pairs with four independent sums
    /// (the additions of one running sum would wait on each other).
    @inline(__always)
    func crossProduct(_ z: UnsafeBufferPointer<Double>) -> Double {
        rows.withUnsafeBufferPointer { rowBuffer in
            columns.withUnsafeBufferPointer { columnBuffer in
                values.withUnsafeBufferPointer { valueBuffer in
                    let m = rowBuffer.count
                    guard m > 0, let r = rowBuffer.baseAddress, let c = columnBuffer.baseAddress, let v = valueBuffer.baseAddress,
                          let zp = z.baseAddress else { return diagonalTerm(z) }
                    var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
                    var t = 0
                    while t + 4 <= m {
                        a0 += v[t] * zp[Int(r[t])] * zp[Int(c[t])]
                        a1 += v[t + 1] * zp[Int(r[t + 1])] * zp[Int(c[t + 1])]
                        a2 += v[t + 2] * zp[Int(r[t + 2])] * zp[Int(c[t + 2])]
                        a3 += v[t + 3] * zp[Int(r[t + 3])] * zp[Int(c[t + 3])]
                        t += 4
                    }
                    while t < m {
                        a0 += v[t] * zp[Int(r[t])] * zp[Int(c[t])]
                        t += 1
                    }
                    return (a0 + a1) + (a2 + a3) + diagonalTerm(z)
                }
            }
        }
    }

    /// Σᵢ wᵢᵢ·zᵢ² (0 for contiguity weights, which have no diagonal).
    @inline(__always)
    private func diagonalTerm(_ z: UnsafeBufferPointer<Double>) -> Double {
        guard hasDiagonal else { return 0 }
        var sum = 0.0
        for i in 0..<diagonal.count { sum += diagonal[i] * z[i] * z[i] }
        return sum
    }
}
