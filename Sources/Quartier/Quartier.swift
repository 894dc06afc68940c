/// The Quartier engine: area sets, aggregation of point records, monitoring runs and the GeoPackage store.
public enum QuartierModule {}
