extension Classification {
    /// Head/tail breaks for heavy-tailed distributions: break at the mean, keep the values above it
    /// (the head) and repeat (Jiang 2013, "Head/tail breaks: a new classification scheme for data with a
    /// heavy-tailed distribution", The Professional Geographer 65(3)).
    ///
    /// With `.singleValue` the loop runs until the head holds one distinct value, whose mean (the
    /// maximum) is the last break — mapclassify's `HeadTailBreaks`. With `.headShare(s)` it stops once
    /// the head holds more than the share s of the values it was split from (Jiang's rule, s = 0.4),
    /// and the maximum closes the last class.
    /// - Throws: `ClassificationError` for empty, non-finite or constant input, or a share outside (0, 1).
    public static func headTail(_ values: [Double], stop: HeadTailStop = .singleValue) throws(ClassificationError) -> Classification {
        let sorted = try sortedChecked(values)
        try checkNotConstant(sorted)
        if case .headShare(let s) = stop, !(s > 0 && s < 1) {
            throw ClassificationError("head share \(s): expected a number between 0 and 1")
        }
        var bins: [Double] = []
        var current = sorted[...]
        while true {
            let m = current.reduce(0, +) / Double(current.count)
            if let last = bins.last, last == m { break }
            bins.append(m)
            guard current.first != current.last else { break }
            // `current` is sorted: the head is the suffix above the mean.
            let head = current.drop { $0 <= m }
            if case .headShare(let s) = stop, Double(head.count) > s * Double(current.count) || head.isEmpty { break }
            current = head
        }
        let maximum = sorted[sorted.count - 1]
        if bins[bins.count - 1] < maximum { bins.append(maximum) }
        return make(values, sorted: sorted, bins: bins, method: .headTail(stop: stop), requested: nil, notes: [])
    }
}
