/// The weights folded onto the upper triangle for the permutation loops.
///
/// zᵀWz = Σᵢ wᵢᵢ·zᵢ² + Σ_{i<j} (wᵢⱼ + wⱼᵢ)·zᵢ·zⱼ, so each neighbour pair is visited once instead of twice
/// (half the random reads per permutation), for any weights, symmetric or not. Stored in compressed rows.
struct CompactWeights {
    var rowStart: [Int32]
    var columns: [Int32]
    var values: [Double]
    var diagonal: [Double]

    init(_ w: SpatialWeights) {
        var pairs: [(i: Int32, j: Int32, w: Double)] = []
        pairs.reserveCapacity(w.nonZero)
        diagonal = [Double](repeating: 0, count: w.count)
        for i in 0..<w.count {
            for (j, weight) in zip(w.neighbours[i], w.weights[i]) {
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

    /// Σᵢ zᵢ·(Wz)ᵢ.
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
