import QuartierBase

extension ArealInterpolation {
    /// Allocates every variable through a weight table.
    ///
    /// Extensive: t = Σₛ vₛ·wₛₜ/dₛ with dₛ = Σₜ wₛₜ (covered part) or the source's own weight (whole source).
    /// Intensive: t = Σₛ vₛ·wₛₜ / Σₛ wₛₜ over the sources with a value (tobler's intensive rule).
    static func allocate(_ table: WeightTable, sources: [Zone], targets: [Zone], variables: [Variable],
                         denominator: ExtensiveDenominator, method: String) throws(InputError) -> Result {
        for variable in variables where variable.values.count != sources.count {
            throw InputError(InputLocation(file: "sources", field: variable.name), found: "\(variable.values.count) values",
                             expected: "one per source area (\(sources.count))")
        }
        var notes: [String] = []
        var columns: [Column] = []
        for variable in variables {
            var sums = [Double](repeating: 0, count: targets.count)
            var weightSums = [Double](repeating: 0, count: targets.count)
            var touched = [Bool](repeating: false, count: targets.count)
            for entry in table.entries {
                guard let value = variable.values[entry.source] else { continue }
                switch variable.kind {
                case .extensive:
                    let d = denominator == .coveredPart ? table.sourceTotals[entry.source] : table.sourceWeights[entry.source]
                    if d > 0 { sums[entry.target] += value * entry.weight / d; touched[entry.target] = true }
                case .intensive:
                    sums[entry.target] += value * entry.weight
                    weightSums[entry.target] += entry.weight
                    touched[entry.target] = true
                }
            }
            let missing = sources.indices.filter { variable.values[$0] == nil }.map { sources[$0].id }
            var values = [Double?](repeating: nil, count: targets.count)
            var coverage: [Double]?
            var sourceTotal = 0.0
            switch variable.kind {
            case .extensive:
                for t in targets.indices where touched[t] { values[t] = sums[t] }
                sourceTotal = variable.values.reduce(0) { $0 + ($1 ?? 0) }
            case .intensive:
                var all = [Double](repeating: 0, count: targets.count)
                for entry in table.entries { all[entry.target] += entry.weight }
                coverage = targets.indices.map { all[$0] > 0 ? weightSums[$0] / all[$0] : 0 }
                for t in targets.indices where weightSums[t] > 0 { values[t] = sums[t] / weightSums[t] }
                for entry in table.entries { if let v = variable.values[entry.source] { sourceTotal += v * entry.weight } }
            }
            let targetTotal: Double = switch variable.kind {
            case .extensive: values.reduce(0) { $0 + ($1 ?? 0) }
            case .intensive: targets.indices.reduce(0) { $0 + (values[$1] ?? 0) * weightSums[$1] }
            }
            if !missing.isEmpty {
                notes.append("\(variable.name): \(missing.count) source(s) without a value skipped (\(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : ""))")
            }
            let empty = targets.indices.filter { values[$0] == nil }
            if !empty.isEmpty {
                notes.append("\(variable.name): \(empty.count) target(s) without a value: no overlapping source has one")
            }
            columns.append(Column(name: variable.name, kind: variable.kind, values: values, sourceTotal: sourceTotal,
                                  targetTotal: targetTotal, coverage: coverage, missingSources: missing))
        }
        var rowHasEntry = [Bool](repeating: false, count: sources.count)
        var columnHasEntry = [Bool](repeating: false, count: targets.count)
        for entry in table.entries { rowHasEntry[entry.source] = true; columnHasEntry[entry.target] = true }
        let unallocated = sources.indices.filter { !rowHasEntry[$0] }.map { sources[$0].id }
        let orphans = targets.indices.filter { !columnHasEntry[$0] }.map { targets[$0].id }
        if !unallocated.isEmpty { notes.append("\(unallocated.count) source(s) overlap no target: their counts are not allocated") }
        if !orphans.isEmpty { notes.append("\(orphans.count) target(s) overlap no source") }
        return Result(method: method, targetIDs: targets.map(\.id), columns: columns, unallocatedSources: unallocated,
                      targetsWithoutSources: orphans, notes: notes)
    }
}
