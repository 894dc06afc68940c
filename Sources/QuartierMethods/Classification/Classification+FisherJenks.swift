extension Classification {
    /// Fisher–Jenks natural breaks: the partition of the sorted values into k contiguous classes with the
    /// smallest within-class sum of squared deviations — the exact optimum, not a heuristic.
    ///
    /// Sources: Fisher (1958), "On grouping for maximum homogeneity", JASA 53; Jenks (1977), "Optimal data
    /// classification for choropleth maps"; the dynamic programme with divide-and-conquer row
    /// optimisation of Wang & Song (2011), "Ckmeans.1d.dp: optimal k-means clustering in one dimension by
    /// dynamic programming", The R Journal 3(2), and its O(k·n·log n) refinement (Song & Zhong 2020).
    /// Sums are in `Double`, shifted by the median for accuracy (mapclassify accumulates in float32, which
    /// can pick a different partition when two are nearly equally good). Among equally good partitions
    /// the one with the larger last classes is taken (mapclassify's tie rule). Bins are the largest
    /// value of each class.
    ///
    /// When k exceeds the number m of distinct values, the optimum is one class per distinct value: the
    /// result has m classes and says so in `notes` (mapclassify raises an error).
    /// - Complexity: O(k·n·log n) time and O(k·n) memory after an O(n log n) sort.
    /// - Throws: `ClassificationError` when k < 2, k > n or the column is constant.
    public static func fisherJenks(_ values: [Double], k: Int) throws(ClassificationError) -> Classification {
        let sorted = try sortedChecked(values)
        try checkClassCount(k, sorted: sorted)
        let distinct = distinctCount(sorted)
        var notes: [String] = []
        let bins: [Double]
        if distinct <= k {
            var unique: [Double] = []
            for x in sorted where unique.last != x { unique.append(x) }
            bins = unique
            if distinct < k {
                notes.append("\(distinct) classes instead of \(k): only \(distinct) distinct values, one class each")
            }
        } else {
            bins = optimalBreaks(sorted, k: k)
        }
        return make(values, sorted: sorted, bins: bins, method: .fisherJenks(k: k), requested: k, notes: notes)
    }

    /// The class upper bounds of the optimal k-partition of sorted values (k ≤ distinct values).
    static func optimalBreaks(_ x: [Double], k: Int) -> [Double] {
        let n = x.count
        let shift = median(sorted: x)
        // Prefix sums of shifted values and their squares: s1[i] = Σ_{t<i} (x_t − shift).
        var s1 = [Double](repeating: 0, count: n + 1)
        var s2 = [Double](repeating: 0, count: n + 1)
        for i in 0..<n {
            let d = x[i] - shift
            s1[i + 1] = s1[i] + d
            s2[i + 1] = s2[i] + d * d
        }
        // Sum of squared deviations of x[j...i].
        @inline(__always) func ssq(_ j: Int, _ i: Int) -> Double {
            let sum = s1[i + 1] - s1[j]
            let r = s2[i + 1] - s2[j] - sum * sum / Double(i - j + 1)
            return r > 0 ? r : 0
        }
        // cost[q][i]: the optimal cost of x[0...i] in q + 1 classes; first[q][i]: the start of the last class.
        var previous = (0..<n).map { ssq(0, $0) }
        var current = [Double](repeating: 0, count: n)
        var first = [[Int32]](repeating: [], count: k)
        first[0] = [Int32](repeating: 0, count: n)
        for q in 1..<k {
            var starts = [Int32](repeating: 0, count: n)
            previous.withUnsafeBufferPointer { prev in
                current.withUnsafeMutableBufferPointer { cur in
                    starts.withUnsafeMutableBufferPointer { st in
                        // Rows i in q..<n; the optimal start j is monotone in i (Wang & Song 2011), so each
                        // middle row's search range is bounded by its neighbours' optima.
                        func solve(_ iLow: Int, _ iHigh: Int, _ jLow: Int, _ jHigh: Int) {
                            if iLow > iHigh { return }
                            let i = (iLow + iHigh) / 2
                            var best = Double.infinity
                            var bestJ = max(q, jLow)
                            // Scan j downwards and keep ties: the smallest start (largest last class) wins,
                            // the tie rule of Jenks's and mapclassify's `>=`.
                            var j = min(i, jHigh)
                            let lowest = max(q, jLow)
                            while j >= lowest {
                                let c = prev[j - 1] + ssq(j, i)
                                if c <= best { best = c; bestJ = j }
                                j -= 1
                            }
                            cur[i] = best
                            st[i] = Int32(bestJ)
                            solve(iLow, i - 1, jLow, bestJ)
                            solve(i + 1, iHigh, bestJ, jHigh)
                        }
                        solve(q, n - 1, q, n - 1)
                    }
                }
            }
            first[q] = starts
            swap(&previous, &current)
        }
        // Backtrack the starts of the classes from the last one.
        var bins = [Double](repeating: 0, count: k)
        var end = n - 1
        for q in stride(from: k - 1, through: 0, by: -1) {
            bins[q] = x[end]
            end = Int(first[q][end]) - 1
        }
        return bins
    }
}
