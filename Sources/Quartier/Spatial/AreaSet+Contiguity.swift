import QuartierMethods

extension AreaSet {
    /// Contiguity weights of the areas (see `SpatialWeights.contiguity`), ids in the set's order.
    /// - Throws: `SpatialError` for repeated ids or a bad snapping distance.
    public func contiguity(rule: ContiguityRule, snap: Double? = nil, transform: WeightsTransform = .binary) throws(SpatialError) -> SpatialWeights {
        try SpatialWeights.contiguity(areas.map(\.geometry), ids: areas.map(\.id), rule: rule, snap: snap, transform: transform)
    }
}
