/// What the access runs of a monitoring give besides counts, per year and lowest-level area (ids
/// sorted): the floating-catchment sums (Σ over the target group of the persons' scores, a real number,
/// not a count), of the base and, with a scenario, of the scenario (`kitas/kita/2sfca_scenario`). Rolled
/// up the hierarchy by summing (`MonitoringRunner.rollUp`), divided by the summed target group last.
public struct AccessAreaSums: Sendable {
    /// year → key (`kitas/kita/2sfca`) → the sum per lowest-level area.
    public var scores: [Int: [String: [Double]]] = [:]
}
