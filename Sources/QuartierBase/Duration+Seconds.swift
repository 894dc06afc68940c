extension Duration {
    /// The duration in seconds as a `Double` (for timings printed to people and in PHASES lines).
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
