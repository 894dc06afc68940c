extension Classification {
    /// Classifies `values` with `method`.
    ///
    /// - Throws: `ClassificationError` for an empty or non-finite input, k < 2, k > n, a constant
    ///   column (for every method but user breaks), unsorted user breaks or a non-positive SD.
    public static func classify(_ values: [Double], method: ClassificationMethod) throws(ClassificationError) -> Classification {
        switch method {
        case .quantiles(let k): try quantiles(values, k: k)
        case .equalInterval(let k): try equalInterval(values, k: k)
        case .standardDeviation(let multiples, let divisor): try standardDeviation(values, multiples: multiples, divisor: divisor)
        case .fisherJenks(let k): try fisherJenks(values, k: k)
        case .headTail(let stop): try headTail(values, stop: stop)
        case .userBreaks(let breaks): try userBreaks(values, breaks: breaks)
        }
    }

    /// Checks the values (finite, non-empty) and returns them sorted ascending.
    static func sortedChecked(_ values: [Double]) throws(ClassificationError) -> [Double] {
        guard !values.isEmpty else { throw ClassificationError("no values to classify") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ClassificationError("value \(bad + 1) is \(values[bad]): expected finite numbers (drop missing values first)")
        }
        return values.sorted()
    }

    /// Checks k against n and the number of distinct values.
    static func checkClassCount(_ k: Int, sorted: [Double]) throws(ClassificationError) {
        guard k >= 2 else { throw ClassificationError("k = \(k) classes: expected at least 2") }
        guard k <= sorted.count else {
            throw ClassificationError("k = \(k) classes for \(sorted.count) values: expected k ≤ n")
        }
        try checkNotConstant(sorted)
    }

    static func checkNotConstant(_ sorted: [Double]) throws(ClassificationError) {
        if sorted.first == sorted.last {
            throw ClassificationError("all \(sorted.count) values equal \(sorted[0]): a constant column has no classes")
        }
    }

    /// The number of distinct values of a sorted array.
    static func distinctCount(_ sorted: [Double]) -> Int {
        var count = sorted.isEmpty ? 0 : 1
        for i in sorted.indices.dropFirst() where sorted[i] != sorted[i - 1] { count += 1 }
        return count
    }

    /// Assigns every value to its class by the right-closed rule and computes counts and fit measures.
    ///
    /// A value above the last bin falls into no interval; as mapclassify's `bin1d` does, it is put in
    /// class 0 — never happens for the methods here, which all end at the maximum.
    static func make(_ values: [Double], sorted: [Double], bins: [Double], method: ClassificationMethod,
                     requested: Int?, notes: [String]) -> Classification {
        var classOf = [Int](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: bins.count)
        for (i, y) in values.enumerated() {
            // First bin with y <= bin (binary search: bins ascending).
            var lo = 0, hi = bins.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if bins[mid] >= y { hi = mid } else { lo = mid + 1 }
            }
            let c = lo < bins.count ? lo : 0
            classOf[i] = c
            counts[c] += 1
        }
        // Fit measures on sorted values grouped by class.
        var members = [[Double]](repeating: [], count: bins.count)
        for (i, y) in values.enumerated() { members[classOf[i]].append(y) }
        let adam = sumAbsoluteDeviation(sorted, around: median(sorted: sorted))
        var adcm = 0.0
        var sdcm = 0.0
        for var group in members where !group.isEmpty {
            group.sort()
            adcm += sumAbsoluteDeviation(group, around: median(sorted: group))
            sdcm += sumSquaredDeviation(group)
        }
        let sdam = sumSquaredDeviation(sorted)
        return Classification(
            method: method, bins: bins, counts: counts, classOfValue: classOf, minimum: sorted[0],
            gadf: adam == 0 ? 1 : 1 - adcm / adam, gvf: sdam == 0 ? 1 : 1 - sdcm / sdam,
            requestedClasses: requested, notes: notes)
    }

    /// The median of sorted values (mean of the two middle values for even n, as numpy).
    static func median(sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func sumAbsoluteDeviation(_ values: [Double], around center: Double) -> Double {
        values.reduce(0) { $0 + abs($1 - center) }
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    static func sumSquaredDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    }
}
