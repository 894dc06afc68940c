import Foundation
import QuartierMonitoring

extension ReportModel {
    /// The access parts of a monitoring's report (see `ReportAccess`), for the newest year: per inventory
    /// and type, the access map (the gap access measure: coverage or a method's score), the gaps of the
    /// index level (`AccessGapTable`, made from the published results only) and, with a scenario, the
    /// coverage and scores of base and scenario.
    static func access(spec: MonitoringSpec, published: PublishedResults, indexLevel: String) -> [ReportAccess] {
        guard let year = spec.years.last else { return [] }
        let gapTables = AccessGapTable.make(spec: spec, published: published)
        var result: [ReportAccess] = []
        for inventory in spec.offers {
            for (type, _) in inventory.types {
                let ids = inventory.indicatorIDs(type: type)
                let accessKind = inventory.gapAccess
                var access = ReportAccess(title: "\(inventory.name): \(type)", year: year,
                                          accessIndicator: "\(inventory.name)_\(type)_\(accessKind)")
                if let table = gapTables.last(where: { $0.inventory == inventory.name && $0.type == type && $0.level == indexLevel }) {
                    let compared = published.indicators.filter {
                        $0.value.level == indexLevel && $0.value.year == table.year && $0.value.indicator == "\(inventory.name)_\(type)_coverage" && $0.suppressed == nil
                    }.map(\.value.areaID)
                    access.year = table.year
                    access.gap = ReportAccess.Gap(
                        rule: "\(table.highNeed); access: \(table.access) below the median \(table.gaps.accessMedian)",
                        compared: compared, highNeed: table.highNeedIDs,
                        rows: table.gaps.gaps.enumerated().map { k, gap in
                            ReportAccess.Gap.Row(rank: k + 1, areaID: gap.id, need: gap.need!, access: gap.access!,
                                                 targetGroup: gap.targetGroup, withoutAccess: gap.withoutAccess)
                        },
                        notCompared: table.gaps.notCompared, highNeedShareWithoutAccess: table.gaps.highNeedShareWithoutAccess)
                }
                if let scenario = inventory.scenario {
                    let kinds = ["coverage"] + inventory.methods.map(\.rawValue)
                    access.scenario = ReportAccess.Scenario(
                        name: URL(fileURLWithPath: scenario).lastPathComponent,
                        baseIndicators: kinds.map { kind in ids.first { $0.kind == kind }!.id },
                        scenarioIndicators: kinds.map { kind in ids.first { $0.kind == kind + "_scenario" }!.id })
                }
                result.append(access)
            }
        }
        return result
    }
}
