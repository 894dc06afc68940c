import Quartier
/// The primary disclosure rules a monitoring applies before anything is published, as German
/// statistics offices and the Bundesagentur für Arbeit practise them (METHODS.md, "Disclosure
/// control"): areas below a minimum population get no figures; a rate whose numerator is a small
/// count (1 … `smallCountLimit`) is suppressed with its count. Suppressed cells show `marker`, never 0.
///
/// Secondary suppression of tables with totals (so that no suppressed cell can be recomputed from the
/// published totals) is `quartier disclosure apply`, on the tables one publishes.
public struct PublicationRules: Sendable, Hashable {
    /// Areas with fewer records (or inhabitants) than this publish nothing (0: no such rule).
    public var minimumPopulation: Int
    /// Numerators 1 … this are suppressed (0: none). Default 2.
    public var smallCountLimit: Int
    public var marker: String

    public init(minimumPopulation: Int = 0, smallCountLimit: Int = 2, marker: String = ".") {
        self.minimumPopulation = minimumPopulation
        self.smallCountLimit = smallCountLimit
        self.marker = marker
    }

    /// Why a value of an area with `population` records and `numerator` must not be published, if so.
    public func suppression(population: Int64?, numerator: Int64?) -> String? {
        if minimumPopulation > 0, let population, population < Int64(minimumPopulation) {
            return "fewer than \(minimumPopulation) inhabitants"
        }
        if let numerator, numerator >= 1, numerator <= Int64(smallCountLimit) {
            return "count of 1 to \(smallCountLimit)"
        }
        return nil
    }
}
