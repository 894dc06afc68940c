extension Classification {
    /// Equal-interval classes: k classes of width (max − min)/k, the last break the maximum
    /// (Slocum et al. 2009, Thematic Cartography; breaks formed as mapclassify's `EqualInterval`:
    /// min + width + i·width).
    /// - Throws: `ClassificationError` when k < 2, k > n or the column is constant.
    public static func equalInterval(_ values: [Double], k: Int) throws(ClassificationError) -> Classification {
        let sorted = try sortedChecked(values)
        try checkClassCount(k, sorted: sorted)
        let minimum = sorted[0], maximum = sorted[sorted.count - 1]
        let width = (maximum - minimum) / Double(k)
        let start = minimum + width
        // numpy.arange(start, max + width, width): ceil((stop − start)/step) values start + i·step.
        let length = min(k, Int((((maximum + width) - start) / width).rounded(.up)))
        var bins = (0..<length).map { start + Double($0) * width }
        bins[bins.count - 1] = maximum
        return make(values, sorted: sorted, bins: bins, method: .equalInterval(k: k), requested: k, notes: [])
    }
}
