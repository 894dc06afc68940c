import QuartierBase
import QuartierGeometry
import QuartierPROJ

/// Two inputs in different CRSs that a job may not mix.
public struct CRSMismatchError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var found: CRS
    public var expected: CRS

    public init(source: String, found: CRS, expected: CRS) {
        self.source = source
        self.found = found
        self.expected = expected
    }

    public var description: String {
        "\(source) is in \(found.definition.prefix(80)) but the job works in \(expected.definition.prefix(80)): transform it (e.g. --crs \(expected.definition.prefix(40))) or give data in \(expected.definition.prefix(40))"
    }
}

extension AreaSet {
    /// The areas with every vertex transformed into `target` by PROJ (x = easting/longitude).
    public func transformed(to target: CRS) throws -> AreaSet {
        guard target != crs else { return self }
        let transformer = try CoordinateTransformer(from: crs, to: target)
        var result = self
        for i in result.areas.indices {
            do {
                result.areas[i].geometry = try transformer.transform(result.areas[i].geometry)
            } catch {
                throw InputError(location(of: areas[i], field: "geometry"), found: error.description,
                                 expected: "coordinates that PROJ can transform from \(crs) to \(target)")
            }
        }
        result.crs = target
        result.crsSource = "transformed from \(crs.definition.prefix(60)) (\(crsSource))"
        return result
    }

    /// The areas in the job's working CRS: unchanged when they are in it, transformed when
    /// `transform` is true, else refused with a message naming both CRSs (never mixed silently).
    public func inWorkingCRS(_ working: CRS, transform: Bool) throws -> AreaSet {
        if crs == working || (try? crs.identified()) == working { return self }
        guard transform else { throw CRSMismatchError(source: source, found: crs, expected: working) }
        return try transformed(to: working)
    }

    /// PROJ's description of the set's CRS.
    public func describeCRS() throws -> CRSDescription {
        try crs.describe()
    }
}
