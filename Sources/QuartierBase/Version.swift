/// Quartier's version, written into every output's provenance.
public enum QuartierVersion {
    public static let string = "0.1.0"
}
