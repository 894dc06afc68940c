extension PublishedResults {
    /// The rank intervals that may be published with the index, keyed by area id: an area's simulated
    /// interval (`IndexRankUncertainty`) only where the gate publishes its index value and rank for the
    /// same year — the index's own rule, so an area whose index is suppressed (or invalid) gets no
    /// interval and no probability either. Every publishing output (atlas, report, exports) takes its
    /// intervals from here.
    public func rankIntervals(_ simulated: [IndexRankUncertainty.Summary]) -> [String: IndexRankUncertainty.Summary] {
        var shown: [String: IndexValue] = [:]
        for value in index where shown[value.areaID] == nil { shown[value.areaID] = value }
        var intervals: [String: IndexRankUncertainty.Summary] = [:]
        for summary in simulated where intervals[summary.areaID] == nil {
            guard let value = shown[summary.areaID], value.statusIndex != nil, let rank = value.rank,
                  rank == summary.rank, value.year == summary.year else { continue }
            intervals[summary.areaID] = summary
        }
        return intervals
    }
}
