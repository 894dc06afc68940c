/// The simple baseline of secondary suppression: in every constraint (a total with its parts) that holds
/// exactly one suppressed cell, suppress its smallest other cell (ties: first in cell order); repeat until no
/// constraint holds exactly one.
///
/// This is the rule of thumb of hand-made suppression ("never leave a single suppressed cell in a row or
/// column"; Hundepool et al. 2012, §4.2.4). It stops differencing from a single total but gives no protection
/// interval and ignores combinations of constraints; it is kept to compare the number of cells with
/// ``SecondarySuppression``.
public enum BaselineSuppression {
    /// The baseline pattern for `status` (primary cells marked).
    public static func apply(to table: DisclosureTable, status primary: [CellStatus]) -> [CellStatus] {
        var status = primary
        var changed = true
        while changed {
            changed = false
            for constraint in table.constraints {
                let members = [constraint.total] + constraint.parts
                guard members.filter({ status[$0].isSuppressed }).count == 1 else { continue }
                let candidates = members.filter { !status[$0].isSuppressed }
                guard let smallest = candidates.min(by: { (table.cells[$0].value, $0) < (table.cells[$1].value, $1) }) else { continue }
                status[smallest] = .secondary
                changed = true
            }
        }
        return status
    }
}
