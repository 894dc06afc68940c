extension Classification {
    /// Standard-deviation classes: breaks at mean + m·SD for each multiple m (ascending), and the
    /// maximum appended when above the last (Slocum et al. 2009; mapclassify's `StdMean`, which uses
    /// the sample SD: pass `.sample` to match it, `.population` for the MSS convention).
    ///
    /// Classes below the minimum stay in the result with a count of 0 (the legend stays symmetric).
    /// - Parameters:
    ///   - multiples: the multiples of the SD, ascending; mapclassify's default is [−2, −1, 1, 2].
    ///   - divisor: the SD's divisor, n − 1 or n.
    /// - Throws: `ClassificationError` for no multiples, unsorted multiples or a constant column.
    public static func standardDeviation(_ values: [Double], multiples: [Double] = [-2, -1, 1, 2],
                                         divisor: StandardDeviationDivisor) throws(ClassificationError) -> Classification {
        let sorted = try sortedChecked(values)
        guard !multiples.isEmpty else { throw ClassificationError("no SD multiples given: expected e.g. -2,-1,1,2") }
        guard zip(multiples, multiples.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ClassificationError("SD multiples \(multiples): expected strictly ascending")
        }
        try checkNotConstant(sorted)
        let n = Double(values.count)
        guard divisor == .population || values.count > 1 else {
            throw ClassificationError("one value: the sample SD (divisor n-1) is undefined")
        }
        let m = mean(values)
        let ss = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        let sd = (ss / (divisor == .sample ? n - 1 : n)).squareRoot()
        var bins = multiples.map { m + sd * $0 }
        let maximum = sorted[sorted.count - 1]
        var notes: [String] = ["mean \(m), SD \(sd) (divisor \(divisor.rawValue))"]
        if bins[bins.count - 1] < maximum {
            bins.append(maximum)
        } else {
            notes.append("the last break \(bins[bins.count - 1]) is at or above the maximum \(maximum): no class is appended")
        }
        return make(values, sorted: sorted, bins: bins, method: .standardDeviation(multiples: multiples, divisor: divisor),
                    requested: nil, notes: notes)
    }
}
