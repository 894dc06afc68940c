/// The weights folded onto the upper triangle for the permutation loops, areas renumbered for locality.
///
/// zᵀWz = Σᵢ wᵢᵢ·zᵢ² + Σ_{i<j} (wᵢⱼ + wⱼᵢ)·zᵢ·zⱼ, so each neighbour pair is visited once instead of twice
/// (half the random reads per permutation), for any weights, symmetric or not. Stored in compressed rows.
/// The areas are renumbered in Cuthill–McKee order (Cuthill & McKee 1969: breadth-first from a
/// low-degree area), so that neighbours have nearby numbers and their values sit in the same cache
/// lines; a permutation test does not depend on the numbering. Use `reordered(_:)` on values first.
struct CompactWeights {
    var rowStart: [Int32]
    var columns: [Int32]
    var values: [Double]
    var diagonal: [Double]
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
        rowStart = [Int32](repeating: 0, count: w.count + 1)
        columns = []
        values = []
        columns.reserveCapacity(pairs.count / 2 + 1)
        values.reserveCapacity(pairs.count / 2 + 1)
        var previous: (Int32, Int32)? = nil
        var rowCounts = [Int32](repeating: 0, count: w.count)
        for pair in pairs {
            if let previous, previous == (pair.i, pair.j) {
                values[values.count - 1] += pair.w
            } else {
                columns.append(pair.j)
                values.append(pair.w)
                rowCounts[Int(pair.i)] += 1
                previous = (pair.i, pair.j)
            }
        }
        for i in 0..<w.count { rowStart[i + 1] = rowStart[i] + rowCounts[i] }
    }

    /// Values in the renumbered order.
    func reordered(_ z: [Double]) -> [Double] { order.map { z[$0] } }

    /// Σᵢ zᵢ·(Wz)ᵢ, z in the renumbered order.
    @inline(__always)
    func crossProduct(_ z: UnsafeBufferPointer<Double>) -> Double {
        rowStart.withUnsafeBufferPointer { start in
            columns.withUnsafeBufferPointer { col in
                values.withUnsafeBufferPointer { val in
                    diagonal.withUnsafeBufferPointer { diag in
                        var total = 0.0
                        for i in 0..<(start.count - 1) {
                            var lag = diag[i] * z[i]
                            for t in Int(start[i])..<Int(start[i + 1]) { lag += val[t] * z[Int(col[t])] }
                            total += z[i] * lag
                        }
                        return total
                    }
                }
            }
        }
    }
}
