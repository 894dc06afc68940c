/// Indicator methods in pure Swift: rates and intervals, small-number smoothing, composite indices, rankings, classifications and spatial statistics.
public enum QuartierMethodsModule {}
