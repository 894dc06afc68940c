import Dispatch
import Foundation
import QuartierBase
import QuartierGEOS
import QuartierGeometry
import QuartierPROJ
import Synchronization

extension AggregationAreas {
    /// Checks every area with GEOS (`GEOSisValidDetail_r`, OGC validity) on all cores.
    ///
    /// - Parameters:
    ///   - repair: replace an invalid area by GEOS's `GEOSMakeValid_r` (its areal part) instead of refusing.
    ///   - source: the file name for messages.
    /// - Returns: the ids of the repaired areas.
    /// - Throws: `InputError` naming the first invalid area (in id order) with GEOS's reason.
    public mutating func checkValidity(repair: Bool, source: String,
                                       threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [String] {
        let geometries = self.geometries
        let outcomes = Mutex([Outcome?](repeating: nil, count: geometries.count))
        let workers = max(1, min(threads, geometries.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let context = GEOSContext() // one per thread, never shared
            var i = w
            while i < geometries.count {
                let outcome = Self.check(geometries[i], repair: repair, context: context)
                outcomes.withLock { $0[i] = outcome }
                i += workers
            }
        }
        var repaired: [String] = []
        for (i, outcome) in outcomes.withLock({ $0 }).enumerated() {
            switch outcome {
            case .valid?, nil: continue
            case .invalid(let reason)?:
                throw InputError(InputLocation(file: source, feature: ids[i], field: "geometry"), found: "an invalid polygon (GEOS: \(reason))",
                                 expected: "a valid polygon (or --repair to let GEOS repair it)")
            case .repaired(let geometry)?:
                self.geometries[i] = geometry
                repaired.append(ids[i])
            case .failed(let message)?:
                throw InputError(InputLocation(file: source, feature: ids[i], field: "geometry"), found: "a geometry GEOS cannot read (\(message))",
                                 expected: "a valid polygon")
            }
        }
        return repaired
    }

    enum Outcome: Sendable {
        case valid
        case invalid(String)
        case repaired(MultiPolygon)
        case failed(String)
    }

    static func check(_ geometry: MultiPolygon, repair: Bool, context: GEOSContext) -> Outcome {
        guard !geometry.isEmpty else { return .valid }
        do {
            let handle = try GeometryHandle(geometry, context: context)
            guard let detail = try handle.validityDetail() else { return .valid }
            var reason = detail.reason
            if let p = detail.location { reason += " at (\(p.x) \(p.y))" }
            guard repair else { return .invalid(reason) }
            let fixed = try handle.makeValid().geometry()
            return .repaired(Self.arealPart(of: fixed))
        } catch {
            return .failed("\(error)")
        }
    }

    /// The polygons of a geometry (a repaired area may come back as a collection with lines).
    static func arealPart(of geometry: Geometry) -> MultiPolygon {
        switch geometry {
        case .polygon(let p): MultiPolygon(p.isEmpty ? [] : [p])
        case .multiPolygon(let m): m
        case .geometryCollection(let parts): MultiPolygon(parts.flatMap { arealPart(of: $0).polygons })
        default: .empty
        }
    }

    /// The areas transformed into `target` with PROJ (the areas, not the millions of points, are moved).
    /// - Throws: `InputError` naming both CRSs when the areas' CRS is unknown or PROJ cannot transform.
    public func transformed(to target: CRS, source: String) throws -> AggregationAreas {
        guard let crs else {
            throw InputError(InputLocation(file: source), found: "areas without a CRS but points in \(target)",
                             expected: "areas whose CRS is known, or no --crs")
        }
        if crs == target { return self }
        var copy = self
        do {
            let transformer = try CoordinateTransformer(from: crs, to: target)
            copy.geometries = try geometries.map { try transformer.transform($0) }
        } catch {
            throw InputError(InputLocation(file: source), found: "areas in \(crs) and points in \(target), which PROJ cannot transform (\(error))",
                             expected: "CRSs PROJ can transform between")
        }
        copy.crs = target
        return copy
    }
}
