import Foundation

/// The Townsend material deprivation index.
///
/// Source: P. Townsend, P. Phillimore, A. Beattie (1988), "Health and Deprivation: Inequality and the
/// North", and Townsend (1987), "Deprivation", J. Social Policy 16(2), 125–146: four census shares in
/// per cent, unemployment U and overcrowding O log-transformed as ln(x + 1) BEFORE standardising,
/// then index = z(ln(U+1)) + z(ln(O+1)) + z(no car) + z(not owner-occupied), unweighted z over the
/// areas with the SD divisor named (the original uses the population SD).
public enum Townsend {
    public struct Result: Sendable, Hashable {
        /// z of ln(U+1), ln(O+1), no car, not owner-occupied (indicator-major).
        public var z: [[Double]]
        public var index: [Double]
    }

    public static func compute(unemployment: [Double], overcrowding: [Double], noCar: [Double], notOwnerOccupied: [Double],
                               divisor: StandardDeviationDivisor = .population) -> Result {
        let columns = [unemployment.map { log($0 + 1) }, overcrowding.map { log($0 + 1) }, noCar, notOwnerOccupied]
        let z = columns.map { Standardization.zScores($0, divisor: divisor) }
        let index = (0..<unemployment.count).map { i in z.reduce(0) { $0 + $1[i] } }
        return Result(z: z, index: index)
    }
}

/// The Carstairs deprivation index.
///
/// Source: V. Carstairs, R. Morris (1991), "Deprivation and Health in Scotland", Aberdeen University
/// Press: overcrowding, male unemployment, no car, low social class (shares), each z-standardised
/// with the POPULATION-WEIGHTED mean and SD (weights = area population), then summed unweighted.
public enum Carstairs {
    public struct Result: Sendable, Hashable {
        public var z: [[Double]]
        public var index: [Double]
    }

    /// - Parameters:
    ///   - indicators: the shares (indicator-major), larger = more deprived.
    ///   - population: the weight of each area.
    public static func compute(indicators: [[Double]], population: [Double]) -> Result {
        let z = indicators.map { values -> [Double] in
            let (mean, sd) = Standardization.weightedMoments(values, weights: population)
            return values.map { ($0 - mean) / sd }
        }
        let index = population.indices.map { i in z.reduce(0) { $0 + $1[i] } }
        return Result(z: z, index: index)
    }
}
