@testable import QuartierMonitoring

extension MonitoringSpec {
    /// Renames the level `old` everywhere the loaded spec names it — the level, parents, sources that
    /// enter at it, the index — as tests that plant hostile ids after loading need (the loader itself
    /// refuses such ids).
    mutating func renameLevel(_ old: String, to new: String) {
        for i in levels.indices {
            if levels[i].id == old { levels[i].id = new }
            if levels[i].parent == old { levels[i].parent = new }
        }
        for i in sources.indices {
            switch sources[i].kind {
            case .areaRecords(var records) where records.level == old:
                records.level = new
                sources[i].kind = .areaRecords(records)
            case .areaTable(var table) where table.level == old:
                table.level = new
                sources[i].kind = .areaTable(table)
            default: break
            }
        }
        if index?.level == old { index?.level = new }
    }
}
