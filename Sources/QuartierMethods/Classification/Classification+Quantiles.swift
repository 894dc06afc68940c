extension Classification {
    /// Quantile classes: breaks at the k-quantiles p = 1/k, 2/k, …, 1 by linear interpolation between
    /// order statistics (Hyndman & Fan 1996 type 7, scipy's `scoreatpercentile`, as mapclassify's `Quantiles`).
    ///
    /// Tied values can make two quantiles equal; they are merged, so fewer than k classes result, and
    /// `notes` says which quantiles coincided (mapclassify merges them with only a warning).
    /// - Throws: `ClassificationError` when k < 2, k > n or the column is constant.
    public static func quantiles(_ values: [Double], k: Int) throws(ClassificationError) -> Classification {
        let sorted = try sortedChecked(values)
        try checkClassCount(k, sorted: sorted)
        let n = sorted.count
        // The percentiles as mapclassify forms them: numpy.arange(w, 100 + w, w), the last clamped to 100.
        let w = 100.0 / Double(k)
        let length = Int((((100.0 + w) - w) / w).rounded(.up))
        var percentiles = (0..<length).map { w + Double($0) * w }
        if percentiles[length - 1] > 100 { percentiles[length - 1] = 100 }
        var breaks: [Double] = []
        var merged: [String] = []
        for (index, pct) in percentiles.enumerated() {
            let idx = pct / 100.0 * Double(n - 1)
            let i = Int(idx)
            let q: Double
            if Double(i) == idx {
                q = sorted[i]
            } else {
                let a = Double(i + 1) - idx, b = idx - Double(i)
                q = (sorted[i] * a + sorted[i + 1] * b) / (a + b)
            }
            if let last = breaks.last, last == q {
                merged.append("quantile \(index + 1)/\(k) equals quantile \(index)/\(k) (\(q))")
            } else {
                breaks.append(q)
            }
        }
        var notes: [String] = []
        if breaks.count < k {
            notes.append("\(breaks.count) classes instead of \(k): tied values make quantiles coincide (\(merged.joined(separator: "; ")))")
        }
        return make(values, sorted: sorted, bins: breaks, method: .quantiles(k: k), requested: k, notes: notes)
    }
}
