/// The weights in compressed-row form for the permutation loops (one allocation, no nested arrays).
struct CompactWeights {
    var rowStart: [Int]
    var columns: [Int32]
    var values: [Double]

    init(_ w: SpatialWeights) {
        rowStart = [0]
        rowStart.reserveCapacity(w.count + 1)
        columns = []
        values = []
        columns.reserveCapacity(w.nonZero)
        values.reserveCapacity(w.nonZero)
        for i in 0..<w.count {
            columns.append(contentsOf: w.neighbours[i].map { Int32($0) })
            values.append(contentsOf: w.weights[i])
            rowStart.append(columns.count)
        }
    }

    /// Σᵢ zᵢ·(Wz)ᵢ.
    @inline(__always)
    func crossProduct(_ z: UnsafeBufferPointer<Double>) -> Double {
        rowStart.withUnsafeBufferPointer { start in
            columns.withUnsafeBufferPointer { col in
                values.withUnsafeBufferPointer { val in
                    var total = 0.0
                    for i in 0..<(start.count - 1) {
                        var lag = 0.0
                        for t in start[i]..<start[i + 1] { lag += val[t] * z[Int(col[t])] }
                        total += z[i] * lag
                    }
                    return total
                }
            }
        }
    }
}
