extension MonitoringStoreTables {
    /// The gap tables of the `[[offers]]` inventories with `need` (`AccessGapTable`, made from the
    /// published results only), beside the published tables; empty for the internal view.
    /// - `published_access_gaps`: inventory, type, level, year, rank, area_id, name, need, access,
    ///   target_group, without_access;
    /// - `published_access_gap_summary`: inventory, type, level, year, need, access, high_need (the rule),
    ///   need_threshold, access_median, gaps, not_compared, high_need_share_without_access.
    public static func accessGaps(spec: MonitoringSpec, published: PublishedResults) -> [Table] {
        guard spec.offers.contains(where: { $0.need != nil }) else { return [] }
        let tables = published.isInternal ? [] : AccessGapTable.make(spec: spec, published: published)
        var rows: [[StoreValue]] = []
        var summary: [[StoreValue]] = []
        for t in tables {
            for (k, gap) in t.gaps.gaps.enumerated() {
                rows.append([.text(t.inventory), .text(t.type), .text(t.level), StoreValue(t.year), StoreValue(k + 1), .text(gap.id),
                             .text(published.name(level: t.level, id: gap.id)), StoreValue(gap.need), StoreValue(gap.access),
                             StoreValue(gap.targetGroup), StoreValue(gap.withoutAccess)])
            }
            summary.append([.text(t.inventory), .text(t.type), .text(t.level), StoreValue(t.year), .text(t.need), .text(t.access), .text(t.highNeed),
                            t.gaps.needThreshold.isNaN ? .null : StoreValue(t.gaps.needThreshold), t.gaps.accessMedian.isNaN ? .null : StoreValue(t.gaps.accessMedian),
                            StoreValue(t.gaps.gaps.count), StoreValue(t.gaps.notCompared), StoreValue(t.gaps.highNeedShareWithoutAccess)])
        }
        return [
            Table(name: "published_access_gaps",
                  columns: [.init("inventory", .text), .init("type", .text), .init("level", .text), .init("year", .integer), .init("rank", .integer),
                            .init("area_id", .text), .init("name", .text), .init("need", .real), .init("access", .real),
                            .init("target_group", .integer), .init("without_access", .integer)],
                  rows: rows, indexOn: ["inventory", "type", "year"],
                  description: "Gaps: areas with high need and low access, ranked (from published figures only)"),
            Table(name: "published_access_gap_summary",
                  columns: [.init("inventory", .text), .init("type", .text), .init("level", .text), .init("year", .integer), .init("need", .text),
                            .init("access", .text), .init("high_need", .text), .init("need_threshold", .real), .init("access_median", .real),
                            .init("gaps", .integer), .init("not_compared", .integer), .init("high_need_share_without_access", .real)],
                  rows: summary, indexOn: [],
                  description: "Gaps per inventory, type and year: the rules and the share of the high-need target group without an offer within the catchment"),
        ]
    }
}
