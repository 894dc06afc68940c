extension Classification {
    /// Classes with breaks given by the user, right-closed; the maximum is appended as a last break when
    /// it lies above the last given break (as mapclassify's `UserDefined`), so every value has a class.
    /// - Throws: `ClassificationError` for no breaks, non-finite or not strictly ascending breaks.
    public static func userBreaks(_ values: [Double], breaks: [Double]) throws(ClassificationError) -> Classification {
        let sorted = try sortedChecked(values)
        guard !breaks.isEmpty else { throw ClassificationError("no breaks given") }
        guard breaks.allSatisfy(\.isFinite), zip(breaks, breaks.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ClassificationError("breaks \(breaks): expected finite and strictly ascending")
        }
        var bins = breaks
        var notes: [String] = []
        let maximum = sorted[sorted.count - 1]
        if bins[bins.count - 1] < maximum {
            bins.append(maximum)
            notes.append("the maximum \(maximum) lies above the last break: appended as the upper bound of a last class")
        }
        return make(values, sorted: sorted, bins: bins, method: .userBreaks(breaks), requested: nil, notes: notes)
    }
}
