// The engine re-exports the pure aggregation (QuartierAggregation: locator, exact orientation,
// aggregator, boundary rule, spec and summary), so that the engine's own parts (areas, monitoring,
// synthetic city) and its users see one `Quartier` API while the aggregation stays a target of its own
// that imports no C module.
@_exported import QuartierAggregation
