import Foundation

extension ReportClassification {
    /// Classes of an indicator for its map: quantile groups of the valid values (right-closed bounds).
    ///
    /// Break j of k is the value at position ⌈j·n/k⌉ (1-based) of the sorted valid values, i.e. the
    /// inverse of the empirical distribution function (Hyndman & Fan 1996, definition 1); class j holds
    /// the values in (break j−1; break j], the first class is closed below at the minimum. Equal breaks
    /// are merged, so ties never split. Suppressed and missing cells get no class (drawn hatched).
    /// For `higherIsBetter` indicators the classes are listed from high to low values, so the darkest
    /// fill still means the most disadvantage.
    public static func quantiles(of indicator: ReportIndicator, year: Int, areaIDs: [String], groups: Int = 5,
                                 language: ReportLanguage) -> ReportClassification {
        let values = areaIDs.compactMap { indicator.cell($0, year: year).number }.sorted()
        var breaks: [Double] = []
        if !values.isEmpty {
            let k = min(groups, values.count)
            for j in 1...k {
                let position = Int((Double(j * values.count) / Double(k)).rounded(.up)) - 1
                let value = values[min(position, values.count - 1)]
                if breaks.last != value { breaks.append(value) }
            }
        }
        var classes: [ReportClass] = []
        for (j, upper) in breaks.enumerated() {
            let label = language == .de ? "Gruppe \(j + 1) von \(breaks.count)" : "group \(j + 1) of \(breaks.count)"
            classes.append(ReportClass(id: j + 1, label: label, lower: j == 0 ? values.first : breaks[j - 1],
                                       lowerClosed: j == 0, upper: upper, upperClosed: true))
        }
        var entries: [String: ReportClassEntry] = [:]
        for id in areaIDs {
            let cell = indicator.cell(id, year: year)
            let classID = cell.number.flatMap { value in breaks.firstIndex { value <= $0 }.map { $0 + 1 } }
            entries[id] = ReportClassEntry(value: cell, rank: nil, classID: classID)
        }
        if indicator.direction == .higherIsBetter { classes.reverse() }
        return ReportClassification(label: indicator.label, classes: classes, entries: entries, palette: .orangeRed)
    }

    /// Number of level-0 areas per class id (areas without a class are not counted).
    public func counts(areaIDs: [String]) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for id in areaIDs { if let classID = entry(id).classID { counts[classID, default: 0] += 1 } }
        return counts
    }
}
