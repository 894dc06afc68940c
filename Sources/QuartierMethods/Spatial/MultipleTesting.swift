/// Corrections of p-values for many simultaneous tests.
public enum MultipleTesting {
    /// Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate
    /// (Benjamini & Hochberg 1995, JRSS B 57): q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎·m/j, at most 1.
    /// nil entries (untested areas) stay nil and do not count in m.
    public static func benjaminiHochberg(_ p: [Double?]) -> [Double?] {
        let tested = p.indices.filter { p[$0] != nil }.sorted { (p[$0]!, $0) < (p[$1]!, $1) }
        let m = Double(tested.count)
        var result = [Double?](repeating: nil, count: p.count)
        var running = 1.0
        for rank in stride(from: tested.count, through: 1, by: -1) {
            let index = tested[rank - 1]
            running = min(running, p[index]! * m / Double(rank))
            result[index] = running
        }
        return result
    }

    /// Bonferroni adjusted p-values min(1, p·m) (Bonferroni 1936; Dunn 1961); nil entries stay nil and
    /// do not count in m.
    public static func bonferroni(_ p: [Double?]) -> [Double?] {
        let m = Double(p.compactMap { $0 }.count)
        return p.map { $0.map { min(1, $0 * m) } }
    }
}
